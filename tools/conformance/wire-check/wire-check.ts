import { requestsByOperation, wireForm, workflowWireForms, type JsonValue, type TestPlan, type WireField, type WireHole, type WirePiece, type WireRequest } from '../../../src/plugin-api/index.js';
import type { RecordedRequest } from '../recording-proxy.js';
import { excerpt, shownPieces } from './excerpt.js';
import { holeAcceptor, type KnownValue } from './hole-values.js';
import { matchPieces } from './piece-match.js';
import { extractedValue } from './step-values.js';

/** A part of a request that differs from the kit's wire form, with one example. */
export interface WireMismatch {
  operationId: string;
  /** `workflow/step` for a workflow step's request. */
  step?: string;
  /** `URL`, `header <name>`, `cookie <name>` or `body`. */
  part: string;
  /** The wire form around the first difference (holes as ‹what fills them›), and what was sent there. */
  expected: string;
  sent: string;
  /** The request, `METHOD url`, shortened. */
  request: string;
  /** Requests with this difference. */
  count: number;
}

export interface WireCheck {
  /** Requests compared with the wire form of the planned request (or workflow step) they were for. */
  compared: number;
  /** Of those, the ones that differ in any part. */
  mismatched: number;
  /** Planned operations at least one compared request was for. */
  operationsCompared: number;
  /** Bodies the proxy kept only the start of (compared up to there). */
  truncatedBodies: number;
  mismatches: WireMismatch[];
}

interface Candidate {
  operationId: string;
  workflowId?: string;
  stepId?: string;
  wire: WireRequest;
}

interface Problem {
  part: string;
  expected: string;
  sent: string;
}

type Accept = (hole: WireHole, text: string) => boolean;

function isWorkflowPhase(phase: string | undefined): boolean {
  return phase === 'workflow' || phase === 'workflows';
}

/** A difference between pieces and text, shown around where they part. */
function difference(part: string, pieces: readonly WirePiece[], sent: string, accept: Accept, truncated = false): Problem | undefined {
  const match = matchPieces(pieces, sent, accept, { truncated });
  if (match.ok) return undefined;
  const shown = shownPieces(pieces, match.failedPiece);
  return { part, expected: excerpt(shown.text, shown.offset), sent: excerpt(sent, match.failedAt) };
}

/** The URL: path and query, or a followed Location and the apiKey pairs after it. */
function urlProblem(wire: WireRequest, url: string, accept: Accept): Problem | undefined {
  if (!wire.urlReplaced || wire.query.length === 0) return difference('URL', wire.target, url, accept);
  const variants = ['?', '&'].map((joiner): WirePiece[] => [...wire.target, ...wire.query.flatMap((pair, index) => [{ text: index === 0 ? joiner : '&' }, ...pair])]);
  const problems = variants.map((pieces) => difference('URL', pieces, url, accept));
  return problems.some((problem) => problem === undefined) ? undefined : problems[0];
}

function headerProblems(wire: WireRequest, sent: ReadonlyArray<[string, string]>, accept: Accept): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map<string, WireField[]>();
  for (const header of wire.headers) byName.set(header.name.toLowerCase(), [...(byName.get(header.name.toLowerCase()) ?? []), header]);
  for (const [name, expected] of byName) {
    const values = sent.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);
    const part = `header ${expected[0]!.name}`;
    if (values.length === 0) {
      problems.push({ part, expected: excerpt(shownPieces(expected[0]!.value).text, 0), sent: '(not sent)' });
      continue;
    }
    // Two schemes may both set one header (Authorization): the engines send one of them.
    if (values.some((value) => expected.some((header) => matchPieces(header.value, value, accept).ok))) continue;
    problems.push(difference(part, expected[0]!.value, values[0]!, accept) ?? { part, expected: shownPieces(expected[0]!.value).text, sent: values[0]! });
  }
  return problems;
}

function cookieProblems(wire: WireRequest, sent: ReadonlyArray<[string, string]>, accept: Accept): Problem[] {
  if (wire.cookies.length === 0) return [];
  const pairs = sent
    .filter(([key]) => key.toLowerCase() === 'cookie')
    .flatMap(([, value]) => value.split(';'))
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0 ? { name: pair, value: '' } : { name: pair.slice(0, equals), value: pair.slice(equals + 1) };
    });
  const problems: Problem[] = [];
  for (const cookie of wire.cookies) {
    const same = pairs.filter((pair) => pair.name === cookie.name);
    const part = `cookie ${cookie.name}`;
    if (same.some((pair) => matchPieces(cookie.value, pair.value, accept).ok)) continue;
    if (same.length === 0) problems.push({ part, expected: excerpt(`${cookie.name}=${shownPieces(cookie.value).text}`, 0), sent: excerpt(pairs.map((pair) => `${pair.name}=${pair.value}`).join('; ') || '(no cookies)', 0) });
    else problems.push(difference(part, cookie.value, same[0]!.value, accept)!);
  }
  return problems;
}

function bodyProblem(wire: WireRequest, record: RecordedRequest, accept: Accept): Problem | undefined {
  const evidence = record.wire!;
  const sent = evidence.body;
  if (wire.body === undefined) return sent.length === 0 ? undefined : { part: 'body', expected: '(no body)', sent: excerpt(sent.toString('utf8'), 0) };
  if (wire.body.encoding === 'base64') {
    const literal = wire.body.pieces.map((piece) => ('text' in piece ? piece.text : '')).join('');
    const bytes = Buffer.from(literal, 'base64');
    const same = evidence.bodyTruncated ? bytes.subarray(0, sent.length).equals(sent) : bytes.equals(sent);
    return same ? undefined : { part: 'body', expected: `${bytes.length} bytes, base64 ${excerpt(literal, 0)}`, sent: `${sent.length} bytes, base64 ${excerpt(sent.toString('base64'), 0)}` };
  }
  return difference('body', wire.body.pieces, sent.toString('utf8'), accept, evidence.bodyTruncated);
}

function problemsOf(candidate: Candidate, record: RecordedRequest, accept: Accept): Problem[] {
  const evidence = record.wire!;
  const problems: Problem[] = [];
  const url = urlProblem(candidate.wire, record.url, accept);
  if (url) problems.push(url);
  problems.push(...headerProblems(candidate.wire, evidence.headers, accept));
  problems.push(...cookieProblems(candidate.wire, evidence.headers, accept));
  const body = bodyProblem(candidate.wire, record, accept);
  if (body) problems.push(body);
  return problems;
}

/** The wire forms a request of each operation may have: plain, and per workflow step. */
function candidatesOf(plan: TestPlan): { plain: Map<string, Candidate>; steps: Map<string, Candidate[]> } {
  const plain = new Map(plan.requests.map((request) => [request.operationId, { operationId: request.operationId, wire: wireForm({ request, auth: plan.auth }) }] as const));
  const steps = new Map<string, Candidate[]>();
  const requests = requestsByOperation(plan);
  for (const workflow of plan.workflows) {
    for (const { step, wire } of workflowWireForms({ workflow, requests, auth: plan.auth })) {
      steps.set(step.operationId, [...(steps.get(step.operationId) ?? []), { operationId: step.operationId, workflowId: workflow.id, stepId: step.id, wire }]);
    }
  }
  return { plain, steps };
}

function shortened(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Compares every recorded request that maps to a planned request with the kit's wire form of it
 * (perfplan/plugin wireForm): literal text byte for byte; a hole by what may stand there (a value
 * its variation can give, the credential the harness set, the value the earlier workflow step's
 * answer gave). Requests of a workflow script are compared with the forms of the workflow steps
 * that call their operation, others with the plain request. Records are read in the order they
 * arrived, so that an injected value is the one the step before gave.
 */
export function checkWire(input: { plan: TestPlan; records: readonly RecordedRequest[]; env: Readonly<Record<string, string>> }): WireCheck {
  const { plan } = input;
  const { plain, steps } = candidatesOf(plan);
  const requests = requestsByOperation(plan);
  const values = new Map<string, Map<string, JsonValue[]>>();
  const groups = new Map<string, WireMismatch>();
  const operations = new Set<string>();
  const result: WireCheck = { compared: 0, mismatched: 0, operationsCompared: 0, truncatedBodies: 0, mismatches: [] };
  const carry = (candidate: Candidate, record: RecordedRequest): void => {
    if (candidate.workflowId === undefined || candidate.stepId === undefined) return;
    const step = plan.workflows.find((workflow) => workflow.id === candidate.workflowId)?.steps.find((entry) => entry.id === candidate.stepId);
    const carried = values.get(candidate.workflowId) ?? new Map<string, JsonValue[]>();
    values.set(candidate.workflowId, carried);
    for (const extraction of step?.extract ?? []) {
      const got = extractedValue(extraction.from, record, requests.get(candidate.operationId)!);
      if (got !== undefined) carried.set(extraction.variable, [...(carried.get(extraction.variable) ?? []), got.value]);
    }
  };
  for (const record of [...input.records].sort((a, b) => a.seq - b.seq)) {
    if (record.wire === undefined) continue;
    const operationIds = record.candidates ?? (record.operationId === undefined ? [] : [record.operationId]);
    const candidates = operationIds.flatMap((operationId) => {
      const own = plain.get(operationId);
      const stepForms = steps.get(operationId) ?? [];
      if (isWorkflowPhase(record.phase) && stepForms.length > 0) return stepForms;
      if (record.phase === undefined) return [...(own ? [own] : []), ...stepForms];
      return own ? [own] : [];
    });
    if (candidates.length === 0) continue;
    result.compared++;
    if (record.wire.bodyTruncated) result.truncatedBodies++;
    const judged = candidates.map((candidate) => {
      const known = (variable: string): KnownValue => {
        const carried = candidate.workflowId === undefined ? undefined : values.get(candidate.workflowId);
        return carried?.has(variable) ? { known: true, values: carried.get(variable)! } : { known: false };
      };
      return { candidate, problems: problemsOf(candidate, record, holeAcceptor({ plan, env: input.env, injected: known })) };
    });
    const fewest = Math.min(...judged.map((entry) => entry.problems.length));
    const best = judged.find((entry) => entry.problems.length === fewest)!;
    const { candidate, problems } = best;
    operations.add(candidate.operationId);
    // The values the step gives later steps: of every step the request is (one operation may be a step of several workflows).
    for (const entry of judged.filter((one) => one.problems.length === fewest)) carry(entry.candidate, record);
    if (problems.length === 0) continue;
    result.mismatched++;
    const stepName = candidate.stepId === undefined ? undefined : `${candidate.workflowId}/${candidate.stepId}`;
    for (const problem of problems) {
      const key = `${candidate.operationId}\u0000${stepName ?? ''}\u0000${problem.part}`;
      const group = groups.get(key);
      if (group !== undefined) group.count++;
      else groups.set(key, { operationId: candidate.operationId, ...(stepName ? { step: stepName } : {}), ...problem, request: shortened(`${record.method} ${record.url}`), count: 1 });
    }
  }
  result.operationsCompared = operations.size;
  result.mismatches = [...groups.values()];
  return result;
}
