import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTracked, stopTracked, waitForExit } from './child-processes.js';

/** perfplan's CLI entry point (bin/run.js at the project root). */
export const PERFPLAN_BIN = fileURLToPath(new URL('../../../bin/run.js', import.meta.url));

export interface GenerateResult {
  ok: boolean;
  durationMs: number;
  /** stdout and stderr of `perfplan generate` (the end of them on failure). */
  output: string;
}

/**
 * `perfplan generate SPEC -o OUT` with smoke-sized profiles (1 user, 5 s; only `types` when given), run from an empty
 * folder so that no config file around the harness changes the output.
 */
export async function generatePlan(input: { spec: string; outDir: string; timeoutMs: number; logFile: string; types?: readonly string[] }): Promise<GenerateResult> {
  fs.rmSync(input.outDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(input.outDir), { recursive: true });
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-conformance-'));
  const started = Date.now();
  const log = fs.openSync(input.logFile, 'w');
  const child = spawnTracked(
    process.execPath,
    [PERFPLAN_BIN, 'generate', path.resolve(input.spec), '-o', path.resolve(input.outDir), '--users', '1', '--duration', '5s', ...(input.types ? ['--types', input.types.join(',')] : [])],
    { cwd, stdio: ['ignore', log, log], env: { ...process.env, NO_COLOR: '1' } },
  );
  fs.closeSync(log);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopTracked(child);
  }, input.timeoutMs);
  const { exitCode } = await waitForExit(child);
  clearTimeout(timer);
  fs.rmSync(cwd, { recursive: true, force: true });
  const output = fs.readFileSync(input.logFile, 'utf8');
  const ok = !timedOut && exitCode === 0 && fs.existsSync(path.join(input.outDir, 'plan.json'));
  return {
    ok,
    durationMs: Date.now() - started,
    output: timedOut ? `perfplan generate did not finish within ${input.timeoutMs} ms\n${output.slice(-2000)}` : ok ? output : output.slice(-3000),
  };
}
