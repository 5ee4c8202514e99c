import fs from 'node:fs';
import { spawnTracked, stopTracked, waitForExit } from '../conformance/child-processes.js';

export interface ProcessRun {
  exitCode: number | null;
  timedOut: boolean;
  /** stdout and stderr together, as written to `logFile`. */
  output: string;
  seconds: number;
}

/**
 * Runs a command in its own process group with a bare environment (PATH, HOME and `env`: the
 * scripts must read nothing else), its output in `logFile`; killed after `timeoutMs`.
 */
export async function runProcess(input: { command: string; args: string[]; cwd: string; env: Record<string, string>; logFile: string; timeoutMs: number }): Promise<ProcessRun> {
  const started = Date.now();
  const log = fs.openSync(input.logFile, 'w');
  const child = spawnTracked(input.command, input.args, {
    cwd: input.cwd,
    stdio: ['ignore', log, log],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}), ...input.env },
  });
  fs.closeSync(log);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopTracked(child);
  }, input.timeoutMs);
  const { exitCode } = await waitForExit(child);
  clearTimeout(timer);
  return { exitCode: timedOut ? null : exitCode, timedOut, output: fs.readFileSync(input.logFile, 'utf8'), seconds: (Date.now() - started) / 1000 };
}
