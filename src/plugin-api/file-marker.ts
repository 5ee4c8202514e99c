import type { FileMarker } from '../model/index.js';

/** True for the `{ "$file": {...} }` marker the plan uses for file content in request values. */
export function isFileMarker(value: unknown): value is FileMarker {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const inner = (value as Record<string, unknown>).$file;
  return typeof inner === 'object' && inner !== null && typeof (inner as Record<string, unknown>).content === 'string';
}
