import type { FileMarker, JsonValue } from '../model/index.js';

export type { FileMarker } from '../model/index.js';

export const SAMPLE_FILE_CONTENT = 'perfplan-sample\n';

export function fileMarker(contentType = 'application/octet-stream'): FileMarker & { [key: string]: JsonValue } {
  return { $file: { name: sampleFileName(contentType), contentType, content: SAMPLE_FILE_CONTENT } };
}

export { isFileMarker } from '../plugin-api/file-marker.js';

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
