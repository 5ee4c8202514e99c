export interface CriterionResult {
  /** Stable name: p95, errorRate, throughput, mean, max, recovery.p95, breakingPoint, capacity, spike.errorRate, soak.p95Drift, workflow.completion ... */
  criterion: string;
  /** pass, fail, or info (measured but not a pass/fail criterion), or skipped (not measurable from these results). */
  status: 'pass' | 'fail' | 'info' | 'skipped';
  measured?: number;
  expected?: number;
  /** `<=` or `>=`: how measured is compared with expected. */
  comparison?: '<=' | '>=';
  unit: 'ms' | 'ratio' | 'rps' | '';
  message: string;
}

export function format(value: number, unit: CriterionResult['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'ratio') return `${(value * 100).toFixed(2)}%`;
  if (unit === 'rps') return `${value.toFixed(2)} req/s`;
  if (unit === 'ms') return `${Math.round(value)} ms`;
  return String(value);
}

/** measured against expected; a value that could not be measured (no request where it is judged) fails. */
export function compare(input: { criterion: string; label: string; measured: number; expected: number; comparison: '<=' | '>='; unit: CriterionResult['unit'] }): CriterionResult {
  const { measured, expected, comparison, unit } = input;
  if (!Number.isFinite(measured)) {
    return { criterion: input.criterion, status: 'fail', expected, comparison, unit, message: `${input.label}: no request to measure (the run did not reach it, or sent nothing there)` };
  }
  const passed = comparison === '<=' ? measured <= expected : measured >= expected;
  return {
    criterion: input.criterion,
    status: passed ? 'pass' : 'fail',
    measured,
    expected,
    comparison,
    unit,
    message: `${input.label}: measured ${format(measured, unit)}, expected ${comparison} ${format(expected, unit)}`,
  };
}
