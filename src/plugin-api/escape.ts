import type { JsonValue } from '../model/index.js';

// Every string from a spec reaches generated code through one of these: never paste it.

const LINE_SEPARATORS = /[\u2028\u2029]/g;

function escapeLineSeparators(json: string): string {
  return json.replace(LINE_SEPARATORS, (ch) => (ch === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** A JavaScript string literal (double-quoted) for any string. */
export function jsString(value: string): string {
  return escapeLineSeparators(JSON.stringify(value));
}

/** A JavaScript object-literal key for any name: `["__proto__"]` for the one key a literal would take as the prototype. */
export function jsKey(name: string): string {
  return name === '__proto__' ? '["__proto__"]' : jsString(name);
}

/**
 * A JavaScript expression for a JSON value; `indent` pretty-prints like JSON.stringify. JSON is
 * JavaScript except for one key: `{"__proto__": x}` in an object literal sets the prototype
 * instead of making a property, so that key is written `["__proto__"]` (a computed key is an
 * ordinary property).
 */
export function jsLiteral(value: JsonValue | undefined, indent?: number): string {
  if (value === undefined) return 'undefined';
  if (!hasProtoKey(value)) return escapeLineSeparators(JSON.stringify(value, null, indent));
  return escapeLineSeparators(jsWithProtoKeys(value, indent === undefined || indent <= 0 ? '' : ' '.repeat(Math.min(indent, 10)), ''));
}

function hasProtoKey(value: JsonValue): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasProtoKey);
  return Object.keys(value).some((key) => key === '__proto__' || hasProtoKey(value[key]));
}

/** JSON.stringify's layout, with `["__proto__"]` for that key. */
function jsWithProtoKeys(value: JsonValue, step: string, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent + step;
  const open = step === '' ? '' : `\n${inner}`;
  const close = step === '' ? '' : `\n${indent}`;
  const separator = step === '' ? ',' : `,\n${inner}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${value.map((item) => jsWithProtoKeys(item, step, inner)).join(separator)}${close}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const colon = step === '' ? ':' : ': ';
  const entries = keys.map((key) => `${jsKey(key)}${colon}${jsWithProtoKeys(value[key], step, inner)}`);
  return `{${open}${entries.join(separator)}${close}}`;
}

/**
 * Text safe inside a `//` or `#` line comment, or a `/* *\/` block: one line, no comment
 * terminators, no control characters, at most `max` characters.
 */
export function commentText(value: string, max = 200): string {
  const flat = value
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\*\//g, '* /')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Printable ASCII other than `"` and `\\`: such a string is its own literal between quotes. */
const PYTHON_PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function pythonStringLiteral(value: string): string {
  if (PYTHON_PLAIN.test(value)) return `"${value}"`;
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) return 'None';
  if (Number.isInteger(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER) return String(value);
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** A Python 3 literal (ASCII-only source) for a JSON value. */
export function pyLiteral(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonStringLiteral(value);
  if (Array.isArray(value)) return `[${value.map((item) => pyLiteral(item)).join(', ')}]`;
  const entries = Object.entries(value).map(([key, item]) => `${pythonStringLiteral(key)}: ${pyLiteral(item)}`);
  return `{${entries.join(', ')}}`;
}

// XML 1.0 cannot carry most control characters or lone surrogates at all, even escaped.
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any character that needs a closer look: controls, surrogates, U+FFFE/U+FFFF (not global: `test` keeps no state). */
const XML_SUSPECT = /[\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
/** Any character that escaping changes. */
const XML_MARKUP = /[&<>"'\r\n\t]/;

/** True when the string can be written into XML 1.0 unchanged (after escaping). */
export function isXmlRepresentable(value: string): boolean {
  if (!XML_SUSPECT.test(value)) return true;
  XML_INVALID.lastIndex = 0;
  return !XML_INVALID.test(value);
}

/**
 * Text or attribute content for XML 1.0: markup characters escaped, characters XML 1.0
 * cannot represent replaced by U+FFFD (check with `isXmlRepresentable` to report it).
 */
export function xmlEscape(value: string): string {
  const representable = !XML_SUSPECT.test(value) ? value : value.replace(XML_INVALID, '\ufffd');
  if (!XML_MARKUP.test(representable)) return representable;
  return representable.replace(/[&<>"'\r\n\t]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      case '\r':
        return '&#xd;';
      case '\n':
        return '&#xa;';
      default:
        return '&#x9;';
    }
  });
}

/** Characters no POSIX shell treats specially inside a word (a leading `=` aside: zsh expands `=cmd`). */
const SHELL_PLAIN = /^[A-Za-z0-9_@%+,./:=-]+$/;

/**
 * One word of a POSIX sh command line (sh, dash, bash, zsh): as it is when it is plain, so
 * ordinary commands stay readable; else in single quotes, inside which the shell expands
 * nothing (`$(...)`, backticks, `;`, `~`, globs and newlines stay text), with each `'` written `'\''`.
 */
export function shellQuote(value: string): string {
  if (SHELL_PLAIN.test(value) && !value.startsWith('=')) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
