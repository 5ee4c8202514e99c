import { isDeepStrictEqual } from 'node:util';
import type { JsonValue } from '../model/index.js';
import { exampleForSchema } from './example-for-schema.js';
import type { SynthesisLimits } from './limits.js';
import { setOwn } from '../openapi/own-keys.js';
import { appendPointer } from './json-pointer.js';
import { isObject } from './schema-merge.js';
import { isReadOnly, propertiesOf, requiredNames, schemaView } from './schema-view.js';
import { resolveShallow } from './synthesize.js';
import { validatorFor } from './validator.js';

const MAX_DEPTH = 16;
/** Values generated to complete one deepObject value (each absent object a server would rebuild). */
const MAX_GENERATED = 200;

/**
 * Why deepObject values need care (a query parameter with `style: deepObject`, or a form
 * field whose `encoding` says so):
 *
 * - A validating server rebuilds the object from the schema, not from the keys it received.
 *   Prism 5 (`deserializeDeepObjectStyle`) builds every property whose schema says
 *   `type: object`, nested ones too, and every `type: array` property (as `[]`), even when the
 *   parameter was not sent at all, then validates the result. An object with required
 *   properties that the request leaves out therefore fails ("must have required property
 *   'enabled'"), although leaving out an optional parameter is valid. Such objects are sent,
 *   with their required properties.
 * - `a[b]=1` is how a property is written; an empty object writes nothing. A required object
 *   that is empty disappears from the request, so it carries at least one property.
 * - Prism reads a property whose schema does not say `type: object` or `type: array` (an
 *   `anyOf` of an array and `""`, as Stripe writes them) as the one value at `a[b]`, so an
 *   array written as `a[b][0]=x` is missing to it. A required property of that kind is sent
 *   as a scalar alternative the schema offers, when there is one.
 */
export interface DeepObjectInput {
  /** The value the request would send; undefined when it would leave the parameter out. */
  value: JsonValue | undefined;
  schema: unknown;
  document: Record<string, unknown>;
  /** A required parameter or field must not encode to nothing. */
  required: boolean;
  pointer: string;
  /** Size limits for the values generated to complete it. */
  limits?: SynthesisLimits;
}

/** The value to send for a deepObject parameter or field; undefined: leave it out. */
export function deepObjectValue(input: DeepObjectInput): JsonValue | undefined {
  const { document, schema, pointer } = input;
  const context: Context = { document, pointer, limits: input.limits, generated: 0 };
  const sent = input.value ?? (rebuiltWhenAbsent(document, schema) ? generateFor(context, schema, pointer) : undefined);
  if (sent === undefined) return undefined;
  const completed = complete(context, sent, schema, { nonEmpty: input.required || input.value === undefined, depth: 0, pointer });
  // Generated values are trusted as everywhere else; only what completing added is checked.
  if (isDeepStrictEqual(completed, sent)) return sent;
  if (validatorFor(document, 'request').validate(schema, completed).status !== 'invalid') return completed;
  return input.value;
}

/**
 * True when a server that rebuilds deepObject values from the schema (Prism) builds a value
 * for this schema that fails it unless the request sends one: an object with required
 * properties, or with such an object (or a non-empty array) among its properties.
 */
export function rebuiltWhenAbsent(document: Record<string, unknown>, schema: unknown): boolean {
  return rebuilt(document, schema, 0, new Set());
}

/** `visited`: schemas already answered in this walk (false, or the walk would have ended true), so cycles and shared schemas cost once. */
function rebuilt(document: Record<string, unknown>, schema: unknown, depth: number, visited: Set<object>): boolean {
  if (depth > MAX_DEPTH) return false;
  const view = schemaView(document, schema);
  if (view === undefined) return false;
  if (view.type === 'array') return typeof view.minItems === 'number' && view.minItems > 0;
  if (view.type !== 'object') return false;
  if (requiredNames(view).length > 0) return true;
  const identity = resolveShallow(document, schema) ?? view;
  if (visited.has(identity)) return false;
  visited.add(identity);
  return Object.values(propertiesOf(view)).some((property) => !isReadOnly(document, property) && rebuilt(document, property, depth + 1, visited));
}

/** Whether a deepObject serializer writes no `key=value` pair at all for this value. */
export function encodesToNothing(value: JsonValue | undefined): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.every(encodesToNothing);
  if (isObject(value)) return Object.values(value).every((item) => encodesToNothing(item as JsonValue));
  return false;
}

interface Context {
  document: Record<string, unknown>;
  pointer: string;
  limits?: SynthesisLimits;
  /** Values generated so far: a schema whose objects nest more objects at every level ends at MAX_GENERATED. */
  generated: number;
}

interface Where {
  nonEmpty: boolean;
  depth: number;
  pointer: string;
}

function complete(context: Context, value: JsonValue, schema: unknown, where: Where): JsonValue {
  if (where.depth > MAX_DEPTH) return value;
  const view = schemaView(context.document, schema);
  if (view === undefined) return value;
  if (Array.isArray(value)) {
    if (view.type !== 'array' || Array.isArray(view.items)) return value;
    return value.map((item) => complete(context, item, view.items, { nonEmpty: false, depth: where.depth + 1, pointer: appendPointer(where.pointer, 'items') }));
  }
  if (!isObject(value)) return value;
  const properties = propertiesOf(view);
  const required = requiredNames(view);
  const result: Record<string, JsonValue> = { ...value };
  for (const [name, property] of Object.entries(properties)) {
    const pointer = appendPointer(where.pointer, 'properties', name);
    const child = { nonEmpty: required.includes(name), depth: where.depth + 1, pointer };
    if (Object.prototype.hasOwnProperty.call(result, name)) {
      let completed = complete(context, result[name], property, child);
      if (child.nonEmpty) completed = scalarWhenUnreadable(context, completed, property, pointer);
      setOwn(result, name, completed);
    } else if (view.type === 'object' && !isReadOnly(context.document, property) && rebuiltWhenAbsent(context.document, property)) {
      const generated = generateFor(context, property, pointer);
      if (generated !== undefined) setOwn(result, name, complete(context, generated, property, { ...child, nonEmpty: true }));
    }
  }
  if (where.nonEmpty && encodesToNothing(result)) return withOneProperty(context, result, view, where);
  return result;
}

/** Fills an object that would encode to nothing with its first property (document order) that writes something valid. */
function withOneProperty(context: Context, value: Record<string, JsonValue>, view: Record<string, unknown>, where: Where): Record<string, JsonValue> {
  const validator = validatorFor(context.document, 'request');
  const properties = propertiesOf(view);
  const required = requiredNames(view);
  const order = [...required.filter((name) => Object.prototype.hasOwnProperty.call(properties, name)), ...Object.keys(properties).filter((name) => !required.includes(name))];
  for (const name of order) {
    const property = properties[name];
    if (isReadOnly(context.document, property)) continue;
    const pointer = appendPointer(where.pointer, 'properties', name);
    const generated = generateFor(context, property, pointer);
    if (generated === undefined) continue;
    const filled = complete(context, generated, property, { nonEmpty: true, depth: where.depth + 1, pointer });
    if (encodesToNothing(filled) || validator.validate(property, filled).status === 'invalid') continue;
    return { ...value, [name]: filled };
  }
  return value;
}

/** A required array/object value under a schema Prism reads as one value: a scalar branch's value instead, when one validates. */
function scalarWhenUnreadable(context: Context, value: JsonValue, schema: unknown, pointer: string): JsonValue {
  if (!Array.isArray(value) && !isObject(value)) return value;
  const view = schemaView(context.document, schema);
  if (view === undefined || view.type === 'object' || view.type === 'array') return value;
  const branches = [view.anyOf, view.oneOf].filter(Array.isArray).flat();
  const validator = validatorFor(context.document, 'request');
  for (const [index, branch] of branches.entries()) {
    const scalar = generateFor(context, branch, appendPointer(pointer, 'anyOf', index));
    if (scalar === undefined || Array.isArray(scalar) || isObject(scalar)) continue;
    if (validator.validate(schema, scalar).status === 'valid') return scalar;
  }
  return value;
}

/** Extra values are speculative: their diagnostics are dropped, and the caller validates the result. */
function generateFor(context: Context, schema: unknown, pointer: string): JsonValue | undefined {
  if (context.generated++ >= MAX_GENERATED) return undefined;
  return exampleForSchema({ schema: schema as Record<string, unknown>, document: context.document, pointer, report: () => {}, direction: 'request', limits: context.limits });
}
