import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertLoopback } from '../conformance/loopback.js';
import { smokeEnvironment } from '../conformance/plan-file.js';
import { FIDELITY_ENGINES } from './engines/index.js';
import { unexpected } from './expectations.js';
import { FIDELITY_RUNS, MODES, STRESS_THINK_SECONDS, TIME_SCALES, fidelityConfig, type FidelityRun } from './fidelity-config.js';
import { generateWithConfig } from './generate.js';
import { startReferenceServer } from './reference-server.js';
import { capacityRps, kneeUsers } from './server-modes.js';
import { verdictTable, type JudgedRun } from './verdict-table.js';
import { failedNames, type EngineName, type RunVerdict } from './verdict.js';

/** The bundled Petstore example (compiled, this file is dist/tools/fidelity/). */
export const DEFAULT_SPEC = fileURLToPath(new URL('../../../examples/petstore/openapi.yaml', import.meta.url));

export interface FidelityOptions {
  /** Where the generated files, logs, verdicts.md and verdicts.json go. */
  outDir: string;
  engines: readonly EngineName[];
  runs?: readonly FidelityRun[];
  spec?: string;
  /** Longest one engine run may take. */
  runTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface FidelityResult {
  runs: JudgedRun[];
  /** Engines that could not run here, with why. */
  skipped: Partial<Record<EngineName, string>>;
  table: string;
  seconds: number;
}

/**
 * The criteria-fidelity suite: plans the spec with the fidelity config, starts the reference
 * server (Prism behind a mode proxy, on loopback), and runs every engine's default run of each
 * test type against each mode it is paired with, one run at a time (a run's load must not meet
 * another's), judging each verdict against what the mode must give.
 */
export async function runFidelity(options: FidelityOptions): Promise<FidelityResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const spec = path.resolve(options.spec ?? DEFAULT_SPEC);
  fs.mkdirSync(options.outDir, { recursive: true });
  const skipped: Partial<Record<EngineName, string>> = {};
  const engines = options.engines.filter((engine) => {
    const available = FIDELITY_ENGINES[engine].available();
    if (available !== true) skipped[engine] = available;
    return available === true;
  });
  for (const [engine, why] of Object.entries(skipped)) log(`${engine}: skipped (${why})`);
  const { outDir, plan } = await generateWithConfig({ dir: path.join(options.outDir, 'project'), config: fidelityConfig(spec) });
  log(`planned ${plan.testCases.length} test cases into ${outDir}`);
  const server = await startReferenceServer({ spec, workDir: path.join(options.outDir, 'server'), proxies: engines.length });
  const proxies = new Map(engines.map((engine, index) => [engine, server.proxies[index]!]));
  for (const [engine, proxy] of proxies) assertLoopback(proxy.url, `the reference server of ${engine}`);
  log(`reference server: Prism on ${server.prism.url} (up in ${server.prism.startupMs} ms), ${[...proxies].map(([engine, proxy]) => `${engine} ${proxy.url}`).join(', ')}`);
  const env = Object.fromEntries(Object.entries(smokeEnvironment(plan, 'http://127.0.0.1')).filter(([name]) => name !== 'BASE_URL'));
  const runs: JudgedRun[] = [];
  try {
    for (const { mode, types } of options.runs ?? FIDELITY_RUNS) {
      for (const type of types) {
        // The engines run at the same time, each against its own proxy (mode, statistics and
        // capacity of its own), so a run's load never meets another's.
        const judged = await Promise.all(
          engines.map(async (engine) => {
            const proxy = proxies.get(engine)!;
            const workDir = path.join(options.outDir, 'runs', `${mode}-${type}`, engine);
            fs.mkdirSync(workDir, { recursive: true });
            proxy.setMode(MODES[mode]);
            const timeScale = TIME_SCALES[type];
            const runStarted = Date.now();
            const output = await FIDELITY_ENGINES[engine].run({ outDir, type, baseUrl: proxy.url, timeScale, env, workDir, timeoutMs: options.runTimeoutMs ?? 240_000 });
            const stats = proxy.stats();
            const verdict: RunVerdict = {
              engine,
              type,
              mode,
              timeScale,
              exitCode: output.exitCode,
              judged: output.judged,
              failed: output.failed,
              runProblems: [...output.runProblems, ...(stats.rejected > 0 ? [`Prism rejected ${stats.rejected} requests: ${stats.rejections.join(' | ')}`] : [])],
              ...(output.stress ? { stress: output.stress } : {}),
              served: stats.requests,
              seconds: (Date.now() - runStarted) / 1000,
              logs: output.logs,
            };
            const problems = unexpected(verdict, MODES[mode], STRESS_THINK_SECONDS);
            log(`${engine} ${type} × ${mode}: exit ${String(verdict.exitCode)}, failed [${failedNames(verdict).join(', ')}], ${verdict.served} requests, ${verdict.seconds.toFixed(1)} s${problems.length > 0 ? `: UNEXPECTED ${problems.join('; ')}` : ''}`);
            return { verdict, problems };
          }),
        );
        runs.push(...judged);
        // Stragglers of these runs end before the next ones are counted.
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  } finally {
    await server.stop();
  }
  const capacity = MODES.capacity;
  const notes = [
    `Real capacity of the capacity-limited server: ${capacity.concurrency} requests at a time × 1 / ${capacity.serviceMs} ms = ${capacityRps(capacity)} requests/s; ` +
      `stress users think ${STRESS_THINK_SECONDS} s, so they reach it at ${capacityRps(capacity)} × (${STRESS_THINK_SECONDS} + ${capacity.serviceMs / 1000}) = ${kneeUsers(capacity, STRESS_THINK_SECONDS)} users (the knee). ` +
      'A stress run\'s capacity estimate is its highest step throughput, and the users at which its best rate per user reaches it.',
    `Time scales: ${Object.entries(TIME_SCALES).map(([type, scale]) => `${type} ${scale}`).join(', ')}. Spec: ${path.basename(spec)}, operations ${plan.requests.map((request) => request.operationId).join(', ')}.`,
    'JMeter thread groups start and stop on whole seconds, and Locust changes its users once a second (a second ahead): at spike\'s time scale the jump ' +
      'to the spike lands up to a second early in those two engines, inside the 2 s baseline window (k6 puts the planned 2 users × 2 s / 0.3 s ≈ 13 requests there, ' +
      'Locust and JMeter about twice to three times that). Judged windows are exact in every engine; the load shape is not, below a second.',
    ...Object.entries(skipped).map(([engine, why]) => `${engine} not run: ${why}`),
  ];
  const table = verdictTable({ runs, modes: MODES, notes });
  fs.writeFileSync(path.join(options.outDir, 'verdicts.md'), table);
  fs.writeFileSync(path.join(options.outDir, 'verdicts.json'), `${JSON.stringify(runs, null, 2)}\n`);
  return { runs, skipped, table, seconds: (Date.now() - started) / 1000 };
}
