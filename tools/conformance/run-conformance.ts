import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TestPlan } from '../../src/model/index.js';
import { engineRunner, type EngineRunner } from './engines/index.js';
import { generatePlan } from './generate-plan.js';
import { assertLoopback } from './loopback.js';
import { createRequestMatcher } from './operation-matcher.js';
import { readPlan, smokeEnvironment, targetVariables } from './plan-file.js';
import { startPrism, type PrismServer } from './prism.js';
import { lightenResponseSchemas, readSpecDocument, writePrismSpec } from './prism-spec.js';
import { NAME_TAG_HEADER, startRecordingProxy, withoutWire, type RecordingProxy } from './recording-proxy.js';
import type { ConformanceReport, SpecPreparation } from './report.js';
import { isPassing, notRun, summarizeRun, type EngineConformance } from './summarize.js';
import { WEBHOOKS_ONLY_CODE } from '../../src/pipeline/index.js';

export interface ConformanceLimits {
  /** `perfplan generate` per spec. */
  generateTimeoutMs: number;
  /** Prism loading one spec (Stripe's 4 MB takes minutes). */
  prismStartupTimeoutMs: number;
  /** One engine's run on one spec. */
  engineTimeoutMs: number;
  /** Everything for one spec. */
  specTimeoutMs: number;
  /** The whole harness run. */
  totalTimeoutMs: number;
  /**
   * When Prism gets a copy of the spec with lightened response schemas (see prism-spec.ts):
   * `auto` after the original has not loaded within `prismFallbackAfterMs`, `always`, or `never`.
   */
  prismLighten: 'auto' | 'always' | 'never';
  prismFallbackAfterMs: number;
}

export const DEFAULT_LIMITS: ConformanceLimits = {
  generateTimeoutMs: 5 * 60_000,
  prismStartupTimeoutMs: 15 * 60_000,
  engineTimeoutMs: 5 * 60_000,
  specTimeoutMs: 25 * 60_000,
  totalTimeoutMs: 90 * 60_000,
  prismLighten: 'auto',
  prismFallbackAfterMs: 120_000,
};

/** Depth to which response-schema $refs are inlined in a lightened copy for Prism. */
export const LIGHTEN_DEPTH = 2;

export interface RunConformanceInput {
  specs: string[];
  /** Engine names, as in --engines. */
  engines: string[];
  /** Where conformance.json/.md and the per-spec run folders go. */
  outDir: string;
  limits?: Partial<ConformanceLimits>;
  /**
   * Test types to generate (default: all). Every operation has a load test case, so `load` (and
   * `workflow` for step sequences) already sends every request shape: fewer files run per engine.
   */
  types?: readonly string[];
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** How a spec is named in the report: its file name, with the folder for generic names (train-travel-1.2.1/openapi.yaml). */
export function specLabel(spec: string): string {
  const base = path.basename(spec);
  return /^(openapi|swagger|api|spec)\./i.test(base) ? `${path.basename(path.dirname(spec))}/${base}` : base;
}

function slug(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, '_');
}

export function prismVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('@stoplight/prism-cli/package.json') as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

async function runEngine(input: {
  runner: EngineRunner;
  spec: string;
  plan: TestPlan;
  outDir: string;
  runDir: string;
  proxy: RecordingProxy;
  timeoutMs: number;
}): Promise<EngineConformance> {
  const { runner, proxy } = input;
  const workDir = path.join(input.runDir, runner.name);
  fs.mkdirSync(workDir, { recursive: true });
  proxy.reset();
  // Every engine sends its requests to the proxy (k6 and Locust read BASE_URL, JMeter baseUrl,
  // and every server some operations have of their own its BASE_URL_<NAME>): never to the spec's servers.
  assertLoopback(proxy.url, 'the recording proxy');
  const env = smokeEnvironment(input.plan, proxy.url);
  for (const name of targetVariables(input.plan)) {
    if (env[name] !== proxy.url) throw new Error(`${name} for ${runner.name} is ${String(env[name])}, not the recording proxy ${proxy.url}`);
  }
  const run = await runner.run({
    outDir: input.outDir,
    baseUrl: proxy.url,
    plan: input.plan,
    timeoutMs: input.timeoutMs,
    env,
    nameTagHeader: NAME_TAG_HEADER,
    workDir,
    onScript: (testType) => proxy.setPhase(testType),
  });
  // Let the last answers reach the recorder before reading it.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const records = proxy.records();
  fs.writeFileSync(path.join(workDir, 'requests.json'), `${JSON.stringify(records.map(withoutWire), null, 2)}\n`);
  return summarizeRun({ spec: input.spec, engine: runner.name, plan: input.plan, records, env, run: { ...run, logFiles: [...run.logFiles, path.join(workDir, 'requests.json')] } });
}

export interface CheckGeneratedOutputInput {
  /** The spec file Prism serves. */
  spec: string;
  label: string;
  plan: TestPlan;
  /** A `perfplan generate` output folder. */
  outDir: string;
  /** Where logs and records go. */
  runDir: string;
  runners: EngineRunner[];
  prismStartupTimeoutMs: number;
  prismLighten?: ConformanceLimits['prismLighten'];
  prismFallbackAfterMs?: number;
  engineTimeoutMs: number;
  /** Epoch ms after which no engine starts. */
  deadline: number;
  log?: (line: string) => void;
}

/**
 * Serves `spec` with Prism behind the recording proxy, runs each engine's scripts from `outDir`
 * against it and judges every run; Prism and the proxy are always stopped.
 */
export interface CheckedOutput {
  results: EngineConformance[];
  prismStartupMs?: number;
  /** What Prism served: the spec itself, or a lightened copy (and why). */
  prismSpec?: string;
  error?: string;
}

/** Writes the lightened copy of the spec for Prism (without callbacks) into runDir; undefined when the spec cannot be lightened. */
function writeLightenedSpec(spec: string, runDir: string): string | undefined {
  const lightened = lightenResponseSchemas(readSpecDocument(spec), LIGHTEN_DEPTH);
  if (lightened === undefined) return undefined;
  return writePrismSpec({ spec, dir: path.join(runDir, 'prism-spec-lightened'), document: lightened });
}

/**
 * The spec as Prism serves it: a copy without callbacks, which Prism would perform by itself
 * towards hosts named in the spec (see prism-spec.ts withoutCallbacks).
 */
function writeServedSpec(spec: string, runDir: string): string {
  return writePrismSpec({ spec, dir: path.join(runDir, 'prism-spec') });
}

/** Prism on the spec, or on a lightened copy when asked to or when the original takes too long to load. */
async function startPrismFor(input: CheckGeneratedOutputInput, outcome: CheckedOutput): Promise<PrismServer> {
  const mode = input.prismLighten ?? DEFAULT_LIMITS.prismLighten;
  const logFile = path.join(input.runDir, 'prism.log');
  const started = Date.now();
  const lightenedNote = `a copy without callbacks, with response schemas inlined ${LIGHTEN_DEPTH} levels deep (deeper: any value); requests are validated as by the original`;
  const servedNote = 'a copy of the spec without callbacks (Prism would call them); requests are validated as by the original';
  if (mode === 'always') {
    const copy = writeLightenedSpec(input.spec, input.runDir);
    if (copy !== undefined) {
      outcome.prismSpec = `${lightenedNote} (--prism-lighten always)`;
      return startPrism({ spec: copy, logFile, startupTimeoutMs: input.prismStartupTimeoutMs });
    }
  }
  const fallbackAfter = input.prismFallbackAfterMs ?? DEFAULT_LIMITS.prismFallbackAfterMs;
  const served = writeServedSpec(input.spec, input.runDir);
  if (mode === 'never' || fallbackAfter >= input.prismStartupTimeoutMs) {
    outcome.prismSpec = servedNote;
    return startPrism({ spec: served, logFile, startupTimeoutMs: input.prismStartupTimeoutMs });
  }
  try {
    outcome.prismSpec = servedNote;
    return await startPrism({ spec: served, logFile, startupTimeoutMs: fallbackAfter });
  } catch (error) {
    const copy = /did not answer/.test((error as Error).message) ? writeLightenedSpec(input.spec, input.runDir) : undefined;
    if (copy === undefined) throw error;
    outcome.prismSpec = `${lightenedNote}, because Prism had not loaded the copy of the spec itself after ${fallbackAfter / 1000} s`;
    input.log?.(`${input.label}: Prism still loading after ${fallbackAfter / 1000} s; retrying with a lightened copy`);
    return startPrism({ spec: copy, logFile: path.join(input.runDir, 'prism-lightened.log'), startupTimeoutMs: Math.max(1000, input.prismStartupTimeoutMs - (Date.now() - started)) });
  }
}

export async function checkGeneratedOutput(input: CheckGeneratedOutputInput): Promise<CheckedOutput> {
  const log = input.log ?? (() => {});
  const results: EngineConformance[] = [];
  const outcome: CheckedOutput = { results };
  let prism: PrismServer | undefined;
  let proxy: RecordingProxy | undefined;
  try {
    const started = Date.now();
    prism = await startPrismFor(input, outcome);
    outcome.prismStartupMs = Date.now() - started;
    log(`${input.label}: Prism answered after ${outcome.prismStartupMs} ms (serving ${outcome.prismSpec ?? 'the spec'})`);
    proxy = await startRecordingProxy({ target: prism.url, matchOperation: createRequestMatcher(input.plan.requests) });
    for (const runner of input.runners) {
      const left = input.deadline - Date.now();
      if (left <= 0) {
        results.push(notRun({ spec: input.label, engine: runner.name, verdict: 'error', reason: 'not run: the time budget for this spec is used up', operationsInPlan: input.plan.requests.length }));
        continue;
      }
      log(`${input.label}: running ${runner.name}`);
      const result = await runEngine({ runner, spec: input.label, plan: input.plan, outDir: input.outDir, runDir: input.runDir, proxy, timeoutMs: Math.min(input.engineTimeoutMs, left) });
      log(`${input.label}: ${runner.name} ${result.verdict} (${result.requests} requests, ${result.rejected} rejected, ${result.wire.compared} compared with the wire form, ${result.wire.mismatched} differ)`);
      results.push(result);
    }
  } catch (error) {
    outcome.error = (error as Error).message.split('\n')[0];
    for (const runner of input.runners) {
      if (!results.some((result) => result.engine === runner.name)) {
        results.push(notRun({ spec: input.label, engine: runner.name, verdict: 'error', reason: outcome.error, operationsInPlan: input.plan.requests.length }));
      }
    }
  } finally {
    await proxy?.stop();
    await prism?.stop();
  }
  return outcome;
}

/**
 * Why a plan gives the engines nothing to call, or undefined when it has operations: the spec
 * describes none (webhooks only, or no paths), as the plan's own diagnostic says.
 */
export function nothingToCheck(plan: TestPlan): string | undefined {
  if (plan.source.operationCount > 0 || plan.requests.length > 0) return undefined;
  const said = plan.diagnostics.find((diagnostic) => diagnostic.code === WEBHOOKS_ONLY_CODE || diagnostic.code === 'plan/no-operations');
  return said?.message ?? 'the spec describes no operations: there is nothing to call';
}

/** For each spec: generate, start Prism and the proxy, run every engine against them, judge; always stop what was started. */
export async function runConformance(input: RunConformanceInput): Promise<ConformanceReport> {
  const limits = { ...DEFAULT_LIMITS, ...input.limits };
  const log = input.log ?? (() => {});
  const totalDeadline = Date.now() + limits.totalTimeoutMs;
  const results: EngineConformance[] = [];
  const specs: SpecPreparation[] = [];

  const runners: { name: string; runner?: EngineRunner; unavailable?: string }[] = [];
  for (const name of input.engines) {
    const runner = engineRunner(name);
    if (runner === undefined) {
      runners.push({ name, unavailable: `no conformance runner for engine "${name}" yet` });
      continue;
    }
    const available = await runner.available();
    runners.push(available === true ? { name, runner } : { name, unavailable: typeof available === 'string' ? available : `${name} is not available here` });
  }

  for (const spec of input.specs) {
    const label = specLabel(spec);
    const preparation: SpecPreparation = { spec: label };
    specs.push(preparation);
    const remainingTotal = totalDeadline - Date.now();
    if (remainingTotal <= 0) {
      preparation.error = 'not run: the overall time budget is used up';
      for (const { name } of runners) results.push(notRun({ spec: label, engine: name, verdict: 'error', reason: preparation.error }));
      continue;
    }
    const specDeadline = Date.now() + Math.min(limits.specTimeoutMs, remainingTotal);
    const left = () => Math.max(0, specDeadline - Date.now());
    const runDir = path.join(input.outDir, 'runs', slug(label));
    fs.rmSync(runDir, { recursive: true, force: true });
    fs.mkdirSync(runDir, { recursive: true });
    const outDir = path.join(runDir, 'generated');
    preparation.outDir = outDir;

    log(`${label}: perfplan generate`);
    const generated = await generatePlan({ spec, outDir, timeoutMs: Math.min(limits.generateTimeoutMs, left()), logFile: path.join(runDir, 'generate.log'), ...(input.types ? { types: input.types } : {}) });
    preparation.generateMs = generated.durationMs;
    if (!generated.ok) {
      preparation.error = `perfplan generate failed: ${generated.output.trim().split('\n').slice(-5).join(' ')}`;
      for (const { name } of runners) results.push(notRun({ spec: label, engine: name, verdict: 'error', reason: preparation.error }));
      continue;
    }
    const plan = readPlan(outDir);
    const nothing = nothingToCheck(plan);
    if (nothing !== undefined) {
      // No operation to call: no Prism (it would not start on such a spec), no engine run.
      log(`${label}: nothing to check (${nothing})`);
      preparation.nothingToCheck = nothing;
      for (const { name } of runners) results.push(notRun({ spec: label, engine: name, verdict: 'nothing to check', reason: nothing, operationsInPlan: 0 }));
      continue;
    }
    const runnable = runners.filter((entry) => entry.runner !== undefined);
    for (const entry of runners) {
      if (entry.unavailable !== undefined) {
        results.push(notRun({ spec: label, engine: entry.name, verdict: 'skipped', reason: entry.unavailable, operationsInPlan: plan.requests.length }));
      }
    }
    if (runnable.length === 0) continue;

    log(`${label}: starting Prism`);
    const checked = await checkGeneratedOutput({
      spec,
      label,
      plan,
      outDir,
      runDir,
      runners: runnable.map((entry) => entry.runner as EngineRunner),
      prismStartupTimeoutMs: Math.min(limits.prismStartupTimeoutMs, left()),
      prismLighten: limits.prismLighten,
      prismFallbackAfterMs: limits.prismFallbackAfterMs,
      engineTimeoutMs: limits.engineTimeoutMs,
      deadline: specDeadline,
      log,
    });
    if (checked.prismStartupMs !== undefined) preparation.prismStartupMs = checked.prismStartupMs;
    if (checked.prismSpec !== undefined) preparation.prismSpec = checked.prismSpec;
    if (checked.error !== undefined) preparation.error = checked.error;
    results.push(...checked.results);
  }

  // One row per spec × engine, in the order asked for.
  const specOrder = specs.map((spec) => spec.spec);
  results.sort((a, b) => specOrder.indexOf(a.spec) - specOrder.indexOf(b.spec) || input.engines.indexOf(a.engine) - input.engines.indexOf(b.engine));
  return {
    tool: 'perfplan-conformance',
    prism: prismVersion(),
    specs,
    results,
    ok: results.every((result) => isPassing(result.verdict)),
  };
}

export { NAME_TAG_HEADER };
