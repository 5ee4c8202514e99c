import { pyLiteral, type JsonValue } from 'perfplan/plugin';

/**
 * A Python literal for a JSON value, laid out over lines: a value that fits in `width` columns
 * stays on one line, larger dicts and lists put one entry per line. Every string goes through
 * pyLiteral; the first line carries no indentation (the caller places it).
 */
export function pyData(value: JsonValue | undefined, indent = 0, width = 110): string {
  const inline = pyLiteral(value);
  if (indent + inline.length <= width || value === null || typeof value !== 'object') return inline;
  const inner = ' '.repeat(indent + 4);
  const close = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${pyData(item, indent + 4, width)},`).join('\n')}\n${close}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${pyLiteral(key)}: ${pyData(item, indent + 4, width)},`).join('\n')}\n${close}}`;
}

/** A number for Python source: finite, at most 6 decimals, never negative zero. */
export function pyNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Number(value.toFixed(6));
  return pyLiteral(rounded === 0 ? 0 : rounded);
}
