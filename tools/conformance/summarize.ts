import type { TestPlan } from '../../src/model/index.js';
import type { EngineRunResult, FailedCheck } from './engines/engine-runner.js';
import type { RecordedRequest } from './recording-proxy.js';
import { checkWire, type WireCheck } from './wire-check/wire-check.js';

/** `nothing to check`: the spec has no operation to call (webhooks only): no engine runs, and that is no failure. */
export type Verdict = 'pass' | 'fail' | 'skipped' | 'error' | 'nothing to check';

/** Verdicts that do not fail a conformance run. */
export function isPassing(verdict: Verdict): boolean {
  return verdict === 'pass' || verdict === 'skipped' || verdict === 'nothing to check';
}

export interface OperationRef {
  operationId: string;
  method: string;
  path: string;
}

export interface RejectionGroup {
  /** Plan operation, or `(no operation)` for a request that matched none. */
  operationId: string;
  count: number;
  reasons: { reason: string; count: number }[];
  /** Up to three requests as sent (method, path and query), as evidence. */
  examples: string[];
  /** The plan marks this operation knownUnsupported: reported, not a failure. */
  knownUnsupported?: string;
}

export interface EngineConformance {
  spec: string;
  engine: string;
  verdict: Verdict;
  /** Why the verdict is not `pass` (one line each). */
  verdictReasons: string[];
  operationsInPlan: number;
  operationsCalled: number;
  requests: number;
  rejected: number;
  /** Rejections of known-unsupported operations (not counted in `rejected`). */
  rejectedKnownUnsupported: number;
  scriptErrors: string[];
  failedChecks: FailedCheck[];
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  uncalledOperations: OperationRef[];
  knownUnsupported: (OperationRef & { reason: string; called: boolean })[];
  rejections: RejectionGroup[];
  /** Requests matching no plan operation (method + url). */
  unmatchedRequests: string[];
  /** Requests whose engine name tag differs from the operation their path matched. */
  nameTagMismatches: { nameTag: string; operationId?: string; request: string }[];
  /** Response-side violations and Prism's own failures, by operation: the spec or Prism, not the script. */
  prismProblems: { operationId: string; problem: string; count: number }[];
  statusCounts: Record<string, number>;
  /** Requests compared with the kit's wire form of their planned request (perfplan/plugin wireForm), and how they differ. */
  wire: WireCheck;
  notes: string[];
  logFiles: string[];
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The operations the records show called. A request that matched several operations equally
 * (one URL, nothing in the request to tell them apart: an engine without name tags) counts for
 * the first of them; a group of n such operations counts as called when it got n requests or more.
 */
function calledOperations(records: readonly RecordedRequest[]): Set<string> {
  const called = new Set(records.map((record) => record.operationId).filter((id): id is string => id !== undefined));
  const groups = new Map<string, { members: string[]; count: number }>();
  for (const record of records) {
    if (record.candidates === undefined || record.candidates.length < 2) continue;
    const key = [...record.candidates].sort().join('\u0000');
    const group = groups.get(key) ?? { members: record.candidates, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  for (const group of groups.values()) if (group.count >= group.members.length) for (const member of group.members) called.add(member);
  return called;
}

/** Judges one engine's run on one spec from the plan, the proxy's records and the engine's own report. */
export function summarizeRun(input: {
  spec: string;
  engine: string;
  plan: TestPlan;
  records: RecordedRequest[];
  run: EngineRunResult;
  /** The environment the engine ran with (the credentials a request should carry). */
  env: Readonly<Record<string, string>>;
}): EngineConformance {
  const { plan, records, run } = input;
  const known = new Map(plan.requests.filter((request) => request.knownUnsupported !== undefined).map((request) => [request.operationId, request.knownUnsupported ?? '']));
  const called = calledOperations(records);
  const ref = (request: TestPlan['requests'][number]): OperationRef => ({ operationId: request.operationId, method: request.method.toUpperCase(), path: request.path });

  const uncalledOperations = plan.requests.filter((request) => !called.has(request.operationId) && !known.has(request.operationId)).map(ref);
  const knownUnsupported = plan.requests
    .filter((request) => known.has(request.operationId))
    .map((request) => ({ ...ref(request), reason: known.get(request.operationId) ?? '', called: called.has(request.operationId) }));

  const rejectedRecords = records.filter((record) => record.rejected);
  const groups = new Map<string, RecordedRequest[]>();
  for (const record of rejectedRecords) {
    const id = record.operationId ?? '(no operation)';
    groups.set(id, [...(groups.get(id) ?? []), record]);
  }
  const rejections: RejectionGroup[] = [...groups.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([operationId, group]) => {
      const reasons = countBy(group.flatMap((record) => record.reasons), (reason) => reason);
      const result: RejectionGroup = {
        operationId,
        count: group.length,
        reasons: [...reasons.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || byText(a.reason, b.reason)),
        examples: [...new Set(group.map((record) => `${record.method} ${record.url} -> ${record.status}`))].slice(0, 3),
      };
      const reason = known.get(operationId);
      if (reason !== undefined) result.knownUnsupported = reason;
      return result;
    });
  const rejectedKnownUnsupported = rejectedRecords.filter((record) => record.operationId !== undefined && known.has(record.operationId)).length;
  const rejected = rejectedRecords.length - rejectedKnownUnsupported;

  const prismProblemCounts = countBy(
    records.flatMap((record) => record.prismProblem.map((problem) => `${record.operationId ?? '(no operation)'}\u0000${problem}`)),
    (key) => key,
  );
  const prismProblems = [...prismProblemCounts.entries()]
    .map(([key, count]) => {
      const [operationId, problem] = key.split('\u0000');
      return { operationId, problem, count };
    })
    .sort((a, b) => byText(a.operationId, b.operationId) || byText(a.problem, b.problem));

  const unmatchedRequests = [...new Set(records.filter((record) => record.operationId === undefined).map((record) => `${record.method} ${record.url}`))].sort(byText);
  const nameTagMismatches = records
    .filter((record) => record.nameTag !== undefined && record.nameTag !== record.operationId)
    .map((record) => {
      const mismatch: EngineConformance['nameTagMismatches'][number] = { nameTag: record.nameTag ?? '', request: `${record.method} ${record.url}` };
      if (record.operationId !== undefined) mismatch.operationId = record.operationId;
      return mismatch;
    });
  const statusCounts = Object.fromEntries([...countBy(records, (record) => String(record.status)).entries()].sort(([a], [b]) => byText(a, b)));

  const verdictReasons: string[] = [];
  if (rejected > 0) verdictReasons.push(`${rejected} request(s) rejected by Prism`);
  if (run.scriptErrors.length > 0) verdictReasons.push(`${run.scriptErrors.length} script error(s)`);
  if (uncalledOperations.length > 0) verdictReasons.push(`${uncalledOperations.length} planned operation(s) never called`);
  if (run.timedOut) verdictReasons.push('the engine run timed out');
  else if (run.exitCode !== 0) verdictReasons.push(`engine exit code ${String(run.exitCode)}`);
  const proxyErrors = records.filter((record) => record.error !== undefined).length;
  if (proxyErrors > 0) verdictReasons.push(`${proxyErrors} request(s) the proxy could not pass to Prism`);
  const wire = checkWire({ plan, records, env: input.env });
  if (wire.mismatched > 0) verdictReasons.push(`${wire.mismatched} of ${wire.compared} request(s) differ from the kit's wire form of their planned request`);

  return {
    spec: input.spec,
    engine: input.engine,
    verdict: verdictReasons.length === 0 ? 'pass' : 'fail',
    verdictReasons,
    operationsInPlan: plan.requests.length,
    operationsCalled: plan.requests.filter((request) => called.has(request.operationId)).length,
    requests: records.length,
    rejected,
    rejectedKnownUnsupported,
    scriptErrors: run.scriptErrors,
    failedChecks: run.failedChecks,
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    uncalledOperations,
    knownUnsupported,
    rejections,
    unmatchedRequests,
    nameTagMismatches,
    prismProblems,
    statusCounts,
    wire,
    notes: run.notes,
    logFiles: run.logFiles,
  };
}

/** A row for an engine that did not run (unavailable, or the spec could not be prepared). */
export function notRun(input: { spec: string; engine: string; verdict: 'skipped' | 'error' | 'nothing to check'; reason: string; operationsInPlan?: number }): EngineConformance {
  return {
    spec: input.spec,
    engine: input.engine,
    verdict: input.verdict,
    verdictReasons: [input.reason],
    operationsInPlan: input.operationsInPlan ?? 0,
    operationsCalled: 0,
    requests: 0,
    rejected: 0,
    rejectedKnownUnsupported: 0,
    scriptErrors: [],
    failedChecks: [],
    exitCode: null,
    timedOut: false,
    durationMs: 0,
    uncalledOperations: [],
    knownUnsupported: [],
    rejections: [],
    unmatchedRequests: [],
    nameTagMismatches: [],
    prismProblems: [],
    statusCounts: {},
    wire: { compared: 0, mismatched: 0, operationsCompared: 0, truncatedBodies: 0, mismatches: [] },
    notes: [],
    logFiles: [],
  };
}
