// The k6 TEST DOUBLE's short end-of-test text summary (printed when the script exports no
// handleSummary): thresholds with their outcome, checks, then every observed metric.
import type { ThresholdOutcome } from './metric-store.js';
import type { SummaryData } from './summary-data.js';

function formatValue(value: number, contains: string): string {
  if (contains === 'time') return value >= 1000 ? `${(value / 1000).toFixed(2)}s` : `${value.toFixed(2)}ms`;
  if (contains === 'data') return value >= 1_000_000 ? `${(value / 1_000_000).toFixed(1)} MB` : value >= 1000 ? `${(value / 1000).toFixed(1)} kB` : `${value} B`;
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

function metricLine(name: string, metric: SummaryData['metrics'][string]): string {
  const { values } = metric;
  let text: string;
  if (metric.type === 'counter') text = `${formatValue(values.count, metric.contains)}  ${values.rate.toFixed(4)}/s`;
  else if (metric.type === 'rate') text = `${(values.rate * 100).toFixed(2)}%  ${values.passes} out of ${values.passes + values.fails}`;
  else if (metric.type === 'gauge') text = `${formatValue(values.value, metric.contains)}  min=${formatValue(values.min, metric.contains)} max=${formatValue(values.max, metric.contains)}`;
  else text = Object.entries(values).map(([stat, value]) => `${stat}=${formatValue(value, stat === 'count' ? 'default' : metric.contains)}`).join(' ');
  return `    ${name.padEnd(40, '.')}: ${text}`;
}

export function textSummary(data: SummaryData, outcomes: ThresholdOutcome[]): string {
  const lines: string[] = ['', '  k6 TEST DOUBLE summary (not k6: a stand-in for tests; see test/k6-double/README.md)', ''];
  if (outcomes.length > 0) {
    lines.push('  THRESHOLDS');
    for (const outcome of outcomes) {
      const shown = outcome.measured === undefined ? 'no value' : `${outcome.method}=${formatValue(outcome.measured, outcome.method === 'count' || outcome.method.startsWith('rate') ? 'default' : data.metrics[outcome.key]?.contains ?? 'default')}`;
      lines.push(`    ${outcome.ok ? 'ok    ' : 'FAILED'} ${outcome.key}: '${outcome.source}' ${shown}`);
    }
    lines.push('');
  }
  lines.push('  METRICS');
  for (const [name, metric] of Object.entries(data.metrics)) lines.push(metricLine(name, metric));
  lines.push(`  test run: ${(data.state.testRunDurationMs / 1000).toFixed(1)}s (virtual time)`, '');
  return `${lines.join('\n')}\n`;
}
