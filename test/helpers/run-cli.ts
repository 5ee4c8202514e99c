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

export interface MeasuredCliRun extends CliRun {
  /** Wall-clock time of the child process. */
  ms: number;
  /** Peak resident memory of the child, from its own process.resourceUsage() at exit. */
  maxRssMb: number;
  /** CPU time (user + system) of the child: its cost, whatever else runs on the machine. */
  cpuMs: number;
  /** True when the child was killed at the time limit. */
  timedOut: boolean;
}

const USAGE_MARK = 'PERFPLAN_TEST_USAGE=';
/** Loaded before bin/run.js: prints the process's peak memory (KB) and CPU time (µs) on stderr as it exits. */
const USAGE_PRELOAD = `data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\n${USAGE_MARK}"+u.maxRSS+","+(u.userCPUTime+u.systemCPUTime)+"\\n")})`;

/** Runs the real `perfplan` binary like runCli, measuring its time and peak memory; killed after `timeoutMs`. */
export function runCliMeasured(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): MeasuredCliRun {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', USAGE_PRELOAD, BIN_RUN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, PERFPLAN_DEBUG: '', ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const mark = result.stderr?.lastIndexOf(USAGE_MARK) ?? -1;
  const [maxRssKb, cpuMicros] = mark < 0 ? [Number.NaN, Number.NaN] : result.stderr.slice(mark + USAGE_MARK.length).trim().split(',').map(Number);
  const stderr = mark < 0 ? (result.stderr ?? '') : result.stderr.slice(0, mark).trimEnd();
  return { status: result.status, stdout: result.stdout ?? '', stderr, ms, maxRssMb: maxRssKb / 1024, cpuMs: cpuMicros / 1000, timedOut: result.signal === 'SIGTERM' };
}
