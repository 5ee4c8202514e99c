import fs from 'node:fs';
import path from 'node:path';
import type { UserConfig } from '../../src/config/types.js';
import type { TestPlan } from '../../src/model/index.js';
import { PERFPLAN_BIN } from '../conformance/generate-plan.js';
import { readPlan } from '../conformance/plan-file.js';
import { runProcess } from './run-process.js';

/**
 * `perfplan generate` as a user runs it: from `dir`, which holds only `.perfplanrc.json` with
 * `config` (its output folder relative to it). Returns the output folder and its plan.
 */
export async function generateWithConfig(input: { dir: string; config: UserConfig }): Promise<{ outDir: string; plan: TestPlan }> {
  fs.rmSync(input.dir, { recursive: true, force: true });
  fs.mkdirSync(input.dir, { recursive: true });
  fs.writeFileSync(path.join(input.dir, '.perfplanrc.json'), `${JSON.stringify(input.config, null, 2)}\n`);
  const logFile = path.join(path.dirname(input.dir), `${path.basename(input.dir)}-generate.log`);
  const run = await runProcess({ command: process.execPath, args: [PERFPLAN_BIN, 'generate'], cwd: input.dir, env: { NO_COLOR: '1' }, logFile, timeoutMs: 120_000 });
  const outDir = path.join(input.dir, input.config.output ?? 'perfplan-out');
  if (run.exitCode !== 0 || !fs.existsSync(path.join(outDir, 'plan.json'))) {
    throw new Error(`perfplan generate failed in ${input.dir} (exit ${String(run.exitCode)}):\n${run.output.slice(-3000)}`);
  }
  return { outDir, plan: readPlan(outDir) };
}
