import RandExpModule from 'randexp';
import { formatValue } from './formats.js';
import { hashString, seededRandom } from './prng.js';

// randexp is CommonJS (`module.exports = RandExp`) while its types declare a default export.
type RandExpClass = typeof RandExpModule.default;
const RandExp: RandExpClass = ((RandExpModule as unknown as { default?: RandExpClass }).default ?? RandExpModule) as RandExpClass;

export type StringOutcome =
  | { ok: true; value: string }
  | { ok: false; value: string; message: string }
  /** No string within `maxStringLength` satisfies the schema (minLength, or a pattern's fixed repetitions). */
  | { ok: false; tooLarge: true; message: string };

const PATTERN_ATTEMPTS = 24;

/**
 * A deterministic string for a string schema: a known `format`'s value, else a string
 * matching `pattern` (randexp driven by a PRNG seeded from the pattern), else `example`,
 * fitted to minLength/maxLength: the shortest that fits, never longer than `maxStringLength`.
 * A failure still carries the best value found, except when the schema needs a longer string.
 */
export function synthesizeString(schema: Record<string, unknown>, variant: number, maxStringLength = Number.POSITIVE_INFINITY): StringOutcome {
  const minLength = typeof schema.minLength === 'number' ? Math.max(0, Math.ceil(schema.minLength)) : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  if (minLength > maxStringLength) {
    return { ok: false, tooLarge: true, message: `minLength ${schema.minLength} is more than the limit of ${maxStringLength} characters` };
  }
  const pattern = typeof schema.pattern === 'string' ? compilePattern(schema.pattern) : undefined;
  if (typeof schema.pattern === 'string' && pattern === undefined) {
    return { ok: false, value: fitLength('example', minLength, maxLength, variant), message: `pattern ${schema.pattern} is not a valid regular expression` };
  }
  const lengthOk = (value: string): boolean => {
    const length = [...value].length;
    return length >= minLength && length <= maxStringLength && (maxLength === undefined || length <= maxLength);
  };
  const accept = (value: string): boolean => lengthOk(value) && (pattern === undefined || pattern.test(value));

  const format = typeof schema.format === 'string' ? schema.format : contentEncodingFormat(schema);
  const formatted = format === undefined ? undefined : formatValue(format, variant);
  if (formatted !== undefined && accept(formatted)) return { ok: true, value: formatted };

  if (pattern !== undefined) {
    const generated = fromPattern(schema.pattern as string, pattern, { minLength, maxLength, maxStringLength, variant, accept });
    if (generated === TOO_LONG) {
      return { ok: false, tooLarge: true, message: `every string matching pattern ${schema.pattern} is longer than the limit of ${maxStringLength} characters` };
    }
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

const TOO_LONG = Symbol('too long');

function fromPattern(
  source: string,
  pattern: RegExp,
  options: { minLength: number; maxLength?: number; maxStringLength: number; variant: number; accept: (value: string) => boolean },
): string | typeof TOO_LONG | undefined {
  for (let attempt = 0; attempt < PATTERN_ATTEMPTS; attempt++) {
    let raw: string;
    try {
      const generator = new RandExp(source);
      // `a{100000000}` is a 0.02 KB pattern for a 100 MB string: check the length before generating.
      if (!fitsLimit((generator as unknown as { tokens: PatternToken }).tokens, Math.max(4, options.minLength) + attempt, options.maxStringLength)) return TOO_LONG;
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

/** A token of randexp's parse tree (the `ret` package's shape). */
interface PatternToken {
  type: number;
  stack?: PatternToken[];
  options?: PatternToken[][];
  remember?: boolean;
  followedBy?: boolean;
  notFollowedBy?: boolean;
  min?: number;
  max?: number;
  value?: unknown;
}

const TOKEN = { root: 0, group: 1, position: 2, repetition: 5, reference: 6 } as const;
const MAX_PATTERN_NESTING = 200;

/**
 * Whether randexp's output for these tokens stays within `limit` characters. Repetitions whose
 * range could exceed it are narrowed to their minimum (the shortest match); false when even the
 * shortest match is longer (or the pattern nests too deeply to tell).
 */
function fitsLimit(root: PatternToken, unbounded: number, limit: number): boolean {
  if (!Number.isFinite(limit)) return true;
  if (lengthRange(root, unbounded, [], 0).max <= limit) return true;
  narrowRepetitions(root, 0);
  return lengthRange(root, unbounded, [], 0).max <= limit;
}

/** Shortest and longest output of a token as randexp generates it (unbounded repetitions add up to `unbounded`). */
function lengthRange(token: PatternToken, unbounded: number, groups: number[], depth: number): { min: number; max: number } {
  if (depth > MAX_PATTERN_NESTING) return { min: Number.POSITIVE_INFINITY, max: Number.POSITIVE_INFINITY };
  switch (token.type) {
    case TOKEN.root:
    case TOKEN.group: {
      if (token.followedBy === true || token.notFollowedBy === true) return { min: 0, max: 0 };
      const index = token.type === TOKEN.group && token.remember === true ? groups.push(0) - 1 : -1;
      const sequences = token.options ?? [token.stack ?? []];
      let min = Number.POSITIVE_INFINITY;
      let max = 0;
      for (const sequence of sequences) {
        let sequenceMin = 0;
        let sequenceMax = 0;
        for (const child of sequence) {
          const range = lengthRange(child, unbounded, groups, depth + 1);
          sequenceMin += range.min;
          sequenceMax += range.max;
        }
        min = Math.min(min, sequenceMin);
        max = Math.max(max, sequenceMax);
      }
      if (index >= 0) groups[index] = max;
      return { min: sequences.length === 0 ? 0 : min, max };
    }
    case TOKEN.position:
      return { min: 0, max: 0 };
    case TOKEN.repetition: {
      const child = lengthRange(token.value as PatternToken, unbounded, groups, depth + 1);
      const low = token.min ?? 0;
      const high = token.max === undefined || token.max === Number.POSITIVE_INFINITY ? low + unbounded : token.max;
      return { min: low === 0 ? 0 : low * child.min, max: high === 0 ? 0 : high * child.max };
    }
    case TOKEN.reference:
      return { min: 0, max: groups[(token.value as number) - 1] ?? 0 };
    default:
      return { min: 1, max: 1 };
  }
}

function narrowRepetitions(token: PatternToken, depth: number): void {
  if (depth > MAX_PATTERN_NESTING) return;
  if (token.type === TOKEN.repetition) {
    token.max = token.min;
    narrowRepetitions(token.value as PatternToken, depth + 1);
    return;
  }
  for (const sequence of token.options ?? [token.stack ?? []]) for (const child of sequence) narrowRepetitions(child, depth + 1);
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
