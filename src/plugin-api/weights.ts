import { WEIGHT_LIMITS, type TestTarget } from '../model/index.js';

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

/**
 * Positive whole-number weights in the same proportions, in lowest terms, for engines that take
 * integer weights (Locust's @task repeats a task in its list as many times as its weight). A
 * weight that is not a positive finite number counts as 1. When the whole numbers would add up
 * to more than `maxTotal`, they are scaled down (each keeps at least 1), so the total stays small.
 */
export function integerWeights(weights: readonly number[], options: { maxTotal?: number } = {}): number[] {
  const maxTotal = options.maxTotal ?? 10_000;
  const positive = weights.map((weight) => (Number.isFinite(weight) && weight > 0 ? weight : 1));
  let scaled = positive.every((weight) => Number.isSafeInteger(weight)) ? positive : positive.map((weight) => Math.max(1, Math.round(weight * 1000)));
  const total = scaled.reduce((sum, weight) => sum + weight, 0);
  if (!Number.isSafeInteger(total) || total > maxTotal) {
    const largest = Math.max(...positive);
    scaled = positive.map((weight) => Math.max(1, Math.round((weight / largest) * (maxTotal / positive.length))));
  }
  const divisor = scaled.reduce((acc, weight) => gcd(acc, weight), 0);
  return scaled.map((weight) => weight / divisor);
}

/** Targets that name the same operation merged (their bounded weights add up), in first-seen order. */
export function mergeTargets(targets: readonly TestTarget[]): TestTarget[] {
  const merged = new Map<string, number>();
  for (const target of targets) merged.set(target.operationId, (merged.get(target.operationId) ?? 0) + boundedWeight(target.weight));
  return [...merged.entries()].map(([operationId, weight]) => ({ operationId, weight }));
}
