import type { JsonValue } from '../../model/index.js';
import { isFileMarker } from '../file-marker.js';

export function isJsonRecord(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of one value: strings as they are, numbers and booleans printed, null empty, a file its content, structures as JSON. */
export function textOf(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isFileMarker(value)) return value.$file.content;
  return JSON.stringify(value);
}

/** Lone surrogates as U+FFFD: encodeURIComponent would throw on them. */
function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Percent-encoded as by encodeURIComponent (RFC 3986 unreserved characters and `!'()*` stay). */
export function encodeComponent(value: string): string {
  return encodeURIComponent(wellFormed(value));
}

/** Literal path text percent-encoded like encodeURI, with `?` and `#` encoded too (they would end the path). */
export function encodePathLiteral(value: string): string {
  return encodeURI(wellFormed(value)).replace(/\?/g, '%3F').replace(/#/g, '%23');
}
