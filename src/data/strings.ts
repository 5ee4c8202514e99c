import RandExpModule from 'randexp';
import { formatValue } from './formats.js';
import { hashString, seededRandom } from './prng.js';

// randexp is CommonJS (`module.exports = RandExp`) while its types declare a default export.
type RandExpClass = typeof RandExpModule.default;
const RandExp: RandExpClass = ((RandExpModule as unknown as { default?: RandExpClass }).default ?? RandExpModule) as RandExpClass;

export type StringOutcome = { ok: true; value: string } | { ok: false; value: string; message: string };

const PATTERN_ATTEMPTS = 24;

/**
 * A deterministic string for a string schema: a known `format`'s value, else a string
 * matching `pattern` (randexp driven by a PRNG seeded from the pattern), else `example`,
 * fitted to minLength/maxLength. A failure still carries the best value found.
 */
export function synthesizeString(schema: Record<string, unknown>, variant: number): StringOutcome {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  const pattern = typeof schema.pattern === 'string' ? compilePattern(schema.pattern) : undefined;
  if (typeof schema.pattern === 'string' && pattern === undefined) {
    return { ok: false, value: fitLength('example', minLength, maxLength, variant), message: `pattern ${schema.pattern} is not a valid regular expression` };
  }
  const lengthOk = (value: string): boolean => [...value].length >= minLength && (maxLength === undefined || [...value].length <= maxLength);
  const accept = (value: string): boolean => lengthOk(value) && (pattern === undefined || pattern.test(value));

  const format = typeof schema.format === 'string' ? schema.format : contentEncodingFormat(schema);
  const formatted = format === undefined ? undefined : formatValue(format, variant);
  if (formatted !== undefined && accept(formatted)) return { ok: true, value: formatted };

  if (pattern !== undefined) {
    const generated = fromPattern(schema.pattern as string, pattern, { minLength, maxLength, variant, accept });
    if (generated !== undefined) return { ok: true, value: generated };
    return {
      ok: false,
      value: formatted ?? fitLength('example', minLength, maxLength, variant),
      message: `could not generate a string matching pattern ${schema.pattern}${maxLength === undefined && minLength === 0 ? '' : ` with length ${minLength}..${maxLength ?? '∞'}`}`,
    };
  }
  const plain = fitLength(formatted ?? 'example', minLength, maxLength, variant);
  if (formatted !== undefined && plain !== formatted) {
    return { ok: false, value: plain, message: `the ${format} value does not fit length ${minLength}..${maxLength ?? '∞'}` };
  }
  return { ok: true, value: plain };
}

/** JSON Schema patterns are ECMA-262 with Unicode semantics, as ajv compiles them. */
function compilePattern(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    try {
      return new RegExp(source);
    } catch {
      return undefined;
    }
  }
}

function fromPattern(
  source: string,
  pattern: RegExp,
  options: { minLength: number; maxLength?: number; variant: number; accept: (value: string) => boolean },
): string | undefined {
  for (let attempt = 0; attempt < PATTERN_ATTEMPTS; attempt++) {
    let raw: string;
    try {
      const generator = new RandExp(source);
      const random = seededRandom(hashString(`${source}\u0000${options.variant}\u0000${attempt}`));
      generator.randInt = (low: number, high: number) => low + Math.floor(random() * (1 + high - low));
      // Unbounded repetition (`+`, `*`) stays short, then grows when minLength asks for more.
      generator.max = Math.max(4, options.minLength) + attempt;
      // Readable output first (letters and digits for `.`, `\S`, negated classes), then all printable ASCII.
      if (attempt < PATTERN_ATTEMPTS / 2) generator.defaultRange.subtract(32, 47).subtract(58, 64).subtract(91, 96).subtract(123, 126);
      raw = generator.gen();
    } catch {
      return undefined;
    }
    for (const candidate of [raw, ...padded(raw, source, options)]) {
      if (options.accept(candidate)) return candidate;
    }
  }
  return undefined;
}

/** An unanchored pattern still matches with extra characters around the match. */
function padded(value: string, source: string, options: { minLength: number; maxLength?: number }): string[] {
  const length = [...value].length;
  if (length >= options.minLength) return [];
  const filler = 'x'.repeat(options.minLength - length);
  const results: string[] = [];
  if (!/\$\)*$/.test(source)) results.push(value + filler);
  if (!/^\(*\^/.test(source)) results.push(filler + value);
  return results;
}

/** Pads or truncates to the length bounds; variants get a numeric suffix so they differ. */
export function fitLength(base: string, minLength: number, maxLength: number | undefined, variant: number): string {
  let value = variant === 0 ? base : `${base}${variant}`;
  if (maxLength !== undefined && value.length > maxLength) {
    value = variant === 0 ? value.slice(0, maxLength) : shortVariant(variant, maxLength);
  }
  if (value.length < minLength) value = value + 'x'.repeat(minLength - value.length);
  return value;
}

function shortVariant(variant: number, maxLength: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let value = '';
  let rest = variant;
  do {
    value = alphabet[rest % alphabet.length] + value;
    rest = Math.floor(rest / alphabet.length);
  } while (rest > 0);
  return value.slice(-Math.max(1, maxLength));
}

/** OpenAPI 3.1 spells binary strings with contentEncoding / contentMediaType. */
function contentEncodingFormat(schema: Record<string, unknown>): string | undefined {
  if (schema.contentEncoding === 'base64') return 'byte';
  if (typeof schema.contentMediaType === 'string') return 'binary';
  return undefined;
}
