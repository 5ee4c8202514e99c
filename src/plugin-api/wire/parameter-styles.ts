import type { JsonValue, RequestParameter } from '../../model/index.js';
import { isFileMarker } from '../file-marker.js';
import { encodeComponent as encode, isJsonRecord, textOf } from './values.js';

// OpenAPI parameter serialization (Parameter Object style and explode; RFC 6570 expansions).

/** A path parameter's text per style (simple, label, matrix) and explode. */
export function pathText(parameter: RequestParameter): string {
  const { name, value } = parameter;
  const style = parameter.style ?? 'simple';
  const explode = parameter.explode ?? false;
  const list = (separator: string, pairs: boolean): string => {
    if (Array.isArray(value)) return value.map((entry) => encode(textOf(entry))).join(separator);
    if (isJsonRecord(value) && !isFileMarker(value)) {
      return Object.entries(value)
        .map(([key, entry]) => (pairs ? `${encode(key)}=${encode(textOf(entry))}` : `${encode(key)},${encode(textOf(entry))}`))
        .join(separator);
    }
    return encode(textOf(value));
  };
  const composite = Array.isArray(value) || (isJsonRecord(value) && !isFileMarker(value));
  if (style === 'label') return `.${list(explode ? '.' : ',', explode)}`;
  if (style === 'matrix') {
    if (explode && Array.isArray(value)) return value.map((entry) => `;${encode(name)}=${encode(textOf(entry))}`).join('');
    if (explode && composite) return `;${list(';', true)}`;
    return `;${encode(name)}=${composite ? list(',', false) : encode(textOf(value))}`;
  }
  return list(',', explode);
}

function deepObjectPairs(prefix: string, value: JsonValue): string[] {
  if (Array.isArray(value)) return value.flatMap((entry, index) => deepObjectPairs(`${prefix}[${index}]`, entry));
  if (isJsonRecord(value) && !isFileMarker(value)) return Object.entries(value).flatMap(([key, entry]) => deepObjectPairs(`${prefix}[${key}]`, entry));
  return [`${encode(prefix).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encode(textOf(value))}`];
}

/**
 * `name=value` pairs, percent-encoded, of a query parameter (or a form field) per style (form,
 * spaceDelimited, pipeDelimited, deepObject) and explode. deepObject writes nested objects as
 * `a[b][c]=v` and arrays with indexes, `a[0]=x`, as Stripe and Prism read them.
 */
export function queryPairs(name: string, value: JsonValue, style: string, explode: boolean): string[] {
  const key = encode(name);
  if (style === 'deepObject' && (isJsonRecord(value) || Array.isArray(value)) && !isFileMarker(value)) return deepObjectPairs(name, value);
  const delimiter = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '%7C' : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    const items = value.map((entry) => encode(textOf(entry)));
    if (explode) return items.map((entry) => `${key}=${entry}`);
    return [`${key}=${items.join(delimiter)}`];
  }
  if (isJsonRecord(value) && !isFileMarker(value)) {
    const entries = Object.entries(value);
    if (explode) return entries.map(([prop, entry]) => `${encode(prop)}=${encode(textOf(entry))}`);
    return [`${key}=${entries.map(([prop, entry]) => `${encode(prop)}${delimiter}${encode(textOf(entry))}`).join(delimiter)}`];
  }
  return [`${key}=${encode(textOf(value))}`];
}

/** A query parameter's pairs: style form by default, explode by default for form. */
export function queryParameterPairs(parameter: RequestParameter): string[] {
  const style = parameter.style ?? 'form';
  return queryPairs(parameter.name, parameter.value, style, parameter.explode ?? style === 'form');
}

/** A header parameter's value (simple style); control characters, which no header may hold, as spaces. */
export function headerText(parameter: RequestParameter): string {
  const { value } = parameter;
  let out: string;
  if (Array.isArray(value)) out = value.map(textOf).join(',');
  else if (isJsonRecord(value) && !isFileMarker(value)) {
    const explode = parameter.explode ?? false;
    out = Object.entries(value)
      .map(([key, entry]) => (explode ? `${key}=${textOf(entry)}` : `${key},${textOf(entry)}`))
      .join(',');
  } else out = textOf(value);
  return headerSafe(out);
}

/** Header text without control characters (each run of them one space). */
export function headerSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/**
 * A cookie parameter's `name=value` pairs: form style as for a query (percent-encoded, OpenAPI
 * 3.1.1 Appendix D), the pairs of an exploded array or object each a cookie of its own.
 */
export function cookiePairs(parameter: RequestParameter): Array<{ name: string; value: string }> {
  const style = parameter.style ?? 'form';
  return queryPairs(parameter.name, parameter.value, style === 'form' ? 'form' : style, parameter.explode ?? true).map((pair) => {
    const equals = pair.indexOf('=');
    return { name: pair.slice(0, equals), value: pair.slice(equals + 1) };
  });
}
