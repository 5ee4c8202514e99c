import { expect } from 'chai';
import type { MediaTypeModel, RequestBodyModel } from '../../src/model/index.js';
import { buildRequestTemplate, preferredContent } from '../../src/data/index.js';
import { apiModel, document30, operation } from './helpers.js';

function content(mediaType: string, schema: Record<string, unknown>): MediaTypeModel {
  return { mediaType, schema, examples: [], encoding: {}, pointer: `#/paths/~1pets/post/requestBody/content/${mediaType.replace('/', '~1')}` };
}

function body(contents: MediaTypeModel[]): RequestBodyModel {
  return { required: true, contents, pointer: '#/paths/~1pets/post/requestBody' };
}

const schemas = {
  Tag: { type: 'object', required: ['name'], properties: { name: { type: 'string' } }, xml: { name: 'tag' } },
  Pet: {
    type: 'object',
    required: ['id', 'name', 'photoUrls', 'tags'],
    xml: { name: 'pet', namespace: 'https://example.com/pets', prefix: 'p' },
    properties: {
      id: { type: 'integer', xml: { attribute: true } },
      name: { type: 'string', xml: { name: 'petName' } },
      photoUrls: { type: 'array', xml: { name: 'photoUrl' }, items: { type: 'string' } },
      tags: { type: 'array', xml: { wrapped: true }, items: { $ref: '#/components/schemas/Tag' } },
    },
  },
};

describe('data: XML request bodies', () => {
  it('XML is chosen only when there is no JSON, form, multipart or binary alternative', () => {
    const schema = { $ref: '#/components/schemas/Pet' };
    expect(preferredContent([content('application/xml', schema), content('application/json', schema)])?.mediaType).to.equal('application/json');
    expect(preferredContent([content('application/xml', schema), content('application/x-www-form-urlencoded', schema)])?.mediaType).to.equal('application/x-www-form-urlencoded');
    expect(preferredContent([content('text/plain', schema), content('application/xml', schema)])?.mediaType).to.equal('application/xml');
  });

  it('carries the root element name and the xml hints of every element of the value', () => {
    const template = buildRequestTemplate({
      model: apiModel({ document: document30(schemas) }),
      operation: operation({ requestBody: body([content('application/xml', { $ref: '#/components/schemas/Pet' })]) }),
      report: () => {},
    });
    expect(template.body?.mediaType).to.equal('application/xml');
    expect(template.body?.value).to.deep.equal({ id: 1, name: 'example', photoUrls: ['example'], tags: [{ name: 'example' }] });
    expect(template.body?.xml).to.deep.equal({
      name: 'pet',
      namespace: 'https://example.com/pets',
      prefix: 'p',
      properties: {
        id: { name: 'id', attribute: true },
        name: { name: 'petName' },
        // not wrapped: xml.name of the array itself is not used; items are named after the property
        photoUrls: { name: 'photoUrl', items: { name: 'photoUrls' } },
        tags: { name: 'tags', wrapped: true, items: { name: 'tag', properties: { name: { name: 'name' } } } },
      },
    });
  });

  it('names the root after the referenced component without xml.name, else "root"; JSON bodies carry no xml', () => {
    const plain = { Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } };
    const build = (schema: Record<string, unknown>, mediaType = 'application/xml') =>
      buildRequestTemplate({ model: apiModel({ document: document30(plain) }), operation: operation({ requestBody: body([content(mediaType, schema)]) }), report: () => {} }).body;
    expect(build({ $ref: '#/components/schemas/Owner' })?.xml?.name).to.equal('Owner');
    expect(build({ type: 'object', required: ['a'], properties: { a: { type: 'string' } } })?.xml?.name).to.equal('root');
    expect(build({ $ref: '#/components/schemas/Owner' }, 'application/json')).to.not.have.property('xml');
  });
});
