import { expect } from 'chai';
import { lightenResponseSchemas, readSpecDocument } from '../../tools/conformance/prism-spec.js';
import { fixtureSpec } from '../helpers/paths.js';

describe('conformance: the lightened spec copy for Prism', () => {
  const doc = readSpecDocument(fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'));
  const lightened = lightenResponseSchemas(doc, 1) as Record<string, any>;

  it('inlines response-schema refs to the given depth and accepts anything deeper', () => {
    const schema = lightened.paths['/pet/{petId}'].get.responses['200'].content['application/json'].schema;
    expect(schema.$ref).to.equal(undefined);
    expect(schema.required).to.deep.equal(['name', 'photoUrls']);
    expect(schema.properties.category).to.deep.equal({});
    const responseSchemas = Object.values(lightened.paths).flatMap((item: any) =>
      Object.values(item).flatMap((operation: any) => Object.values(operation.responses ?? {}).map((response: any) => response.content ?? {})),
    );
    expect(responseSchemas.length).to.be.greaterThan(10);
    expect(JSON.stringify(responseSchemas)).to.not.contain('$ref');
  });

  it('leaves parameters, request bodies and security as they are, keeping the component schemas they use', () => {
    expect(lightened.paths['/pet'].put.requestBody).to.deep.equal((doc.paths as any)['/pet'].put.requestBody);
    expect(lightened.paths['/pet/{petId}'].get.parameters).to.deep.equal((doc.paths as any)['/pet/{petId}'].get.parameters);
    expect(lightened.paths['/pet'].put.security).to.deep.equal((doc.paths as any)['/pet'].put.security);
    expect(Object.keys(lightened.components.schemas)).to.include.members(['Pet', 'Category', 'Tag', 'Order', 'User']);
    expect(Object.keys(lightened.components.schemas)).to.not.include('ApiResponse');
    expect(lightened.components.securitySchemes).to.deep.equal((doc.components as any).securitySchemes);
  });

  it('declines documents it cannot rewrite safely (Swagger 2.0)', () => {
    expect(lightenResponseSchemas(readSpecDocument(fixtureSpec('swagger-petstore-v2-1.0.0.json')), 2)).to.equal(undefined);
  });
});
