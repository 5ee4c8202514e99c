import type { JsonValue } from '../model/index.js';
import { escapePointerToken } from './json-pointer.js';
import { isObject } from './schema-merge.js';

/** A JSON Pointer (RFC 6901), as a JSON Patch `path` or `from` holds it. */
const POINTER_PATTERN = '^(/([^~/]|~[01])*)*$';

const pointer = { type: 'string', pattern: POINTER_PATTERN };

/**
 * A JSON Patch document (RFC 6902 §3, §4) as JSON Schema: a non-empty array of operations, each
 * an object whose `op` says which of `path`, `value` and `from` it needs. (RFC 6902 also allows
 * an empty array, a patch that changes nothing; perfplan always sends one operation or more.)
 */
export const JSON_PATCH_SCHEMA: Record<string, unknown> = {
  type: 'array',
  minItems: 1,
  items: {
    oneOf: [
      { type: 'object', required: ['op', 'path', 'value'], properties: { op: { enum: ['replace', 'add', 'test'] }, path: pointer, value: {} } },
      { type: 'object', required: ['op', 'path'], properties: { op: { enum: ['remove'] }, path: pointer } },
      { type: 'object', required: ['op', 'from', 'path'], properties: { op: { enum: ['move', 'copy'] }, from: pointer, path: pointer } },
    ],
  },
};

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const POINTER = new RegExp(POINTER_PATTERN);

/** Why `value` is not a JSON Patch document, or undefined when it is one. */
export function jsonPatchProblem(value: JsonValue | undefined): string | undefined {
  if (!Array.isArray(value)) return `a JSON Patch document is an array of operations, not ${describe(value)}`;
  if (value.length === 0) return 'the JSON Patch document has no operation';
  for (const [index, operation] of value.entries()) {
    const at = `operation ${index + 1}`;
    if (!isObject(operation)) return `${at} is ${describe(operation)}, not an object`;
    if (typeof operation.op !== 'string' || !OPS.has(operation.op)) return `${at} has no valid "op" (add, remove, replace, move, copy or test)`;
    if (typeof operation.path !== 'string' || !POINTER.test(operation.path)) return `${at}'s "path" is not a JSON Pointer`;
    if (['add', 'replace', 'test'].includes(operation.op) && !Object.hasOwn(operation, 'value')) return `${at} (${operation.op}) has no "value"`;
    if (['move', 'copy'].includes(operation.op) && (typeof operation.from !== 'string' || !POINTER.test(operation.from))) return `${at} (${operation.op})'s "from" is not a JSON Pointer`;
  }
  return undefined;
}

/** One `replace` of a member of the resource the patch applies to, with a value for it. */
export interface PatchTarget {
  member: string;
  value: JsonValue;
}

/**
 * The patches perfplan tries when the spec's schema says no more than "an array" (or nothing):
 * a replace of one member of the resource with a value of its schema, then an add of a new
 * member (valid against any object the patch applies to).
 */
export function fallbackPatches(target: PatchTarget | undefined): JsonValue[] {
  const patches: JsonValue[] = [];
  if (target !== undefined) patches.push([{ op: 'replace', path: `/${escapePointerToken(target.member)}`, value: target.value }]);
  patches.push([{ op: 'add', path: '/perfplan', value: 'perfplan' }]);
  return patches;
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
