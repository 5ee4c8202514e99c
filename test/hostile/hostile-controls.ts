import type { JsonObject } from '../helpers/hostile-classes/types.js';

/**
 * Plain specs of the shapes the seeded run generates (one operation or several, a resource with
 * create → read → delete so workflows are planned, OpenAPI 3 and Swagger 2, loopback, relative,
 * remote and no server), with nothing hostile: the first two lines of their files and the fixed
 * words of their run commands are what every hostile spec's outputs are compared with.
 */

const ok = { '200': { description: 'ok' } };
const item = { type: 'object', required: ['name'], properties: { id: { type: 'string' }, name: { type: 'string' } } };

function oas3(servers: JsonObject[], paths: JsonObject): JsonObject {
  return {
    openapi: '3.0.3',
    info: { title: 'control', version: '1' },
    servers,
    security: [{ key: [] }],
    components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
    paths,
  };
}

const crud: JsonObject = {
  '/items': {
    post: { operationId: 'createItem', requestBody: { required: true, content: { 'application/json': { schema: item } } }, responses: { '201': { description: 'created', content: { 'application/json': { schema: item } } } } },
    get: { operationId: 'listItems', responses: ok },
  },
  '/items/{id}': {
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    get: { operationId: 'getItem', responses: { '200': { description: 'ok', content: { 'application/json': { schema: item } } } } },
    put: { operationId: 'updateItem', requestBody: { required: true, content: { 'application/json': { schema: item } } }, responses: ok },
    delete: { operationId: 'deleteItem', responses: { '204': { description: 'deleted' } } },
  },
};

function gets(count: number): JsonObject {
  const paths: JsonObject = {};
  for (let index = 0; index < count; index++) paths[`/things/${index}`] = { get: { operationId: `getThing${index}`, responses: ok } };
  return paths;
}

export function controlDocuments(): JsonObject[] {
  return [
    oas3([{ url: 'http://127.0.0.1:8080/api' }], gets(1)),
    oas3([{ url: 'http://127.0.0.1:8080/api' }], gets(2)),
    oas3([{ url: '/relative' }], { ...crud, ...gets(1) }),
    oas3([{ url: 'https://api.example.com/v1' }], { ...crud, ...gets(3) }),
    oas3([], gets(5)),
    {
      swagger: '2.0',
      info: { title: 'control', version: '1' },
      host: '127.0.0.1:8080',
      basePath: '/v1',
      schemes: ['http'],
      securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
      security: [{ key: [] }],
      paths: {
        '/things': { post: { operationId: 'createThing', parameters: [{ name: 'body', in: 'body', required: true, schema: item }], responses: { '201': { description: 'created', schema: item } } } },
        '/things/{id}': { get: { operationId: 'getThing', parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }], responses: ok } },
      },
    },
  ];
}
