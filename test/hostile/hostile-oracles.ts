import path from 'node:path';
import type { AuthPlan, Diagnostic, PlanServer, RequestTemplate } from '../../src/model/index.js';
import type { HostileExpectations } from '../helpers/hostile-classes/types.js';
import { markersIn } from '../helpers/secret-refs-fixture.js';
import { checkPlanCommands, fixedWords, type PlanFacts } from './plan-command-oracle.js';

/**
 * The checks of one generated spec's outputs that depend on what the spec drew
 * (HostileExpectations), beside the parse checks every output gets (parse-outputs.ts).
 */

export interface OutputText {
  path: string;
  contents: string;
}

interface PlanJson {
  testCases: Array<{ id: string }>;
  plan: { defaultBaseUrl: string; requests: RequestTemplate[]; auth: AuthPlan[]; diagnostics: Diagnostic[]; servers?: PlanServer[] };
}

/** Limits of one spec's run: its outputs and the time to generate them. */
export const OUTPUT_BYTES_LIMIT = 5 * 1024 * 1024;
export const GENERATE_MS_LIMIT = Number(process.env.PERFPLAN_HOSTILE_SPEC_MS ?? 5_000);

/** The first two lines of a file, digits as `#` (counts of test cases vary with the spec's shape, not its text). */
function head(contents: string): string {
  return contents.split('\n').slice(0, 2).join('\n').replace(/\d+/g, '#');
}

export function planFacts(files: readonly OutputText[], plan: PlanJson): PlanFacts {
  const locustfile = files.find((file) => file.path === 'locust/locustfile.py')?.contents ?? '';
  return {
    defaultBaseUrl: plan.plan.defaultBaseUrl,
    testCaseIds: new Set(plan.testCases.map((testCase) => testCase.id)),
    outputPaths: new Set(files.map((file) => file.path)),
    locustClasses: new Set([...locustfile.matchAll(/^class ([A-Za-z_]\w*)\(/gm)].map((match) => match[1]!)),
    serverVariables: new Set((plan.plan.servers ?? []).map((server) => server.env)),
  };
}

function planJsonOf(files: readonly OutputText[]): PlanJson {
  const file = files.find((candidate) => candidate.path === 'plan.json');
  if (file === undefined) throw new Error('no plan.json among the outputs');
  return JSON.parse(file.contents) as PlanJson;
}

/** What the control specs' outputs say: every file's first two lines, and the fixed words of the run commands. */
export interface Controls {
  heads: Map<string, Set<string>>;
  fixed: Set<string>;
}

export function buildControls(outputs: ReadonlyArray<readonly OutputText[]>): Controls {
  const heads = new Map<string, Set<string>>();
  const fixed = new Set<string>();
  for (const files of outputs) {
    for (const file of files) {
      const set = heads.get(file.path) ?? new Set<string>();
      set.add(head(file.contents));
      heads.set(file.path, set);
    }
    const planMd = files.find((file) => file.path === 'PLAN.md')?.contents ?? '';
    const commands = [...planMd.matchAll(/^```sh\n([\s\S]*?)\n```$/gm)].map((match) => match[1]!);
    for (const word of fixedWords(commands, planFacts(files, planJsonOf(files)))) fixed.add(word);
  }
  return { heads, fixed };
}

function checkHeads(files: readonly OutputText[], controls: Controls): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const allowed = controls.heads.get(file.path);
    if (allowed === undefined) problems.push(`${file.path}: no control spec writes this file, so its first two lines cannot be compared`);
    else if (!allowed.has(head(file.contents))) problems.push(`${file.path}: its first two lines differ from every control spec's: ${JSON.stringify(file.contents.split('\n').slice(0, 2)).slice(0, 300)}`);
  }
  return problems;
}

function checkDiagnostics(plan: PlanJson, code: string, pointers: readonly string[]): string[] {
  const reported = new Set(plan.plan.diagnostics.filter((diagnostic) => diagnostic.code === code).map((diagnostic) => diagnostic.pointer));
  return pointers.filter((pointer) => !reported.has(pointer)).map((pointer) => `plan.json has no ${code} diagnostic at ${pointer} (has ${JSON.stringify([...reported]).slice(0, 300)})`);
}

function checkFilesRead(plan: PlanJson, expected: readonly string[]): string[] {
  const read = plan.plan.diagnostics.filter((diagnostic) => diagnostic.code === 'spec/external-file-read').map((diagnostic) => diagnostic.message);
  return expected
    .filter((file) => !read.some((message) => message.startsWith(`Read ${path.join(...file.split('/'))} (`)))
    .map((file) => `plan.json does not list ${file} as read (spec/external-file-read): ${JSON.stringify(read).slice(0, 300)}`);
}

function ownValue(object: unknown, key: string): unknown {
  return object !== null && typeof object === 'object' ? Object.getOwnPropertyDescriptor(object, key)?.value : undefined;
}

function checkPrototypeOperations(plan: PlanJson, expected: HostileExpectations['prototypeOperations']): string[] {
  const problems: string[] = [];
  for (const operation of expected) {
    const where = `${operation.method.toUpperCase()} ${operation.path}`;
    const request = plan.plan.requests.find((candidate) => candidate.method === operation.method && candidate.path === operation.path);
    if (request === undefined) {
      problems.push(`plan.json has no request ${where} (a prototype-key name was lost)`);
      continue;
    }
    for (const [name, where_, value] of operation.parameters) {
      const found = request.parameters.find((parameter) => parameter.name === name && parameter.in === where_);
      if (found?.value !== value) problems.push(`plan.json request ${where}: ${where_} parameter ${name} is ${JSON.stringify(found)}, not ${JSON.stringify(value)}`);
    }
    const [property, value] = operation.property;
    const body = request.body?.value;
    if (ownValue(body, property) !== value) problems.push(`plan.json request ${where}: body ${JSON.stringify(body)} lacks its own property ${property} = ${JSON.stringify(value)}`);
    if (!request.auth.includes(operation.scheme)) problems.push(`plan.json request ${where}: auth ${JSON.stringify(request.auth)} lacks the scheme ${operation.scheme}`);
    if (!plan.plan.auth.some((auth) => auth.scheme === operation.scheme)) problems.push(`plan.json auth lacks the scheme ${operation.scheme}`);
  }
  return problems;
}

function checkRecursiveOperations(plan: PlanJson, expected: HostileExpectations['recursiveOperations']): string[] {
  return expected
    .filter((operation) => !plan.plan.requests.some((request) => request.method === operation.method && request.path === operation.path))
    .map((operation) => `plan.json has no request for the recursive body of ${operation.method.toUpperCase()} ${operation.path}`);
}

/** Every problem of one spec's outputs, one line each. */
export function checkCase(input: { expect: HostileExpectations; files: readonly OutputText[]; controls: Controls; ms: number }): string[] {
  const { expect, files, controls } = input;
  const problems: string[] = [];
  for (const file of files) {
    const markers = markersIn(file.contents);
    if (markers.length > 0) problems.push(`${file.path} holds the content of a secret file: ${markers.join(', ')}`);
  }
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.contents), 0);
  if (bytes > OUTPUT_BYTES_LIMIT) problems.push(`the outputs are ${bytes} bytes, more than ${OUTPUT_BYTES_LIMIT}`);
  if (input.ms > GENERATE_MS_LIMIT) problems.push(`generate took ${input.ms.toFixed(0)} ms, more than ${GENERATE_MS_LIMIT} ms`);
  problems.push(...checkHeads(files, controls));
  const plan = planJsonOf(files);
  problems.push(...checkDiagnostics(plan, 'spec/ref-in-literal-value', expect.literalRefs));
  problems.push(...checkFilesRead(plan, expect.filesRead));
  problems.push(...checkDiagnostics(plan, 'data/size-limit', expect.sizeLimits));
  problems.push(...checkPrototypeOperations(plan, expect.prototypeOperations));
  problems.push(...checkRecursiveOperations(plan, expect.recursiveOperations));
  const planMd = files.find((file) => file.path === 'PLAN.md')?.contents ?? '';
  problems.push(...checkPlanCommands({ planMd, facts: planFacts(files, plan), fixed: controls.fixed }));
  return problems;
}
