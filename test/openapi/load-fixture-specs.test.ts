import { expect } from 'chai';
import { loadSpec } from '../../src/openapi/index.js';
import { resolveLocalPointer } from '../../src/openapi/json-pointer.js';
import { fixtureSpec } from '../helpers/paths.js';
import { operation } from './helpers.js';

describe('loadSpec on the spec fixtures', () => {
  it('maps the Swagger 2.0 petstore (JSON) onto the OpenAPI 3 shaped model', async () => {
    const { model, diagnostics } = await loadSpec({ file: fixtureSpec('swagger-petstore-v2-1.0.0.json') });
    expect(diagnostics).to.deep.equal([]);
    expect(model.kind).to.equal('swagger-2.0');
    expect(model.specVersion).to.equal('2.0');
    expect(model.title).to.equal('Swagger Petstore');
    expect(model.servers).to.deep.equal([{ url: 'http://petstore.swagger.io/v2', variables: {} }]);
    expect(model.operations).to.have.length(20);
    expect(model.operations.slice(0, 3).map((op) => op.id)).to.deep.equal(['updatePet', 'addPet', 'findPetsByStatus']);

    expect(model.securitySchemes.api_key).to.deep.equal({ type: 'apiKey', in: 'header', name: 'api_key' });
    const oauth = model.securitySchemes.petstore_auth;
    expect(oauth.type).to.equal('oauth2');
    if (oauth.type === 'oauth2') expect(oauth.flows.implicit?.authorizationUrl).to.equal('http://petstore.swagger.io/oauth/dialog');

    const addPet = operation(model.operations, 'addPet');
    expect(addPet.requestBody?.required).to.equal(true);
    expect(addPet.requestBody?.contents.map((c) => c.mediaType)).to.deep.equal(['application/json', 'application/xml']);
    expect(addPet.requestBody?.contents[0].schema).to.deep.equal({ $ref: '#/definitions/Pet' });
    // Schema refs stay valid against the (original Swagger) document.
    expect(resolveLocalPointer(model.document, '#/definitions/Pet')).to.be.an('object');

    const byStatus = operation(model.operations, 'findPetsByStatus');
    expect(byStatus.parameters[0]).to.include({ name: 'status', in: 'query', required: true, style: 'form', explode: true });
    expect(byStatus.responses[0].contents.map((c) => c.mediaType)).to.deep.equal(['application/xml', 'application/json']);

    const upload = operation(model.operations, 'uploadFile');
    expect(upload.requestBody?.contents.map((c) => c.mediaType)).to.deep.equal(['multipart/form-data']);
    expect(upload.requestBody?.contents[0].schema).to.deep.include({ type: 'object' });
    expect((upload.requestBody?.contents[0].schema?.properties as Record<string, unknown>).file).to.deep.equal({ type: 'string', format: 'binary' });

    const form = operation(model.operations, 'updatePetWithForm');
    expect(form.requestBody?.contents.map((c) => c.mediaType)).to.deep.equal(['application/x-www-form-urlencoded']);
    expect(operation(model.operations, 'getPetById').security).to.deep.equal([{ api_key: [] }]);
    expect(operation(model.operations, 'findPetsByTags').deprecated).to.equal(true);
  });

  it('reads the OpenAPI 3.0 petstore: bodies, parameters, security alternatives', async () => {
    const { model, diagnostics } = await loadSpec({ file: fixtureSpec('swagger-petstore-oas3-1.0.27.yaml') });
    expect(diagnostics).to.deep.equal([]);
    expect(model.kind).to.equal('openapi-3.0');
    expect(model.servers).to.deep.equal([{ url: 'https://petstore3.swagger.io/api/v3', variables: {} }]);
    expect(model.operations).to.have.length(19);
    const updatePet = operation(model.operations, 'updatePet');
    expect(updatePet.method).to.equal('put');
    expect(updatePet.pointer).to.equal('#/paths/~1pet/put');
    expect(updatePet.requestBody?.contents.map((c) => c.mediaType)).to.deep.equal(['application/json', 'application/xml', 'application/x-www-form-urlencoded']);
    expect(updatePet.responses.map((r) => r.status)).to.deep.equal(['200', '400', '404', '422', 'default']);
    const upload = operation(model.operations, 'uploadFile');
    expect(upload.requestBody?.contents.map((c) => c.mediaType)).to.deep.equal(['application/octet-stream']);
    expect(upload.parameters.map((p) => `${p.in}:${p.name}`)).to.deep.equal(['path:petId', 'query:additionalMetadata']);
    expect(operation(model.operations, 'getPetById').security).to.deep.equal([{ api_key: [] }, { petstore_auth: ['write:pets', 'read:pets'] }]);
    expect(operation(model.operations, 'placeOrder').security).to.equal(undefined);
  });

  it('reads the OpenAPI 3.1 petstore: relative server, mutualTLS, webhook, and reports the $id ref', async () => {
    const file = fixtureSpec('swagger-petstore-oas31-1.0.10.yaml');
    const { model, diagnostics } = await loadSpec({ file });
    expect(model.kind).to.equal('openapi-3.1');
    expect(model.specVersion).to.equal('3.1.1');
    expect(model.servers).to.deep.equal([{ url: '/api/v31', variables: {} }]);
    expect(model.securitySchemes.mutual_tls).to.deep.equal({ type: 'mutualTLS' });
    expect(model.operations).to.have.length(6);
    expect(model.webhookCount).to.equal(1);
    expect(diagnostics).to.have.length(1);
    expect(diagnostics[0]).to.include({ code: 'spec/ref-schema-id-unsupported', pointer: '#/components/schemas/Pet/properties/petDetailsId', file });
    expect(diagnostics[0].message).to.contain('/components/schemas/petdetails#pet_details_id');
    // No ref left in the document that a JSON-pointer resolver cannot follow.
    expect(resolveLocalPointer(model.document, '#/components/schemas/Pet/properties/petDetailsId')).to.not.have.property('$ref');
  });

  it('derives ids for uber (no operationIds) and maps host/basePath/schemes and the query apiKey', async () => {
    const { model } = await loadSpec({ file: fixtureSpec('oai-uber-1.0.0.yaml') });
    expect(model.operations.map((op) => op.id)).to.deep.equal(['get_products', 'get_estimates_price', 'get_estimates_time', 'get_me', 'get_history']);
    expect(model.operations.every((op) => op.idDerived)).to.equal(true);
    expect(model.servers).to.deep.equal([{ url: 'https://api.uber.com/v1', variables: {} }]);
    expect(model.securitySchemes.apikey).to.deep.equal({ type: 'apiKey', in: 'query', name: 'server_token' });
    expect(operation(model.operations, 'get_products').parameters.map((p) => p.name)).to.deep.equal(['latitude', 'longitude']);
  });

  it('keeps USPTO server variables and the form-urlencoded search body', async () => {
    const { model } = await loadSpec({ file: fixtureSpec('oai-uspto-1.0.0.yaml') });
    expect(model.servers).to.have.length(1);
    expect(model.servers[0].url).to.equal('{scheme}://developer.uspto.gov/ds-api');
    expect(model.servers[0].variables.scheme).to.deep.include({ default: 'https', enum: ['https', 'http'] });
    const search = operation(model.operations, 'perform-search');
    expect(search.requestBody?.contents[0].mediaType).to.equal('application/x-www-form-urlencoded');
    expect(search.parameters.map((p) => p.name)).to.deep.equal(['version', 'dataset']);
  });

  it('maps every security scheme type of the ReadMe fixture', async () => {
    const { model } = await loadSpec({ file: fixtureSpec('readme-security-types-1.0.0.json') });
    const schemes = model.securitySchemes;
    expect(schemes.apiKey_cookie).to.include({ type: 'apiKey', in: 'cookie', name: 'api_key' });
    expect(schemes.apiKey_query).to.include({ type: 'apiKey', in: 'query', name: 'apiKey' });
    expect(schemes.basic).to.include({ type: 'http', scheme: 'basic' });
    expect(schemes.bearer_jwt).to.include({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(schemes.openIdConnect).to.include({ type: 'openIdConnect', openIdConnectUrl: 'https://example.com/.well-known/openid-configuration' });
    expect(schemes.mutualTLS).to.include({ type: 'mutualTLS' });
    const oauth = schemes.oauth2;
    expect(oauth.type).to.equal('oauth2');
    if (oauth.type === 'oauth2') {
      expect(Object.keys(oauth.flows)).to.deep.equal(['implicit', 'password', 'clientCredentials', 'authorizationCode']);
      expect(oauth.flows.authorizationCode?.tokenUrl).to.equal('http://example.com/oauth/token');
    }
    expect(model.operations).to.have.length(15);
    expect(operation(model.operations, 'get_anything_oauth2').security).to.deep.equal([{ oauth2_authorizationCode: ['write:things'] }]);
    expect(operation(model.operations, 'post_anything_no_auth').security).to.equal(undefined);
  });

  it('keeps response links as written', async () => {
    const { model } = await loadSpec({ file: fixtureSpec('oai-link-example-1.0.0.yaml') });
    const user = operation(model.operations, 'getUserByName');
    expect(user.path).to.equal('/2.0/users/{username}');
    const [link] = user.responses[0].links;
    expect(link).to.include({ name: 'userRepositories', operationId: 'getRepositoriesByOwner', pointer: '#/components/links/UserRepositories' });
    expect(link.parameters).to.deep.equal({ username: '$response.body#/username' });
    const pr = operation(model.operations, 'getPullRequestsById');
    expect(pr.responses[0].links[0]).to.include({ name: 'pullRequestMerge', operationId: 'mergePullRequest' });
  });
});
