import { integerFormatRange, numberFormatPreferred } from './formats.js';

export type NumberOutcome = { ok: true; value: number } | { ok: false; message: string };

interface Bounds {
  lower?: number;
  lowerExclusive: boolean;
  upper?: number;
  upperExclusive: boolean;
}

/**
 * The smallest "natural" number the schema accepts: 1 (or `variant + 1`) when in range,
 * else the nearest bound, honouring exclusive bounds (boolean 3.0 form and numeric
 * 3.1 form), `multipleOf` and integer formats.
 */
export function synthesizeNumber(schema: Record<string, unknown>, integer: boolean, variant: number): NumberOutcome {
  const bounds = boundsOf(schema, integer);
  const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  const preferred = (numberFormatPreferred(schema.format as string | undefined) ?? 1) + variant * (step ?? 1);
  const inRange = (value: number): boolean =>
    (bounds.lower === undefined || (bounds.lowerExclusive ? value > bounds.lower : value >= bounds.lower)) &&
    (bounds.upper === undefined || (bounds.upperExclusive ? value < bounds.upper : value <= bounds.upper));
  const acceptable = (value: number): boolean =>
    Number.isFinite(value) && inRange(value) && (!integer || Number.isInteger(value)) && (step === undefined || isMultiple(value, step));

  const candidates: number[] = [preferred];
  if (step !== undefined) candidates.push(...multiplesNear(preferred, step, bounds));
  if (bounds.lower !== undefined) candidates.push(...stepsFrom(bounds.lower, +1, integer, bounds));
  if (bounds.upper !== undefined) candidates.push(...stepsFrom(bounds.upper, -1, integer, bounds));
  candidates.push(0, 1, -1);
  for (const candidate of candidates) {
    const value = clean(candidate);
    if (acceptable(value)) return { ok: true, value };
  }
  return { ok: false, message: `no ${integer ? 'integer' : 'number'} satisfies ${describeBounds(bounds)}${step === undefined ? '' : ` and multipleOf ${step}`}` };
}

function boundsOf(schema: Record<string, unknown>, integer: boolean): Bounds {
  const bounds: Bounds = { lowerExclusive: false, upperExclusive: false };
  const tighten = (value: unknown, exclusive: boolean, side: 'lower' | 'upper'): void => {
    if (typeof value !== 'number') return;
    const current = bounds[side];
    const tighter = current === undefined || (side === 'lower' ? value > current : value < current) || (value === current && exclusive);
    if (!tighter) return;
    bounds[side] = value;
    if (side === 'lower') bounds.lowerExclusive = exclusive;
    else bounds.upperExclusive = exclusive;
  };
  tighten(schema.minimum, schema.exclusiveMinimum === true, 'lower');
  tighten(schema.maximum, schema.exclusiveMaximum === true, 'upper');
  tighten(schema.exclusiveMinimum, true, 'lower');
  tighten(schema.exclusiveMaximum, true, 'upper');
  const range = integer ? integerFormatRange(schema.format as string | undefined) : undefined;
  if (range) {
    tighten(range.min, false, 'lower');
    tighten(range.max, false, 'upper');
  }
  return bounds;
}

/** Values just inside a bound, walking inward. */
function stepsFrom(bound: number, direction: 1 | -1, integer: boolean, bounds: Bounds): number[] {
  const span = bounds.lower !== undefined && bounds.upper !== undefined ? Math.abs(bounds.upper - bounds.lower) : 2;
  const small = integer ? 1 : Math.min(1, span / 2);
  const base = integer ? (direction > 0 ? Math.ceil(bound) : Math.floor(bound)) : bound;
  return [base, base + direction * small, base + direction * 2 * small];
}

function multiplesNear(preferred: number, step: number, bounds: Bounds): number[] {
  const anchors = [preferred, bounds.lower, bounds.upper].filter((value): value is number => value !== undefined);
  const values: number[] = [];
  for (const anchor of anchors) {
    const k = Math.ceil(anchor / step);
    for (const offset of [0, 1, -1, 2]) values.push((k + offset) * step);
  }
  values.push(step, 0);
  return values;
}

/** The same test ajv applies (`(value / step) % 1 === 0`), so our output passes it. */
function isMultiple(value: number, step: number): boolean {
  return (value / step) % 1 === 0;
}

/** Removes binary noise such as 0.30000000000000004 without changing real values. */
function clean(value: number): number {
  const rounded = Number.parseFloat(value.toPrecision(12));
  return Number.isFinite(rounded) ? rounded : value;
}

function describeBounds(bounds: Bounds): string {
  const lower = bounds.lower === undefined ? '' : `${bounds.lowerExclusive ? '>' : '>='} ${bounds.lower}`;
  const upper = bounds.upper === undefined ? '' : `${bounds.upperExclusive ? '<' : '<='} ${bounds.upper}`;
  return [lower, upper].filter(Boolean).join(' and ') || 'the schema';
}
