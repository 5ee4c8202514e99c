import type { Analysis, ApiModel, Diagnostic } from '../model/index.js';
import { plural } from '../plugin-api/plural.js';

function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, column) => Math.min(60, Math.max(header.length, ...rows.map((row) => row[column].length))));
  const cell = (text: string, column: number) => (text.length > widths[column] ? `${text.slice(0, widths[column] - 1)}…` : text.padEnd(widths[column]));
  return [
    headers.map(cell).join('  '),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map((row) => row.map(cell).join('  ').trimEnd()),
  ];
}

/** Terminal text: spec strings are flattened to one line so they cannot break the layout. */
function flat(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/** The human report of `perfplan analyze`. */
export function formatAnalysisReport(input: { model: ApiModel; analysis: Analysis; diagnostics: Diagnostic[] }): string {
  const { model, analysis, diagnostics } = input;
  const lines: string[] = [
    `${flat(model.title)} ${flat(model.version)} — ${model.kind} ${model.specVersion}`,
    '',
    ...table(
      ['operations', 'read', 'write', 'deprecated', 'webhooks', 'auth required', 'complexity'],
      [
        [
          String(analysis.totals.operations),
          String(analysis.totals.read),
          String(analysis.totals.write),
          String(analysis.totals.deprecated),
          String(model.webhookCount),
          analysis.authenticationRequired ? 'yes' : 'no',
          analysis.complexity.level,
        ],
      ],
    ),
    '',
    `Complexity ${analysis.complexity.level}: ${analysis.complexity.reasons.map(flat).join('; ')}`,
    '',
  ];
  const critical = analysis.operations.filter((operation) => operation.critical);
  lines.push(`Critical paths (${critical.length}):`);
  if (critical.length > 0) {
    lines.push(
      ...table(
        ['operation', 'id', 'reason'],
        critical.map((operation) => [`${operation.method.toUpperCase()} ${flat(operation.path)}`, flat(operation.operationId), flat(operation.critical!.reason)]),
      ),
    );
  }
  const dataIntensive = analysis.operations.filter((operation) => operation.dataIntensive);
  lines.push('', `Data-intensive operations (${dataIntensive.length}):`);
  if (dataIntensive.length > 0) {
    lines.push(
      ...table(
        ['operation', 'id', 'category', 'reason'],
        dataIntensive.map((operation) => [
          `${operation.method.toUpperCase()} ${flat(operation.path)}`,
          flat(operation.operationId),
          operation.dataIntensive!.category,
          flat(operation.dataIntensive!.reason),
        ]),
      ),
    );
  }
  if (analysis.dependencies.length > 0) {
    lines.push('', `Dependencies (${analysis.dependencies.length}):`);
    lines.push(
      ...table(
        ['from', 'to', 'source', 'values'],
        analysis.dependencies.map((edge) => [flat(edge.from), flat(edge.to), edge.source, edge.bindings.map((binding) => `${flat(binding.from)} → ${flat(binding.to)}`).join(', ')]),
      ),
    );
  }
  lines.push('', 'Recommended load patterns:', ...analysis.recommendedLoadPatterns.map((pattern) => `  - ${flat(pattern)}`));
  if (diagnostics.length > 0) lines.push('', `${plural(diagnostics.length, 'spec problem')} (see "perfplan validate").`);
  return lines.join('\n');
}
