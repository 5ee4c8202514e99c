import { integerFormatRange } from '../formats.js';

/** The values an integer variation takes: min, min + step, ..., min + step × (count − 1). */
export interface IntegerRange {
  min: number;
  step: number;
  count: number;
}

/** Ids need not span more than this many values (int32's positive range). */
const MAX_COUNT = 2_147_483_647;

/**
 * The integers a schema allows, as a range an id can wrap around in: its minimum and maximum
 * (exclusive ones in the 3.0 boolean and 3.1 numeric forms), its integer format and an integer
 * multipleOf. Without a lower bound ids start at 1. Undefined when fewer than two values fit
 * (nothing to vary) or multipleOf is not a whole number.
 */
export function integerRange(schema: Record<string, unknown> | undefined): IntegerRange | undefined {
  const s = schema ?? {};
  let lower: number | undefined;
  let upper: number | undefined;
  const raise = (value: number) => (lower = lower === undefined ? value : Math.max(lower, value));
  const cap = (value: number) => (upper = upper === undefined ? value : Math.min(upper, value));
  if (typeof s.minimum === 'number') raise(s.exclusiveMinimum === true ? Math.floor(s.minimum) + 1 : Math.ceil(s.minimum));
  if (typeof s.exclusiveMinimum === 'number') raise(Math.floor(s.exclusiveMinimum) + 1);
  if (typeof s.maximum === 'number') cap(s.exclusiveMaximum === true ? Math.ceil(s.maximum) - 1 : Math.floor(s.maximum));
  if (typeof s.exclusiveMaximum === 'number') cap(Math.ceil(s.exclusiveMaximum) - 1);
  const format = integerFormatRange(typeof s.format === 'string' ? s.format : undefined);
  if (format) {
    raise(format.min);
    cap(format.max);
  }
  let step = 1;
  if (s.multipleOf !== undefined) {
    if (typeof s.multipleOf !== 'number' || !Number.isSafeInteger(s.multipleOf) || s.multipleOf <= 0) return undefined;
    step = s.multipleOf;
  }
  // Ids are positive where the schema allows it.
  if (lower === undefined || (lower < 1 && (upper === undefined || upper >= 1))) lower = upper === undefined || upper >= 1 ? 1 : upper - MAX_COUNT + 1;
  const first = Math.ceil(lower / step) * step;
  const lastAllowed = upper ?? Number.MAX_SAFE_INTEGER;
  const last = Math.floor(lastAllowed / step) * step;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || last < first) return undefined;
  const count = Math.min(MAX_COUNT, Math.floor((last - first) / step) + 1);
  return count >= 2 ? { min: first, step, count } : undefined;
}
