/**
 * The API samplePlan() plans: list, create and read items (the create → read lifecycle is a
 * workflow that carries the new item's id), one query parameter, one path parameter, a JSON
 * body and bearer auth, on a loopback server.
 */
export function sampleSpec(): Record<string, unknown> {
  const item = {
    type: 'object',
    required: ['name'],
    properties: { id: { type: 'integer', readOnly: true, example: 7 }, name: { type: 'string', example: 'box' } },
  };
  const json = (schema: object) => ({ 'application/json': { schema } });
  return {
    openapi: '3.0.3',
    info: { title: 'Items', version: '1.0.0' },
    servers: [{ url: 'http://127.0.0.1:8080/api' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/items': {
        get: {
          operationId: 'listItems',
          tags: ['items'],
          parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, example: 20 } }],
          responses: { '200': { description: 'The items', content: json({ type: 'array', items: item }) } },
        },
        post: {
          operationId: 'createItem',
          tags: ['items'],
          requestBody: { required: true, content: json(item) },
          responses: { '201': { description: 'Created', content: json(item) } },
        },
      },
      '/items/{itemId}': {
        get: {
          operationId: 'getItem',
          tags: ['items'],
          parameters: [{ name: 'itemId', in: 'path', required: true, schema: { type: 'integer', example: 7 } }],
          responses: { '200': { description: 'The item', content: json(item) }, '404': { description: 'No such item' } },
        },
      },
    },
  };
}
