import type { ApiModel, JsonValue, OperationModel } from '../model/index.js';
import { exampleForSchema } from './example-for-schema.js';
import type { PatchTarget } from './json-patch.js';
import { isReadOnly, propertiesOf, schemaView } from './schema-view.js';
import { validatorFor } from './validator.js';
import { isIdName } from './variations/field-roles.js';

const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

/**
 * A member of the resource an operation patches, with a value a client may write to it: the
 * first writable scalar property that is not an id of the resource's schema, as the operation's own success
 * response (JSON) describes it, else the GET of the same path. Undefined when neither says.
 */
export function patchTarget(model: ApiModel, operation: OperationModel): PatchTarget | undefined {
  const sources = [operation, ...model.operations.filter((other) => other.method === 'get' && other.path === operation.path)];
  for (const source of sources) {
    const response = source.responses.find((candidate) => /^2/.test(candidate.status) && candidate.contents.some(isJson));
    const schema = response?.contents.find(isJson)?.schema;
    const view = schemaView(model.document, schema);
    if (view === undefined) continue;
    const target = firstWritableScalar(model.document, view);
    if (target !== undefined) return target;
  }
  return undefined;
}

function isJson(content: { mediaType: string }): boolean {
  return /^application\/(.+\+)?json\s*(;|$)/i.test(content.mediaType);
}

function firstWritableScalar(document: Record<string, unknown>, view: Record<string, unknown>): PatchTarget | undefined {
  const validator = validatorFor(document, 'request');
  for (const [member, schema] of Object.entries(propertiesOf(view))) {
    if (isReadOnly(document, schema) || isIdName(member)) continue;
    const type = schemaView(document, schema)?.type;
    if (typeof type !== 'string' || !SCALAR_TYPES.has(type)) continue;
    const value: JsonValue | undefined = exampleForSchema({ schema: schema as Record<string, unknown>, document, pointer: '#', report: () => {}, direction: 'request' });
    if (value !== undefined && validator.validate(schema, value).status === 'valid') return { member, value };
  }
  return undefined;
}
