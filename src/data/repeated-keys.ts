import type { JsonValue } from '../model/index.js';
import { exampleForSchema } from './example-for-schema.js';
import { appendPointer } from './json-pointer.js';
import type { SynthesisLimits } from './limits.js';
import { schemaView } from './schema-view.js';
import { validatorFor } from './validator.js';

export interface RepeatedKeysInput {
  value: JsonValue;
  schema: unknown;
  document: Record<string, unknown>;
  pointer: string;
  /** Size limits for the second item. */
  limits?: SynthesisLimits;
}

/**
 * An array written as repeated keys (a form body field without an encoding style, or a
 * `style: form, explode: true` query parameter) with one item is `name=a` on the wire, which
 * is ambiguous: a scalar looks the same, and a server that reads the form without the spec
 * takes it as one. `name=a&name=b` can only be a list. So such arrays carry a second item
 * when the schema allows one (maxItems, uniqueItems, enum and the rest: the result is
 * validated, and the value is left alone when no valid second item exists).
 */
export function withSecondItem(input: RepeatedKeysInput): JsonValue {
  const { value, document } = input;
  if (!Array.isArray(value) || value.length !== 1) return value;
  const view = schemaView(document, input.schema);
  if (view === undefined || !isArraySchema(view) || Array.isArray(view.items) || Array.isArray(view.prefixItems)) return value;
  if (typeof view.maxItems === 'number' && view.maxItems < 2) return value;
  const validator = validatorFor(document, 'request');
  const unique = view.uniqueItems === true;
  for (let variant = 1; variant <= 3; variant++) {
    const item = exampleForSchema({ schema: (view.items ?? {}) as Record<string, unknown>, document, pointer: appendPointer(input.pointer, 'items'), report: () => {}, direction: 'request', variant, limits: input.limits });
    if (item === undefined) return value;
    if (unique && JSON.stringify(item) === JSON.stringify(value[0])) continue;
    const candidate = [value[0], item];
    if (validator.validate(input.schema, candidate).status === 'valid') return candidate;
  }
  return value;
}

/** True when the value goes on the wire as one `name=item` pair per item. */
export function writesRepeatedKeys(style: string | undefined, explode: boolean | undefined): boolean {
  return (style === undefined || style === 'form') && explode !== false;
}

function isArraySchema(view: Record<string, unknown>): boolean {
  return view.type === 'array' || (Array.isArray(view.type) && view.type.includes('array')) || (view.type === undefined && view.items !== undefined);
}
