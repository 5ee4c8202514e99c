import fs from 'node:fs';
import path from 'node:path';
import type { EngineConformance } from './summarize.js';

export interface SpecPreparation {
  spec: string;
  /** Milliseconds `perfplan generate` took, and Prism took to answer. */
  generateMs?: number;
  prismStartupMs?: number;
  /** What Prism served: the spec itself or a lightened copy. */
  prismSpec?: string;
  error?: string;
  /** The spec has no operation to call: why (no Prism, no engine run). */
  nothingToCheck?: string;
  outDir?: string;
}

export interface ConformanceReport {
  tool: 'perfplan-conformance';
  prism: string;
  specs: SpecPreparation[];
  results: EngineConformance[];
  /** true when every result passed, was skipped, or had nothing to check. */
  ok: boolean;
}

/** Markdown table cell: no pipes or newlines. */
function cell(text: string | number | null): string {
  return String(text ?? '–').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function summaryTable(results: EngineConformance[]): string {
  const lines = [
    '| spec | engine | ops in plan | ops called | requests | rejected | wire: compared / differ | script errors | failed checks | exit code | verdict |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const result of results) {
    const known = result.knownUnsupported.length > 0 ? ` (+${result.knownUnsupported.length} known unsupported)` : '';
    const rejected = result.rejectedKnownUnsupported > 0 ? `${result.rejected} (+${result.rejectedKnownUnsupported} known unsupported)` : result.rejected;
    lines.push(
      `| ${cell(result.spec)} | ${cell(result.engine)} | ${result.operationsInPlan}${known} | ${result.operationsCalled} | ${result.requests} | ${rejected} | ${result.wire.compared} / ${result.wire.mismatched} | ${result.scriptErrors.length} | ${result.failedChecks.length} | ${cell(result.timedOut ? 'timeout' : result.exitCode)} | ${result.verdict} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const MAX_LISTED = 25;

function listed<T>(items: T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, MAX_LISTED).map((item) => `- ${line(item)}`);
  if (items.length > MAX_LISTED) lines.push(`- … and ${items.length - MAX_LISTED} more (see conformance.json)`);
  return lines;
}

function details(result: EngineConformance): string {
  const out: string[] = [`### ${result.spec} × ${result.engine}: ${result.verdict}`, ''];
  if (result.verdictReasons.length > 0) out.push(...result.verdictReasons.map((reason) => `- ${reason}`), '');
  out.push(`Statuses: ${Object.entries(result.statusCounts).map(([status, count]) => `${status}×${count}`).join(', ') || 'none'}`, '');
  if (result.rejections.length > 0) {
    out.push('**Rejected by Prism, by operation**', '');
    for (const group of result.rejections) {
      const known = group.knownUnsupported === undefined ? '' : ` — known unsupported: ${group.knownUnsupported}`;
      out.push(`- \`${group.operationId}\`: ${group.count} request(s)${known}`);
      for (const reason of group.reasons.slice(0, 8)) out.push(`  - ${reason.count}× ${reason.reason}`);
      for (const example of group.examples) out.push(`  - e.g. \`${example}\``);
    }
    out.push('');
  }
  if (result.wire.mismatches.length > 0) {
    out.push(
      `**Differs from the kit's wire form** (${result.wire.mismatched} of ${result.wire.compared} requests)`,
      '',
      ...listed(result.wire.mismatches, (m) => `\`${m.operationId}\`${m.step ? ` (step ${m.step})` : ''}, ${m.part}, ${m.count}×: expected \`${m.expected}\`, sent \`${m.sent}\` (e.g. \`${m.request}\`)`),
      '',
    );
  }
  if (result.uncalledOperations.length > 0) {
    out.push('**Planned operations never called**', '', ...listed(result.uncalledOperations, (op) => `\`${op.operationId}\` ${op.method} ${op.path}`), '');
  }
  if (result.knownUnsupported.length > 0) {
    out.push('**Known unsupported (exceptions, not failures)**', '', ...listed(result.knownUnsupported, (op) => `\`${op.operationId}\` ${op.method} ${op.path}: ${op.reason}${op.called ? ' (called)' : ''}`), '');
  }
  if (result.scriptErrors.length > 0) out.push('**Script errors**', '', ...listed(result.scriptErrors, (error) => `\`${error}\``), '');
  if (result.failedChecks.length > 0) {
    out.push('**Failed checks**', '', ...listed(result.failedChecks, (check) => `[${check.scenario ?? ''}${check.group ?? ''}] ${check.name}${check.context ? ` (${check.context})` : ''}`), '');
  }
  if (result.prismProblems.length > 0) {
    out.push('**Prism response-side problems (the spec or Prism, not the request)**', '', ...listed(result.prismProblems, (problem) => `\`${problem.operationId}\` ${problem.count}× ${problem.problem}`), '');
  }
  if (result.unmatchedRequests.length > 0) out.push('**Requests matching no planned operation**', '', ...listed(result.unmatchedRequests, (request) => `\`${request}\``), '');
  if (result.nameTagMismatches.length > 0) {
    out.push('**Name tag differs from the matched operation**', '', ...listed(result.nameTagMismatches, (m) => `tag \`${m.nameTag}\` on \`${m.request}\` (matched ${m.operationId ?? 'nothing'})`), '');
  }
  if (result.notes.length > 0) out.push('Notes:', '', ...result.notes.map((note) => `- ${note}`), '');
  return out.join('\n');
}

export function reportMarkdown(report: ConformanceReport): string {
  const out = ['# Conformance: generated scripts against Prism', '', `Prism ${report.prism} (\`prism mock --errors\`), one smoke run per spec × engine.`, '', summaryTable(report.results)];
  const prepared = report.specs.filter((spec) => spec.error !== undefined || spec.generateMs !== undefined || spec.nothingToCheck !== undefined);
  if (prepared.length > 0) {
    out.push('| spec | generate (ms) | Prism start (ms) | Prism served | problem |', '|---|---:|---:|---|---|');
    for (const spec of report.specs) {
      const problem = spec.error ?? (spec.nothingToCheck === undefined ? '' : `nothing to check: ${spec.nothingToCheck}`);
      out.push(`| ${cell(spec.spec)} | ${cell(spec.generateMs ?? null)} | ${cell(spec.prismStartupMs ?? null)} | ${cell(spec.prismSpec ?? '')} | ${cell(problem)} |`);
    }
    out.push('');
  }
  out.push('## Details', '');
  for (const result of report.results) out.push(details(result));
  return `${out.join('\n')}\n`;
}

/** Writes conformance.json and conformance.md into `outDir`. */
export function writeReport(outDir: string, report: ConformanceReport): void {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'conformance.md'), reportMarkdown(report));
}
