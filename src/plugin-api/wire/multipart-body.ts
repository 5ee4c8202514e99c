import type { FieldEncoding, JsonValue } from '../../model/index.js';
import { isFileMarker } from '../file-marker.js';
import { isJsonRecord, textOf } from './values.js';

/** The boundary of every multipart body perfplan's scripts send: fixed, so that the bytes are the same every run. */
export const MULTIPART_BOUNDARY = 'perfplan-form-boundary-9d2f81c4';

/** Text inside a quoted part header parameter: `"` as %22, line breaks as spaces. */
function quoted(text: string): string {
  return text.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
}

/**
 * A multipart/form-data body with the fixed boundary. Each field is a part (an array one part per
 * item, unless its encoding names a content type); a file marker is a file part (its name, the
 * encoding's or its own content type); any other value a part of the encoding's content type
 * (JSON text when that is JSON), or plain text without one.
 */
export function multipartBodyText(value: JsonValue, encodings: Record<string, FieldEncoding> = {}): string {
  const fields = isJsonRecord(value) && !isFileMarker(value) ? value : { value };
  let out = '';
  for (const [name, raw] of Object.entries(fields)) {
    const partType = encodings[name]?.contentType?.split(',')[0]?.trim();
    const entries = Array.isArray(raw) && partType === undefined ? raw : [raw];
    for (const entry of entries) {
      if (isFileMarker(entry)) {
        out += `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(entry.$file.name)}"\r\nContent-Type: ${partType ?? entry.$file.contentType}\r\n\r\n${entry.$file.content}\r\n`;
        continue;
      }
      const typeLine = partType !== undefined ? `Content-Type: ${partType}\r\n` : '';
      const content = partType !== undefined && /json/i.test(partType) ? JSON.stringify(entry) : textOf(entry);
      out += `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n${typeLine}\r\n${content}\r\n`;
    }
  }
  return `${out}--${MULTIPART_BOUNDARY}--\r\n`;
}
