import type { FieldEncoding, JsonValue } from '../../model/index.js';
import { isFileMarker } from '../file-marker.js';
import { isJsonRecord, textOf } from './values.js';

/** The boundary of every multipart body perfplan's scripts send: fixed, so that the bytes are the same every run. */
export const MULTIPART_BOUNDARY = 'perfplan-form-boundary-9d2f81c4';

/** Text inside a part header: `"` as %22, line breaks as spaces. */
function quoted(text: string): string {
  return text.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
}

/**
 * A multipart/form-data body with the fixed boundary. Each field is a part, an array one part per
 * item unless its encoding's content type is JSON (then the array is one JSON part). A file marker
 * is a file part (its name, the encoding's or its own content type). Any other part has the
 * encoding's content type, else OpenAPI's default (Encoding Object): application/json for an
 * object, none (plain text) for a primitive; a JSON part is JSON text.
 */
export function multipartBodyText(value: JsonValue, encodings: Record<string, FieldEncoding> = {}): string {
  const fields = isJsonRecord(value) && !isFileMarker(value) ? value : { value };
  let out = '';
  for (const [name, raw] of Object.entries(fields)) {
    const partType = encodings[name]?.contentType?.split(',')[0]?.trim();
    const jsonPart = partType !== undefined && /json/i.test(partType);
    const entries = Array.isArray(raw) && !jsonPart ? raw : [raw];
    for (const entry of entries) {
      if (isFileMarker(entry)) {
        out += `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(entry.$file.name)}"\r\nContent-Type: ${quoted(partType ?? entry.$file.contentType)}\r\n\r\n${entry.$file.content}\r\n`;
        continue;
      }
      const type = partType ?? (entry !== null && typeof entry === 'object' ? 'application/json' : undefined);
      const typeLine = type !== undefined ? `Content-Type: ${quoted(type)}\r\n` : '';
      const content = type !== undefined && /json/i.test(type) ? JSON.stringify(entry) : textOf(entry);
      out += `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n${typeLine}\r\n${content}\r\n`;
    }
  }
  return `${out}--${MULTIPART_BOUNDARY}--\r\n`;
}
