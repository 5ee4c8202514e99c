import { spawn } from 'node:child_process';
import path from 'node:path';
import { BIN_RUN } from '../helpers/paths.js';
import { STACK_LINE } from '../helpers/run-cli.js';
import type { SpecVariant } from './variants.js';

export interface BrokenRun {
  label: string;
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runOne(variant: SpecVariant, outDir: string, timeoutMs: number): Promise<BrokenRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN_RUN, 'generate', variant.file, '-o', outDir, '--users', '1', '--duration', '5s'], {
      cwd: path.dirname(variant.file),
      env: { ...process.env, PERFPLAN_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ label: variant.label, status, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Runs `perfplan generate` on every variant, at most `parallel` at a time, each into its own output folder. */
export async function runVariants(input: { variants: readonly SpecVariant[]; parallel?: number; timeoutMs?: number }): Promise<BrokenRun[]> {
  const results: BrokenRun[] = new Array(input.variants.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < input.variants.length) {
      const index = next++;
      const variant = input.variants[index];
      results[index] = await runOne(variant, `${variant.file}.out`, input.timeoutMs ?? 300_000);
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.parallel ?? 2, 2) }, worker));
  return results;
}

/** Why a run broke the promise (exit 0/1/2 with a message, no stack, no unexpected error), or undefined. */
export function brokenPromise(run: BrokenRun): string | undefined {
  const output = `${run.stdout}${run.stderr}`;
  if (run.signal !== null) return `killed by ${run.signal} after ${run.ms} ms (timeout or crash)`;
  if (run.status === null || ![0, 1, 2].includes(run.status)) return `exit code ${String(run.status)}`;
  const stack = STACK_LINE.exec(output) ?? /^ {4}at /m.exec(output);
  if (stack) return `printed a stack trace line: ${stack[0].trim()}`;
  if (run.status !== 0 && run.stderr.trim() === '') return `exit ${run.status} without a message on stderr`;
  if (run.status === 0 && output.trim() === '') return 'exit 0 without any output';
  if (/This is a bug in perfplan or a plugin/.test(output)) return `an unexpected error (not a PerfplanError): ${/Error: .*/.exec(output)?.[0] ?? ''}`;
  if (/Uncaught|UnhandledPromiseRejection|FATAL ERROR|heap out of memory/i.test(output)) return `crashed: ${output.slice(0, 200)}`;
  return undefined;
}

/** One line per broken promise: `label: why` (and the first lines of stderr). */
export function brokenPromises(runs: readonly BrokenRun[]): string[] {
  return runs.flatMap((run) => {
    const why = brokenPromise(run);
    return why === undefined ? [] : [`${run.label}: ${why}\n      ${run.stderr.split('\n').slice(0, 3).join('\n      ')}`];
  });
}

/** Exit code counts, for the test log. */
export function exitCodeCounts(runs: readonly BrokenRun[]): string {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(String(run.status), (counts.get(String(run.status)) ?? 0) + 1);
  return [...counts].sort().map(([status, count]) => `exit ${status}: ${count}`).join(', ');
}
