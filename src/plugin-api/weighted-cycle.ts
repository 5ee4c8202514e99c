import { boundedWeight, gcd } from './weights.js';

/** Longest cycle searched for weights that are not whole numbers. */
const MAX_CYCLE = 1000;
/** Whole-number weights get their exact cycle (the weights' sum over their gcd) up to this length. */
const MAX_EXACT_CYCLE = 200_000;
/** Above this many steps × targets the round-robin gives way to stride scheduling. */
const SMOOTH_ROUND_ROBIN_LIMIT = 10_000_000;

/**
 * Whole counts per target for a cycle of `length` iterations (largest remainder), then
 * every target gets at least one iteration, taken from the most frequent one.
 */
function apportion(weights: readonly number[], length: number): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const shares = weights.map((weight) => (weight / total) * length);
  const counts = shares.map((share) => Math.floor(share + 1e-9));
  let left = length - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = shares
    .map((share, index) => ({ index, remainder: share - counts[index] }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    counts[index] += 1;
    left -= 1;
  }
  for (let index = 0; index < counts.length; index++) {
    if (counts[index] > 0) continue;
    const largest = counts.indexOf(Math.max(...counts));
    counts[largest] -= 1;
    counts[index] = 1;
  }
  return counts;
}

/**
 * The shortest cycle in which every weight is a whole number of iterations: for whole-number
 * weights their sum over their gcd (a mixed workload of a large API: thousands of iterations),
 * otherwise searched up to MAX_CYCLE.
 */
function cycleLength(weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (weights.every((weight) => Number.isSafeInteger(weight))) {
    const exact = total / weights.reduce(gcd);
    if (exact <= MAX_EXACT_CYCLE) return exact;
  }
  for (let length = weights.length; length <= MAX_CYCLE; length++) {
    const exact = weights.every((weight) => {
      const count = (weight / total) * length;
      return Math.abs(count - Math.round(count)) < 1e-9 && Math.round(count) >= 1;
    });
    if (exact) return length;
  }
  return Math.max(weights.length, MAX_CYCLE);
}

/**
 * A deterministic schedule of target indexes: iteration `i` of a scenario runs target
 * `cycle[i % cycle.length]`. Targets appear in proportion to their weights and interleaved
 * (smooth weighted round-robin), so short runs see the same mix as long ones. Weights that
 * are not positive numbers count as 1, others are held within WEIGHT_LIMITS (see boundedWeight).
 */
export function weightedCycle(rawWeights: readonly number[]): number[] {
  if (rawWeights.length === 0) return [];
  const weights = rawWeights.map(boundedWeight);
  const cycle = cycleLength(weights);
  // As long as the targets: one turn each (every target gets at least one), in order, which is
  // what apportioning and the round-robin below give, after targets × targets steps of work.
  if (cycle === weights.length) return weights.map((_, index) => index);
  const counts = apportion(weights, cycle);
  const length = counts.reduce((sum, count) => sum + count, 0);
  if (length * counts.length > SMOOTH_ROUND_ROBIN_LIMIT) return strideCycle(counts, length);
  const current = counts.map(() => 0);
  const order: number[] = [];
  for (let step = 0; step < length; step++) {
    let best = 0;
    for (let index = 0; index < counts.length; index++) {
      current[index] += counts[index];
      if (current[index] > current[best]) best = index;
    }
    current[best] -= length;
    order.push(best);
  }
  return order;
}

/**
 * The same counts, interleaved by stride scheduling in O(length · log targets) instead of the
 * round-robin's length × targets: each target is due every length/count steps, the earliest due
 * goes next (the lower index on a tie). First turns are staggered by index across one stride, so
 * that targets of equal weight do not all come at once: every stretch of the cycle has the mix.
 */
function strideCycle(counts: readonly number[], length: number): number[] {
  const due = counts.map((count, index) => ((length / count) * (index + 0.5)) / counts.length);
  const before = (a: number, b: number): boolean => due[a]! < due[b]! || (due[a] === due[b] && a < b);
  const heap = counts.map((_, index) => index);
  const siftDown = (start: number): void => {
    for (let at = start; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let first = at;
      if (left < heap.length && before(heap[left]!, heap[first]!)) first = left;
      if (right < heap.length && before(heap[right]!, heap[first]!)) first = right;
      if (first === at) return;
      [heap[at], heap[first]] = [heap[first]!, heap[at]!];
      at = first;
    }
  };
  for (let index = Math.floor(heap.length / 2) - 1; index >= 0; index--) siftDown(index);
  const order: number[] = [];
  for (let step = 0; step < length; step++) {
    const next = heap[0]!;
    order.push(next);
    due[next] = due[next]! + length / counts[next]!;
    siftDown(0);
  }
  return order;
}
