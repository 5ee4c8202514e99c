import { WEIGHT_LIMITS } from '../model/index.js';

/**
 * A weight a renderer can compute with. perfplan's own plans hold weights within WEIGHT_LIMITS;
 * a plan built elsewhere may not: a weight that is not a positive finite number counts as 1, any
 * other is clamped into the limits, so sums, ratios and whole-number scaling stay finite.
 */
export function boundedWeight(weight: number): number {
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) return 1;
  return Math.min(WEIGHT_LIMITS.max, Math.max(WEIGHT_LIMITS.min, weight));
}

/**
 * Greatest common divisor of two whole numbers, by iteration (no recursion depth to exhaust).
 * Anything that is not a non-negative safe integer gives 1, so a caller dividing by it stays finite.
 */
export function gcd(left: number, right: number): number {
  if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right) || left < 0 || right < 0) return 1;
  let a = left;
  let b = right;
  while (b !== 0) [a, b] = [b, a % b];
  return a === 0 ? 1 : a;
}
