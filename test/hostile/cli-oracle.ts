import path from 'node:path';
import { runCli, STACK_LINE } from '../helpers/run-cli.js';
import { terminalHazards } from '../helpers/terminal-hazards.js';

/**
 * A spec through the real CLI (bin/run.js): `validate` (the title, version and every diagnostic
 * printed) and `generate` (the summary). What they print must hold no control character and no
 * line a CI runner takes as a workflow command, and no stack trace; validate exits 0 or 1
 * (warnings), generate 0.
 */
export function checkCliRuns(input: { specFile: string; cwd: string }): { problems: string[]; printed: string } {
  const problems: string[] = [];
  let printed = '';
  const runs: Array<{ args: string[]; statuses: number[] }> = [
    { args: ['validate', input.specFile], statuses: [0, 1] },
    { args: ['generate', input.specFile, '-o', path.join(input.cwd, 'out')], statuses: [0] },
  ];
  for (const { args, statuses } of runs) {
    const run = runCli(args, { cwd: input.cwd });
    const label = `perfplan ${args[0]}`;
    printed += `${run.stdout}\n${run.stderr}\n`;
    if (run.status === null || !statuses.includes(run.status)) problems.push(`${label} exited ${String(run.status)}: ${run.stderr.slice(0, 400)}`);
    if (STACK_LINE.test(run.stderr)) problems.push(`${label} printed a stack trace: ${run.stderr.slice(0, 400)}`);
    for (const [stream, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
      for (const hazard of terminalHazards(text)) problems.push(`${label} ${stream}: ${hazard.slice(0, 300)}`);
    }
  }
  return { problems, printed };
}
