import RandExpModule from 'randexp';
import { formatValue } from './formats.js';
import { compileSpecPattern, type SpecPattern } from './spec-pattern.js';
import { hashString, seededRandom } from './prng.js';

// randexp is CommonJS (`module.exports = RandExp`) while its types declare a default export.
type RandExpClass = typeof RandExpModule.default;
const RandExp: RandExpClass = ((RandExpModule as unknown as { default?: RandExpClass }).default ?? RandExpModule) as RandExpClass;

export type StringOutcome =
  /** `unchecked`: the pattern could not be run (spec-pattern.ts), so the value was not checked against it. */
  | { ok: true; value: string; unchecked?: string }
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
  const compiled = typeof schema.pattern === 'string' ? compileSpecPattern(schema.pattern) : undefined;
  if (compiled !== undefined && 'invalid' in compiled) {
    return { ok: false, value: fitLength('example', minLength, maxLength, variant), message: `pattern ${schema.pattern} is not a valid regular expression` };
  }
  const pattern = compiled;
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
    if (generated !== undefined) return pattern.unchecked === undefined ? { ok: true, value: generated } : { ok: true, value: generated, unchecked: pattern.unchecked };
    const fallback = formatted ?? fitLength('example', minLength, maxLength, variant);
    if (accept(fallback)) return { ok: true, value: fallback };
    return {
      ok: false,
      value: fallback,
      message: `could not generate a string matching pattern ${schema.pattern}${maxLength === undefined && minLength === 0 ? '' : ` with length ${minLength}..${maxLength ?? '∞'}`}`,
    };
  }
  const plain = fitLength(formatted ?? 'example', minLength, maxLength, variant);
  if (formatted !== undefined && plain !== formatted) {
    return { ok: false, value: plain, message: `the ${format} value does not fit length ${minLength}..${maxLength ?? '∞'}` };
  }
  return { ok: true, value: plain };
}

const TOO_LONG = Symbol('too long');

function fromPattern(
  source: string,
  pattern: SpecPattern,
  options: { minLength: number; maxLength?: number; maxStringLength: number; variant: number; accept: (value: string) => boolean },
): string | typeof TOO_LONG | undefined {
  // randexp cannot parse lookbehind; it is a zero-width assertion, checked on the result instead.
  const generatorSource = withoutLookbehind(source);
  for (let attempt = 0; attempt < PATTERN_ATTEMPTS; attempt++) {
    const unbounded = Math.max(4, options.minLength) + attempt;
    // Random repetition counts first; then counts that add up to the shortest allowed length.
    const lengthTarget = attempt < PATTERN_ATTEMPTS / 2 ? undefined : options.minLength + (attempt - PATTERN_ATTEMPTS / 2);
    if (options.maxLength !== undefined && lengthTarget !== undefined && lengthTarget > options.maxLength) break;
    let raw: string;
    try {
      const generator = new RandExp(generatorSource);
      const tokens = (generator as unknown as { tokens: PatternToken }).tokens;
      // `a{100000000}` is a 0.02 KB pattern for a 100 MB string: check the length before generating.
      if (!fitsLimit(tokens, unbounded, options.maxStringLength)) return TOO_LONG;
      // `.{1,2097152}`: a wide range is drawn from its short end, like an unbounded one.
      capRepetitions(tokens, unbounded, 0);
      const random = seededRandom(hashString(`${source}\u0000${options.variant}\u0000${attempt}`));
      generator.randInt = (low: number, high: number) => low + Math.floor(random() * (1 + high - low));
      // Unbounded repetition (`+`, `*`) stays short, then grows when minLength asks for more.
      generator.max = unbounded;
      // Readable output first (letters and digits for `.`, `\S`, negated classes), then all printable ASCII.
      if (attempt < PATTERN_ATTEMPTS / 2 || attempt < (3 * PATTERN_ATTEMPTS) / 4) generator.defaultRange.subtract(32, 47).subtract(58, 64).subtract(91, 96).subtract(123, 126);
      if (lengthTarget !== undefined) countRepetitionsTowards(generator, tokens, lengthTarget, unbounded);
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

/**
 * Makes randexp's repetitions add up to `target` characters where they can: each repetition of
 * a fixed-width item takes the minimum count plus what the target still lacks (in document order),
 * so `^[0-9a-zA-Z]+$` with length 10 gives ten characters instead of a random count.
 */
function countRepetitionsTowards(generator: InstanceType<RandExpClass>, root: PatternToken, target: number, unbounded: number): void {
  let lacking = target - lengthRange(root, unbounded, [], 0).min;
  const internals = generator as unknown as { _gen(token: PatternToken, groups: unknown[]): string };
  const generate = internals._gen.bind(generator);
  internals._gen = (token, groups) => {
    if (token.type !== TOKEN.repetition) return generate(token, groups);
    const item = lengthRange(token.value as PatternToken, unbounded, [], 0);
    const low = token.min ?? 0;
    const high = token.max ?? Number.POSITIVE_INFINITY;
    let count = low;
    if (lacking > 0 && item.min === item.max && item.min > 0) {
      const extra = Math.min(high - low, Math.ceil(lacking / item.min));
      count += extra;
      lacking -= extra * item.min;
    }
    let text = '';
    for (let index = 0; index < count; index++) text += internals._gen(token.value as PatternToken, groups);
    return text;
  };
}

/** Narrows every repetition's range to at most `unbounded` above its minimum. */
function capRepetitions(token: PatternToken, unbounded: number, depth: number): void {
  if (depth > MAX_PATTERN_NESTING) return;
  if (token.type === TOKEN.repetition) {
    const low = token.min ?? 0;
    if (token.max !== undefined && token.max !== Number.POSITIVE_INFINITY && token.max > low + unbounded) token.max = low + unbounded;
    capRepetitions(token.value as PatternToken, unbounded, depth + 1);
    return;
  }
  for (const sequence of token.options ?? [token.stack ?? []]) for (const child of sequence) capRepetitions(child, unbounded, depth + 1);
}

/** The pattern with its lookbehind groups `(?<=…)` and `(?<!…)` removed (escapes and classes respected). */
export function withoutLookbehind(source: string): string {
  let out = '';
  let index = 0;
  while (index < source.length) {
    if (source.startsWith('(?<=', index) || source.startsWith('(?<!', index)) {
      index = groupEnd(source, index);
      continue;
    }
    const next = tokenEnd(source, index);
    out += source.slice(index, next);
    index = next;
  }
  return out;
}

/** Index after the group that opens at `start`. */
function groupEnd(source: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < source.length) {
    const char = source[index];
    if (char === '(') depth++;
    if (char === ')' && --depth === 0) return index + 1;
    index = tokenEnd(source, index);
  }
  return index;
}

/** Index after the token at `index`: an escape, a character class, or one character. */
function tokenEnd(source: string, index: number): number {
  if (source[index] === '\\') return Math.min(source.length, index + 2);
  if (source[index] !== '[') return index + 1;
  let end = index + 1;
  if (source[end] === '^') end++;
  if (source[end] === ']') end++;
  while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
  return Math.min(source.length, end + 1);
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
