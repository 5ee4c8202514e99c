import type { JsonValue, RequestParameter } from 'perfplan/plugin';

// OpenAPI 3 parameter serialisation (style/explode), done at generation time because
// every value in the plan is concrete. Delimiters stay raw, values are percent-encoded.

type JsonRecord = { [key: string]: JsonValue };

function isRecord(value: JsonValue): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of one primitive item; nested structures become JSON. */
export function scalarText(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const encode = encodeURIComponent;

function defaultExplode(style: string): boolean {
  return style === 'form';
}

/** `name=value` pairs for a query parameter, already percent-encoded and joined with `&`. */
export function serializeQuery(param: RequestParameter): string {
  const style = param.style ?? 'form';
  const explode = param.explode ?? defaultExplode(style);
  const { name, value } = param;
  const key = encode(name);
  if (style === 'deepObject' && isRecord(value)) return deepObjectPairs(name, value).join('&');
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    const items = value.map((item) => encode(scalarText(item)));
    if (explode) return items.map((item) => `${key}=${item}`).join('&');
    const delimiter = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ',';
    return `${key}=${items.join(delimiter)}`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (explode) return entries.map(([prop, item]) => `${encode(prop)}=${encode(scalarText(item))}`).join('&');
    return `${key}=${entries.map(([prop, item]) => `${encode(prop)},${encode(scalarText(item))}`).join(',')}`;
  }
  return `${key}=${encode(scalarText(value))}`;
}

function deepObjectPairs(prefix: string, value: JsonRecord): string[] {
  const pairs: string[] = [];
  for (const [prop, item] of Object.entries(value)) {
    const key = `${prefix}[${prop}]`;
    if (isRecord(item)) pairs.push(...deepObjectPairs(key, item));
    else if (Array.isArray(item)) for (const element of item) pairs.push(`${encodeKeepingBrackets(key)}=${encode(scalarText(element))}`);
    else pairs.push(`${encodeKeepingBrackets(key)}=${encode(scalarText(item))}`);
  }
  return pairs;
}

function encodeKeepingBrackets(key: string): string {
  return encode(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/** A `simple`-style list (`a,b` / `k,v` / `k=v`), each item transformed by `item`. */
function simpleList(value: JsonValue, explode: boolean, item: (text: string) => string): string {
  if (Array.isArray(value)) return value.map((element) => item(scalarText(element))).join(',');
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([prop, element]) => (explode ? `${item(prop)}=${item(scalarText(element))}` : `${item(prop)},${item(scalarText(element))}`))
      .join(',');
  }
  return item(scalarText(value));
}

/**
 * A path parameter: `raw` when it is a plain value the script encodes with
 * encodeURIComponent (readable), else the finished `encoded` text (label, matrix, lists).
 */
export type PathValue = { raw: string } | { encoded: string };

export function serializePath(param: RequestParameter): PathValue {
  const style = param.style ?? 'simple';
  const explode = param.explode ?? false;
  const { value, name } = param;
  const primitive = !Array.isArray(value) && !isRecord(value);
  if (style === 'label') {
    if (primitive) return { encoded: `.${encode(scalarText(value))}` };
    if (explode && Array.isArray(value)) return { encoded: value.map((element) => `.${encode(scalarText(element))}`).join('') };
    if (explode && isRecord(value)) {
      return { encoded: Object.entries(value).map(([prop, element]) => `.${encode(prop)}=${encode(scalarText(element))}`).join('') };
    }
    return { encoded: `.${simpleList(value, false, encode)}` };
  }
  if (style === 'matrix') {
    const key = encode(name);
    if (primitive) return { encoded: `;${key}=${encode(scalarText(value))}` };
    if (explode && Array.isArray(value)) return { encoded: value.map((element) => `;${key}=${encode(scalarText(element))}`).join('') };
    if (explode && isRecord(value)) {
      return { encoded: Object.entries(value).map(([prop, element]) => `;${encode(prop)}=${encode(scalarText(element))}`).join('') };
    }
    return { encoded: `;${key}=${simpleList(value, false, encode)}` };
  }
  if (primitive) return { raw: scalarText(value) };
  return { encoded: simpleList(value, explode, encode) };
}

/** Control characters (CR, LF, ...) make Go's HTTP client refuse a header: turn them into spaces. */
function headerSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/** A header value (`simple` style). */
export function serializeHeader(param: RequestParameter): string {
  return headerSafe(simpleList(param.value, param.explode ?? false, (text) => text));
}

/** A cookie value (`form` style; lists are comma-joined). */
export function serializeCookie(param: RequestParameter): string {
  return headerSafe(simpleList(param.value, false, (text) => text)).replace(/;/g, ',');
}

/** RFC 7230 token: what a header name may contain. */
export function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name);
}

/** An `application/x-www-form-urlencoded` body: arrays repeat the key, nested objects are JSON. */
export function formUrlEncoded(value: JsonValue): string {
  if (!isRecord(value)) return encode(scalarText(value));
  const pairs: string[] = [];
  for (const [name, item] of Object.entries(value)) {
    const items = Array.isArray(item) ? item : [item];
    for (const element of items) pairs.push(`${encodeForm(name)}=${encodeForm(scalarText(element))}`);
  }
  return pairs.join('&');
}

function encodeForm(text: string): string {
  return encode(text).replace(/%20/g, '+');
}
