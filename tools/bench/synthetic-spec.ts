/**
 * A synthetic OpenAPI 3.0 document with `operations` operations, shaped like a real CRUD API:
 * resources with list/create/get/update/delete, path and query parameters, JSON bodies with
 * shared component schemas, auth, and some uploads. Deterministic: same count, same document.
 */
export function syntheticSpec(operations: number): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {
    Error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'integer' }, message: { type: 'string' } } },
  };
  let count = 0;
  for (let resource = 0; count < operations; resource++) {
    const name = `resource${resource}`;
    const schema = `Resource${resource}`;
    schemas[schema] = {
      type: 'object',
      required: ['name', 'status'],
      properties: {
        id: { type: 'integer', format: 'int64', readOnly: true },
        name: { type: 'string', minLength: 1, maxLength: 64, example: `item ${resource}` },
        status: { type: 'string', enum: ['active', 'archived'] },
        createdAt: { type: 'string', format: 'date-time', readOnly: true },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 10 },
        owner: { $ref: '#/components/schemas/Owner' },
      },
    };
    const ref = { $ref: `#/components/schemas/${schema}` };
    const json = (s: unknown) => ({ 'application/json': { schema: s } });
    const errors = { '404': { description: 'not found', content: json({ $ref: '#/components/schemas/Error' }) } };
    const idParam = { name: `${name}Id`, in: 'path', required: true, schema: { type: 'integer', format: 'int64', minimum: 1 } };
    const candidates: Array<[string, string, Record<string, unknown>]> = [
      [`/${name}s`, 'get', {
        operationId: `list${schema}s`,
        tags: [name],
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }],
        responses: { '200': { description: 'ok', content: json({ type: 'array', items: ref }) } },
      }],
      [`/${name}s`, 'post', {
        operationId: `create${schema}`,
        tags: [name],
        requestBody: { required: true, content: json(ref) },
        responses: { '201': { description: 'created', content: json(ref) } },
      }],
      [`/${name}s/{${name}Id}`, 'get', {
        operationId: `get${schema}`,
        tags: [name],
        parameters: [idParam],
        responses: { '200': { description: 'ok', content: json(ref) }, ...errors },
      }],
      [`/${name}s/{${name}Id}`, 'put', {
        operationId: `update${schema}`,
        tags: [name],
        parameters: [idParam],
        requestBody: { required: true, content: json(ref) },
        responses: { '200': { description: 'ok', content: json(ref) }, ...errors },
      }],
      [`/${name}s/{${name}Id}`, 'delete', {
        operationId: `delete${schema}`,
        tags: [name],
        parameters: [idParam],
        responses: { '204': { description: 'deleted' }, ...errors },
      }],
      [`/${name}s/{${name}Id}/attachments`, 'post', {
        operationId: `upload${schema}Attachment`,
        tags: [name],
        parameters: [idParam],
        requestBody: {
          content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } },
        },
        responses: { '201': { description: 'uploaded' } },
      }],
    ];
    for (const [path, method, operation] of candidates) {
      if (count >= operations) break;
      (paths[path] ??= {})[method] = operation;
      count++;
    }
  }
  schemas.Owner = { type: 'object', properties: { id: { type: 'integer' }, email: { type: 'string', format: 'email' } } };
  return {
    openapi: '3.0.3',
    info: { title: `Synthetic API (${operations} operations)`, version: '1.0.0' },
    servers: [{ url: 'https://api.example.com/v1' }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
