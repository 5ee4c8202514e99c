import type { FileVariation, JsonValue } from '../../model/index.js';
import { isFileMarker } from '../../plugin-api/file-marker.js';
import { escapePointerToken } from '../json-pointer.js';
import type { SynthesisLimits } from '../limits.js';

/**
 * A bulk body with `items` items (an array body of a bulk operation): the planned items repeated
 * in order. As many as `wanted`, at most the schema's maxItems, the array and body size limits;
 * unchanged when that is not more than it has, or when its items must be unique (copies repeat).
 */
export function bulkBody(input: { value: JsonValue; schema: Record<string, unknown> | undefined; wanted: number; limits: SynthesisLimits }): JsonValue[] | undefined {
  const { value, schema, limits } = input;
  if (!Array.isArray(value) || value.length === 0 || schema?.uniqueItems === true) return undefined;
  let count = Math.min(input.wanted, limits.maxArrayItems);
  if (typeof schema?.maxItems === 'number') count = Math.min(count, Math.floor(schema.maxItems));
  const itemBytes = Math.max(1, ...value.map((item) => JSON.stringify(item).length + 1));
  count = Math.min(count, Math.floor(limits.maxBodyBytes / itemBytes));
  if (count <= value.length) return undefined;
  return Array.from({ length: count }, (_, index) => structuredClone(value[index % value.length]!));
}

/**
 * File variations for every file marker of a body: the whole body, a field, or the items of a
 * field. A body perfplan encoded (CBOR, protobuf: `contentEncoding`, or empty) keeps its bytes.
 */
export function fileVariations(value: JsonValue, bytes: number): FileVariation[] {
  if (isFileMarker(value)) return value.$file.contentEncoding !== undefined || value.$file.content === '' ? [] : [{ target: 'body', kind: 'file', bytes }];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: FileVariation[] = [];
  for (const [name, field] of Object.entries(value)) {
    const pointer = `/${escapePointerToken(name)}`;
    if (isFileMarker(field)) out.push({ target: `body#${pointer}`, kind: 'file', bytes});
    else if (Array.isArray(field)) field.forEach((item, index) => isFileMarker(item) && out.push({ target: `body#${pointer}/${index}`, kind: 'file', bytes}));
  }
  return out;
}
