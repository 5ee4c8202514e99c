// Command line of the k6 TEST DOUBLE, shaped like `k6 run`.
import path from 'node:path';

export interface DoubleArgs {
  script: string;
  env: Record<string, string>;
  /** Functional mode: N iterations of every scenario, one after the other (the conformance harness). */
  iterations?: number;
  tagHeader?: string;
  resultFile?: string;
  /** Load mode: F in (0, 1], schedules run F times as fast. */
  timeScale: number;
  summaryExport?: string;
  jsonOut?: string;
}

export const USAGE = `usage (k6 TEST DOUBLE, not k6):
  load mode (as k6 run):  run-k6-double.js run [-e NAME=value]... [--time-scale F] [--summary-export FILE] [--out json=FILE] [--tag-header H] SCRIPT
  functional mode:        run-k6-double.js run [-e NAME=value]... --iterations N [--tag-header H] [--result FILE] SCRIPT`;

export function parseArgs(argv: string[]): DoubleArgs {
  const args = argv[0] === 'run' ? argv.slice(1) : argv;
  const parsed: DoubleArgs = { script: '', env: {}, timeScale: 1 };
  const loadOnly: string[] = [];
  let script: string | undefined;
  const value = (i: number, flag: string): string => {
    const next = args[i];
    if (next === undefined) throw new Error(`${flag} needs a value`);
    return next;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-e' || arg === '--env') {
      const pair = value(++i, arg);
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new Error(`-e needs NAME=value, got ${JSON.stringify(pair)}`);
      parsed.env[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (arg === '--iterations') {
      const iterations = Number(value(++i, arg));
      if (!Number.isInteger(iterations) || iterations < 1) throw new Error('--iterations needs a positive integer');
      parsed.iterations = iterations;
    } else if (arg === '--tag-header') {
      parsed.tagHeader = value(++i, arg).toLowerCase();
    } else if (arg === '--result') {
      parsed.resultFile = path.resolve(value(++i, arg));
    } else if (arg === '--time-scale') {
      const scale = Number(value(++i, arg));
      if (!(scale > 0 && scale <= 1)) throw new Error(`--time-scale needs a number in (0, 1], got ${JSON.stringify(args[i])}`);
      parsed.timeScale = scale;
      loadOnly.push(arg);
    } else if (arg === '--summary-export') {
      parsed.summaryExport = path.resolve(value(++i, arg));
      loadOnly.push(arg);
    } else if (arg === '--out' || arg === '-o') {
      const out = value(++i, arg);
      if (!out.startsWith('json=') || out.length === 'json='.length) throw new Error(`--out: the k6 test double writes only json=FILE, got ${JSON.stringify(out)}`);
      parsed.jsonOut = path.resolve(out.slice('json='.length));
      loadOnly.push(arg);
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}`);
    } else if (script !== undefined) {
      throw new Error(`one script only, got ${JSON.stringify(script)} and ${JSON.stringify(arg)}`);
    } else {
      script = arg;
    }
  }
  if (script === undefined) throw new Error('no script given');
  parsed.script = path.resolve(script);
  if (parsed.iterations !== undefined && loadOnly.length > 0) throw new Error(`${loadOnly.join(', ')} only apply to load mode (without --iterations)`);
  if (parsed.iterations === undefined && parsed.resultFile !== undefined) throw new Error('--result only applies to functional mode (--iterations N)');
  return parsed;
}
