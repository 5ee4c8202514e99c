import type { JsonValue, MediaTypeModel, RequestBody } from '../model/index.js';
import { hasOwn, ownValue } from '../openapi/own-keys.js';
import { rebuiltWhenAbsent } from './deep-object.js';
import { bodyKindOf } from './media-types.js';
import { isObject } from './schema-merge.js';
import { propertiesOf, schemaView } from './schema-view.js';

export interface KnownUnsupportedInput {
  body: RequestBody | undefined;
  /** The media type the body was built from. */
  content: MediaTypeModel | undefined;
  document: Record<string, unknown>;
}

/**
 * Why a validating server may refuse this request although it is what the spec describes,
 * or undefined. Both cases are form bodies whose encoding OpenAPI leaves to the server:
 *
 * - an array of objects in a deepObject field (`line_items[0][price]=…`, as Stripe documents):
 *   OpenAPI defines deepObject for objects only; Prism 5 answers 415 "Cannot deserialize JSON
 *   object array in form data";
 * - an array field without an encoding style, written as repeated keys (`MediaUrl=a&MediaUrl=b`,
 *   OpenAPI's default): Prism 5 keeps only the last value of a repeated key and rejects the
 *   field as "must be array" (it only builds arrays for fields with an `encoding.style`);
 * - a multipart field whose encoding says `style: deepObject`: OpenAPI ignores styles in
 *   multipart bodies, so the field is one part; Prism 5 applies the style anyway and rebuilds
 *   the object from parts named `field[…]`, finding its required properties missing.
 */
export function knownUnsupportedReason(input: KnownUnsupportedInput): string | undefined {
  const { body, content, document } = input;
  if (body === undefined || content === undefined || !isObject(body.value)) return undefined;
  const kind = bodyKindOf(body.mediaType);
  if (kind !== 'form' && kind !== 'multipart') return undefined;
  const view = schemaView(document, content.schema);
  const properties = view === undefined ? {} : propertiesOf(view);
  const objectArrays: string[] = [];
  const repeatedArrays: string[] = [];
  const multipartDeepObjects =
    kind === 'multipart'
      ? Object.entries(content.encoding)
          .filter(([name, encoding]) => encoding.style === 'deepObject' && hasOwn(properties, name) && rebuiltWhenAbsent(document, properties[name]))
          .map(([name]) => name)
      : [];
  for (const [name, value] of Object.entries(body.value)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    const style = ownValue(content.encoding, name)?.style;
    const fieldView = schemaView(document, ownValue(properties, name));
    if (style === 'deepObject' && schemaView(document, fieldView?.items)?.type === 'object') objectArrays.push(name);
    else if (style === undefined && fieldView?.type === 'array') repeatedArrays.push(name);
  }
  const reasons: string[] = [];
  if (objectArrays.length > 0) {
    const example = `${objectArrays[0]}[0][${firstKey(body.value[objectArrays[0]])}]=…`;
    reasons.push(
      `The ${body.mediaType} body sends ${list(objectArrays)} as an array of objects in deepObject style (${example}), as the API documents; ` +
        'OpenAPI defines no standard form encoding for arrays of objects, so a validating server may refuse it (Prism 5: 415 "Cannot deserialize JSON object array in form data").',
    );
  }
  if (repeatedArrays.length > 0) {
    reasons.push(
      `The ${body.mediaType} body sends ${list(repeatedArrays)} as an array written as repeated keys (${repeatedArrays[0]}=a&${repeatedArrays[0]}=b, OpenAPI's default form encoding); ` +
        'the spec gives the field no encoding style, and a validating server that keeps one value per key refuses it (Prism 5: "must be array").',
    );
  }
  if (multipartDeepObjects.length > 0) {
    reasons.push(
      `The ${body.mediaType} body's ${list(multipartDeepObjects)} has encoding style deepObject, which OpenAPI ignores in multipart bodies (the field is one part, or absent); ` +
        `a server that applies the style anyway rebuilds the object from parts named ${multipartDeepObjects[0]}[…] and finds its required properties missing (Prism 5: "must have required property").`,
    );
  }
  return reasons.length > 0 ? reasons.join(' ') : undefined;
}

function list(names: string[]): string {
  return names.length === 1 ? `field "${names[0]}"` : `fields ${names.map((name) => `"${name}"`).join(', ')}`;
}

function firstKey(value: JsonValue): string {
  const first = Array.isArray(value) ? value[0] : undefined;
  return isObject(first) ? (Object.keys(first)[0] ?? 'key') : 'key';
}
