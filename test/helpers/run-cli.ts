import { spawnSync } from 'node:child_process';
import { BIN_RUN } from './paths.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `perfplan` binary in a child process (for exit codes and stack-trace checks). */
export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): CliRun {
  const result = spawnSync(process.execPath, [BIN_RUN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, PERFPLAN_DEBUG: '', ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stack trace line as Node prints it. */
export const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
