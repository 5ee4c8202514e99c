import type { JsonValue } from '../model/index.js';

/**
 * How perfplan represents a file inside a request value: a whole `application/octet-stream`
 * (or other binary) body, or a binary field of a `multipart/form-data` / form body.
 *
 * Renderers send `content` (ASCII, so every engine can embed it as a plain string) as the
 * bytes of the file, named `name`, with `contentType`. The value is deterministic.
 *
 * ```json
 * { "$file": { "name": "sample.bin", "contentType": "application/octet-stream", "content": "perfplan-sample\n" } }
 * ```
 */
export interface FileMarker {
  $file: {
    name: string;
    contentType: string;
    /** The bytes of the file, ASCII only. */
    content: string;
  };
}

export const SAMPLE_FILE_CONTENT = 'perfplan-sample\n';

export function fileMarker(contentType = 'application/octet-stream'): FileMarker & { [key: string]: JsonValue } {
  return { $file: { name: sampleFileName(contentType), contentType, content: SAMPLE_FILE_CONTENT } };
}

export function isFileMarker(value: unknown): value is FileMarker {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const inner = (value as Record<string, unknown>).$file;
  return typeof inner === 'object' && inner !== null && typeof (inner as Record<string, unknown>).content === 'string';
}

function sampleFileName(contentType: string): string {
  const extensions: Record<string, string> = {
    'application/json': 'json',
    'application/pdf': 'pdf',
    'application/zip': 'zip',
    'image/png': 'png',
    'image/jpeg': 'jpg',
    'image/gif': 'gif',
    'text/csv': 'csv',
    'text/plain': 'txt',
  };
  return `sample.${extensions[contentType.toLowerCase()] ?? 'bin'}`;
}

export type Direction = 'request' | 'response';
