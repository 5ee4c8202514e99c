import type { RequestBody } from '../../model/index.js';
import { bodyKind, type BodyKind } from '../body-kind.js';
import { isFileMarker } from '../file-marker.js';
import { formBodyText } from './form-body.js';
import { MULTIPART_BOUNDARY, multipartBodyText } from './multipart-body.js';
import { textOf } from './values.js';
import { xmlBodyText } from './xml-body.js';

export interface BodyText {
  kind: BodyKind;
  text: string;
  contentType: string;
  /** `base64`: `text` is the bytes in base64 (a file marker with contentEncoding base64). */
  encoding: 'utf-8' | 'base64';
}

/**
 * A body's text and Content-Type by its kind: JSON text; a form or multipart body of its fields;
 * XML from its shape; a file's content (base64 when the plan says so); any other text as it is,
 * a structure as JSON. The Content-Type is the media type, unless it is a wildcard range.
 */
export function bodyText(body: RequestBody): BodyText {
  const kind = bodyKind(body);
  const declared = body.mediaType.includes('*') ? undefined : body.mediaType;
  const { value } = body;
  switch (kind) {
    case 'json':
      return { kind, text: JSON.stringify(value), contentType: declared ?? 'application/json', encoding: 'utf-8' };
    case 'form':
      return { kind, text: formBodyText(value, body.encoding), contentType: declared ?? 'application/x-www-form-urlencoded', encoding: 'utf-8' };
    case 'multipart':
      return { kind, text: multipartBodyText(value, body.encoding), contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`, encoding: 'utf-8' };
    case 'xml':
      return { kind, text: xmlBodyText(value, body.xml), contentType: declared ?? 'application/xml', encoding: 'utf-8' };
    case 'binary':
      if (isFileMarker(value)) {
        return { kind, text: value.$file.content, contentType: declared ?? value.$file.contentType, encoding: value.$file.contentEncoding === 'base64' ? 'base64' : 'utf-8' };
      }
      return { kind, text: textOf(value), contentType: declared ?? 'application/octet-stream', encoding: 'utf-8' };
    default:
      return { kind, text: typeof value === 'string' ? value : JSON.stringify(value), contentType: declared ?? 'text/plain', encoding: 'utf-8' };
  }
}
