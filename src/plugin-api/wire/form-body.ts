import type { FieldEncoding, JsonValue } from '../../model/index.js';
import { isFileMarker } from '../file-marker.js';
import { queryPairs } from './parameter-styles.js';
import { encodeComponent as encode, isJsonRecord, textOf } from './values.js';

/**
 * An application/x-www-form-urlencoded body. A field whose encoding gives a style or explode is
 * written like a query parameter of that style; otherwise (OpenAPI's default Encoding Object) by
 * content type: primitives as text, arrays one pair per item, objects and a field whose
 * contentType is JSON as JSON text. Spaces are `+`.
 */
export function formBodyText(value: JsonValue, encodings: Record<string, FieldEncoding> = {}): string {
  const fields = isJsonRecord(value) && !isFileMarker(value) ? value : { value };
  const pairs: string[] = [];
  for (const [name, raw] of Object.entries(fields)) {
    const field = encodings[name] ?? {};
    const entry = isFileMarker(raw) ? raw.$file.content : raw;
    if (field.style !== undefined || field.explode !== undefined) {
      const style = field.style ?? 'form';
      pairs.push(...queryPairs(name, entry, style, field.explode ?? style === 'form'));
    } else if (field.contentType !== undefined && /json/i.test(field.contentType)) {
      pairs.push(`${encode(name)}=${encode(JSON.stringify(entry))}`);
    } else {
      for (const one of Array.isArray(entry) ? entry : [entry]) pairs.push(`${encode(name)}=${encode(textOf(one))}`);
    }
  }
  return pairs.join('&').replace(/%20/g, '+');
}
