import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A stand-in for the k6 runtime modules, so generated scripts can run in Node: no k6
 * binary can be installed here. It records what the scripts ask k6 to do, which tests
 * then compare with what the plan says; type-checking against @types/k6 covers the API.
 */
export interface K6Call {
  method: string;
  url: string;
  body: unknown;
  params: { headers?: Record<string, string>; cookies?: Record<string, string>; tags?: Record<string, string> };
  group: string | undefined;
}

/** What a stubbed request answers; `body` is the response text. */
export interface K6Answer {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface K6Recorder {
  calls: K6Call[];
  checks: Array<{ name: string; ok: boolean }>;
  /** Samples added to custom metrics (k6/metrics). */
  metrics: Array<{ metric: string; value: number; tags: Record<string, string> }>;
  /** The value scripts read as `exec.scenario.iterationInTest` and `exec.vu.iterationInScenario`. */
  iteration: number;
  /** Seconds since the scenario started, as `exec.scenario.startTime` implies. */
  elapsedSeconds: number;
  /** Messages of `exec.test.abort()` calls (k6 would end the run at the first). */
  aborted: string[];
  /** The status every stubbed request answers with, unless `answer` gives one. */
  status: number;
  /** Answers a request (body, headers, status); the default answers `status` and an empty body. */
  answer?: (call: K6Call) => K6Answer | undefined;
}

declare global {
  // eslint-disable-next-line no-var
  var __k6: K6Recorder | undefined;
  // eslint-disable-next-line no-var
  var __ENV: Record<string, string | undefined> | undefined;
}

const STUB_FILES: Record<string, string> = {
  'package.json': JSON.stringify({
    name: 'k6',
    type: 'module',
    exports: { '.': './index.js', './http': './http.js', './execution': './execution.js', './encoding': './encoding.js', './metrics': './metrics.js', './data': './data.js' },
  }),
  'index.js': `
let currentGroup;
export function group(name, fn) {
  const outer = currentGroup;
  currentGroup = name;
  try { return fn(); } finally { currentGroup = outer; }
}
export function currentGroupName() { return currentGroup; }
export function check(value, sets) {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    const ok = Boolean(fn(value));
    globalThis.__k6.checks.push({ name, ok });
    all = all && ok;
  }
  return all;
}
export function sleep() {}
`,
  'http.js': `
import { currentGroupName } from './index.js';
function request(method, url, body, params) {
  const k6 = globalThis.__k6;
  const call = { method, url, body, params: params ?? {}, group: currentGroupName() };
  k6.calls.push(call);
  const token = 'token-' + k6.calls.length;
  const answer = (k6.answer && k6.answer(call)) || {};
  const text = answer.body ?? '';
  return {
    status: answer.status ?? k6.status,
    url,
    body: text,
    headers: answer.headers ?? {},
    json: (selector) => (selector === 'access_token' ? token : selector === undefined ? JSON.parse(text) : undefined),
  };
}
function file(data, filename, contentType) { return { data, filename, content_type: contentType }; }
function expectedStatuses(...statuses) { return { expectedStatuses: statuses }; }
export default { request, file, expectedStatuses };
export { request, file, expectedStatuses };
`,
  'execution.js': `
const exec = {
  scenario: {
    get iterationInTest() { return globalThis.__k6.iteration; },
    get startTime() { return Date.now() - globalThis.__k6.elapsedSeconds * 1000; },
  },
  vu: { get iterationInScenario() { return globalThis.__k6.iteration; } },
  // k6 ends the whole test run (exit code 108); here the call is recorded and thrown.
  test: {
    abort(message) {
      globalThis.__k6.aborted.push(String(message));
      throw new Error('test aborted: ' + message);
    },
  },
};
export default exec;
`,
  'metrics.js': `
class Metric {
  constructor(name) { this.name = name; }
  add(value, tags) { globalThis.__k6.metrics.push({ metric: this.name, value: Number(value), tags: tags ?? {} }); }
}
export class Rate extends Metric {}
export class Trend extends Metric {}
export class Counter extends Metric {}
export class Gauge extends Metric {}
`,
  'data.js': `
export class SharedArray {
  constructor(name, make) { return Object.freeze([...make()]); }
}
export default { SharedArray };
`,
  'encoding.js': `
function b64encode(input) { return Buffer.from(input).toString('base64'); }
// As k6: an ArrayBuffer unless the format 's' asks for a string.
function b64decode(input, encoding, format) {
  const bytes = Buffer.from(input, 'base64');
  return format === 's' ? bytes.toString('utf8') : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
export default { b64encode, b64decode };
export { b64encode, b64decode };
`,
};

/** Puts the stub `k6` package in `dir/node_modules`, where the scripts' imports find it. */
export function installK6Stub(dir: string): void {
  const folder = path.join(dir, 'node_modules', 'k6');
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(STUB_FILES)) fs.writeFileSync(path.join(folder, name), text);
  // k6's open() in the init context: a path relative to the script (the scripts are in dir/k6).
  (globalThis as Record<string, unknown>).open = (file: string) => fs.readFileSync(path.resolve(dir, 'k6', file), 'utf8');
}

export function resetRecorder(): K6Recorder {
  globalThis.__k6 = { calls: [], checks: [], metrics: [], aborted: [], iteration: 0, elapsedSeconds: 0, status: 200 };
  return globalThis.__k6;
}

let importCount = 0;

/**
 * Imports a generated script with the given `__ENV`. The script module itself is fresh on
 * every call (its `options` are computed again); `lib/` modules are loaded once per folder.
 */
export async function importScript<T = Record<string, unknown>>(file: string, env: Record<string, string>): Promise<T> {
  globalThis.__ENV = env;
  importCount += 1;
  return (await import(`${pathToFileURL(file).href}?import=${importCount}`)) as T;
}
