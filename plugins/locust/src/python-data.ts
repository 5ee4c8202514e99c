import { pyLiteral, type JsonValue } from 'perfplan/plugin';

/**
 * A Python literal for a JSON value, laid out over lines: a value that fits in `width` columns
 * stays on one line, larger dicts and lists put one entry per line. Every string goes through
 * pyLiteral; the first line carries no indentation (the caller places it).
 */
export function pyData(value: JsonValue | undefined, indent = 0, width = 110): string {
  if (value === undefined || value === null || typeof value !== 'object') return pyLiteral(value);
  const inline = literalWithin(value, width - indent);
  if (inline !== undefined) return inline;
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

/**
 * pyLiteral(value) when it is at most `budget` characters long, else undefined; stops as soon
 * as the budget is spent, so laying out a large value does not serialize it once per level.
 */
function literalWithin(value: JsonValue, budget: number): string | undefined {
  if (value === null || typeof value !== 'object') {
    const literal = pyLiteral(value);
    return literal.length <= budget ? literal : undefined;
  }
  const parts: string[] = [];
  let length = 2;
  const entries: Array<[string | undefined, JsonValue]> = Array.isArray(value) ? value.map((item) => [undefined, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (parts.length > 0) length += 2;
    const prefix = key === undefined ? '' : `${pyLiteral(key)}: `;
    const literal = literalWithin(item, budget - length - prefix.length);
    if (literal === undefined) return undefined;
    parts.push(prefix + literal);
    length += prefix.length + literal.length;
    if (length > budget) return undefined;
  }
  return Array.isArray(value) ? `[${parts.join(', ')}]` : `{${parts.join(', ')}}`;
}

/** A number for Python source: finite, at most 6 decimals, never negative zero. */
export function pyNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Number(value.toFixed(6));
  return pyLiteral(rounded === 0 ? 0 : rounded);
}
