import type { OperationModel } from '../model/index.js';

/**
 * What a client sends for a key under `paths` that is not a plain OpenAPI path template. Real
 * specs carry keys such as `/files/{id}#add_shared_link` (a fragment telling apart several
 * operations on one URL), `/responses?beta=true` (a literal query), `/users/:id` (Express) and
 * `/users/<id>` or `/users/<int:id>` (Flask). None of these characters is part of the URL path:
 * the fragment is never sent, the query is sent as query, and a placeholder names a path
 * parameter when the operation declares one of that name (otherwise it is literal text).
 */
export interface PathKey {
  /** The path template to send: `{name}` placeholders only, without the key's query and fragment. */
  path: string;
  /** The key's literal query (between `?` and `#`), percent-encoded where the spec left characters a URL cannot carry; absent when empty. */
  query?: string;
  /** Names of the `name=value` pairs of `query`, decoded, in order. */
  queryNames: string[];
  /** The key's fragment (after `#`), as written; absent without one. */
  fragment?: string;
  /** `:name` and `<name>` placeholders found: rewritten to `{name}` when declared, else left as literal text. */
  placeholders: PathPlaceholder[];
}

export interface PathPlaceholder {
  /** As written in the key: `:id`, `<id>`, `<int:id>`. */
  written: string;
  name: string;
  /** The operation declares a path parameter of this name: the placeholder is sent as its value. */
  declared: boolean;
}

/** Index of the first `?` or `#` outside `{...}` (a template name may hold anything), or -1. */
function suffixStart(key: string): number {
  let depth = 0;
  for (let index = 0; index < key.length; index++) {
    const ch = key[index];
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === '?' || ch === '#')) return index;
  }
  return -1;
}

/** RFC 3986 query characters (unreserved, sub-delims, `:`, `@`, `/`, `?`) and valid `%XX` escapes stay; anything else is percent-encoded as UTF-8. */
export function encodeQueryText(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const ch = text[index]!;
    if (/[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/.test(ch)) out += ch;
    else if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(index + 1, index + 3))) out += ch;
    else {
      const code = text.codePointAt(index)!;
      const char = String.fromCodePoint(code);
      // A lone surrogate has no UTF-8 form: U+FFFD instead.
      const encodable = code >= 0xd800 && code <= 0xdfff ? '\ufffd' : char;
      out += [...Buffer.from(encodable, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
      index += char.length - 1;
    }
  }
  return out;
}

function decodedName(pair: string): string {
  const name = pair.split('=')[0] ?? '';
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
// `:name` after a separator (Express: `/:id`, `/:from-:to`, `/:file.:ext`); `<name>` or `<converter:name>` anywhere (Flask).
const COLON = new RegExp(`(^|[/\\-.;,])(:(${NAME}))(?=$|[^A-Za-z0-9_])`, 'g');
const ANGLE = new RegExp(`<(?:${NAME}:)?(${NAME})>`, 'g');

/** Rewrites the placeholders of `path` whose name is declared; text inside `{...}` templates is left alone. */
function rewritePlaceholders(path: string, declared: ReadonlySet<string>, found: PathPlaceholder[]): string {
  const templates = [...path.matchAll(/\{[^{}]*\}/g)].map((match) => [match.index, match.index + match[0].length] as const);
  const inTemplate = (offset: number) => templates.some(([start, end]) => offset >= start && offset < end);
  const colons = path.replace(COLON, (whole, before: string, written: string, name: string, offset: number) => {
    if (inTemplate(offset + before.length)) return whole;
    const isDeclared = declared.has(name);
    found.push({ written, name, declared: isDeclared });
    return isDeclared ? `${before}{${name}}` : whole;
  });
  const placed = [...colons.matchAll(/\{[^{}]*\}/g)].map((match) => [match.index, match.index + match[0].length] as const);
  return colons.replace(ANGLE, (written, name: string, offset: number) => {
    if (placed.some(([start, end]) => offset >= start && offset < end)) return written;
    const isDeclared = declared.has(name);
    found.push({ written, name, declared: isDeclared });
    return isDeclared ? `{${name}}` : written;
  });
}

/** Splits a key under `paths` into what is sent; `declaredPathParameters` are the operation's path parameter names. */
export function parsePathKey(key: string, declaredPathParameters: ReadonlySet<string>): PathKey {
  const start = suffixStart(key);
  const rawPath = start < 0 ? key : key.slice(0, start);
  const suffix = start < 0 ? '' : key.slice(start);
  let query = '';
  let fragment: string | undefined;
  if (suffix.startsWith('?')) {
    const hash = suffix.indexOf('#');
    query = hash < 0 ? suffix.slice(1) : suffix.slice(1, hash);
    if (hash >= 0) fragment = suffix.slice(hash + 1);
  } else if (suffix.startsWith('#')) {
    fragment = suffix.slice(1);
  }
  const placeholders: PathPlaceholder[] = [];
  const path = rewritePlaceholders(rawPath, declaredPathParameters, placeholders);
  const encodedQuery = encodeQueryText(query.replace(/^&+|&+$/g, ''));
  const result: PathKey = {
    path: path === '' ? '/' : path,
    queryNames: encodedQuery === '' ? [] : encodedQuery.split('&').filter((pair) => pair !== '').map(decodedName),
    placeholders,
  };
  if (encodedQuery !== '') result.query = encodedQuery;
  if (fragment !== undefined) result.fragment = fragment;
  return result;
}

/** Whether a key is a plain OpenAPI path template (nothing for parsePathKey to change or report). */
export function isPlainPathKey(key: string): boolean {
  const parsed = parsePathKey(key, new Set());
  return parsed.query === undefined && parsed.fragment === undefined && parsed.placeholders.length === 0 && parsed.path === key;
}

/** The operation's path key as a client sends it: its declared path parameters decide what a placeholder is. */
export function pathKeyOf(operation: Pick<OperationModel, 'path' | 'parameters'>): PathKey {
  const declared = new Set(operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name));
  return parsePathKey(operation.path, declared);
}
