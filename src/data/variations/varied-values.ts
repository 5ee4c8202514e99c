// The reference of how a varying value is computed. Each engine's runtime implements the same
// arithmetic (k6: plugins/k6/runtime/support.js, Locust: plugins/locust/runtime/perfplan_runtime.py,
// JMeter: plugins/jmeter/src/variation-script.ts); test/data/variations-cross-engine checks that all
// four give the same values. Only 32-bit words and integers below 2^53 are used, so JavaScript
// numbers, Python ints and Groovy longs agree exactly.

const TWO_32 = 4_294_967_296;

/** A fixed 32-bit mixing function (xor-shift-multiply): spreads nearby seeds far apart. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** min + step × ((mix32(seed) + counter) mod count). */
export function variedInteger(input: { min: number; step: number; count: number }, seed: number, counter: number): number {
  return input.min + input.step * ((mix32(seed) + counter) % input.count);
}

/** base36 of (mix32(seed) + counter) mod 36^width, padded with 0 to `width` digits. */
export function variedSuffix(width: number, seed: number, counter: number): string {
  return ((mix32(seed) + counter) % 36 ** width).toString(36).padStart(width, '0');
}

/** base + '-' + suffix; for an email the suffix goes before the last `@`. */
export function variedText(kind: 'string' | 'email', base: string, width: number, seed: number, counter: number): string {
  return withSuffix(kind, base, variedSuffix(width, seed, counter));
}

/** base + '-' + suffix (an email's before its last `@`). */
export function withSuffix(kind: 'string' | 'email', base: string, suffix: string): string {
  const at = kind === 'email' ? base.lastIndexOf('@') : -1;
  return at < 0 ? `${base}-${suffix}` : `${base.slice(0, at)}-${suffix}${base.slice(at)}`;
}

function hex(value: number, digits: number): string {
  return (value >>> 0).toString(16).padStart(8, '0').slice(8 - digits);
}

/**
 * A version-4-shaped UUID from the seed and a counter below 2^48: the counter, masked by the
 * seed, is its last 48 bits (so different counters never give the same UUID), the rest is mixed.
 */
export function variedUuid(seed: number, counter: number): string {
  const s = mix32(seed);
  const low = counter % TWO_32;
  const high = Math.floor(counter / TWO_32) % 65536;
  const a = mix32(s + low);
  const b = mix32((a ^ high ^ 0x9e3779b9) >>> 0);
  const c = mix32(b + 0x85ebca6b);
  const tailLow = (low ^ mix32((s ^ 0xc2b2ae35) >>> 0)) >>> 0;
  const tailHigh = (high ^ (mix32((s ^ 0x27d4eb2f) >>> 0) & 0xffff)) & 0xffff;
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b & 0xfff, 3)}-${hex(8 | (c >>> 30), 1)}${hex(c & 0xfff, 3)}-${hex(tailHigh, 4)}${hex(tailLow, 8)}`;
}

/** The counter of a request key: n × 65536 + r (r: the request's index within its iteration). */
export function requestKeyCounter(iteration: number, requestIndex: number): number {
  return iteration * 65536 + (requestIndex % 65536);
}

/** The counter of a value in a lane (an item of a bulk body): n × of + index. */
export function laneCounter(iteration: number, lane: { index: number; of: number } | undefined): number {
  return lane === undefined ? iteration : iteration * lane.of + lane.index;
}

/** A file's content: `pattern` repeated and cut at `bytes` (the pattern is ASCII). */
export function variedFile(pattern: string, bytes: number): string {
  const unit = pattern === '' ? '.' : pattern;
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** The largest run seed: seeds are whole numbers in [0, 2^32). */
export const MAX_RUN_SEED = TWO_32 - 1;

/** A run seed as the engines read PERFPLAN_RUN_SEED: 1 to 10 decimal digits, below 2^32; undefined otherwise. */
export function parseRunSeed(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[0-9]{1,10}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value <= MAX_RUN_SEED ? value : undefined;
}
