import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticSpec } from './synthetic-spec.js';

// `npm run bench`: whole-process timings of `perfplan generate` with every first-party renderer.
// Not a test: the machine is shared, so each figure is the median of several runs, and the
// synthetic growth is compared as a ratio measured in the same run.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'run.js');
const SPECS = path.resolve(process.env.PERFPLAN_SPECS_DIR ?? path.join(ROOT, '..', 'shared', 'specs'));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Sample {
  wallMs: number;
  peakKb: number;
}

function timed(args: string[]): Sample {
  // From a folder without a perfplan config: the project's own config (the Petstore example) must not apply.
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, cwd: os.tmpdir() });
  if (result.status !== 0) throw new Error(`perfplan ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  return { wallMs: seconds * 1000, peakKb: kb };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function measure(label: string, args: string[], operations?: number): { label: string; wallMs: number; peakMb: number; opsPerSecond?: number } {
  timed(args); // warm the file cache
  const samples = Array.from({ length: RUNS }, () => timed(args));
  const wallMs = median(samples.map((sample) => sample.wallMs));
  const peakMb = median(samples.map((sample) => sample.peakKb)) / 1024;
  const row = { label, wallMs, peakMb, opsPerSecond: operations ? Math.round((operations / wallMs) * 1000) : undefined };
  console.log(
    `${label.padEnd(34)} wall ${wallMs.toFixed(0).padStart(6)} ms   peak ${peakMb.toFixed(0).padStart(5)} MB` +
      (row.opsPerSecond ? `   ${String(row.opsPerSecond).padStart(6)} ops/s` : '') +
      `   (median of ${RUNS}: ${samples.map((sample) => sample.wallMs.toFixed(0)).join(', ')})`,
  );
  return row;
}

/** Time growth from the smallest to the largest synthetic spec that completed (target: close to linear). */
function reportGrowth(growth: Array<{ operations: number; wallMs: number }>): void {
  const first = growth[0];
  const last = growth[growth.length - 1];
  if (growth.length < 2) {
    console.log('growth: not measured (fewer than two synthetic sizes completed)');
    process.exitCode = 1;
    return;
  }
  const scale = last.operations / first.operations;
  console.log(
    `growth ${first.operations} → ${last.operations} operations (${scale}×): ${(last.wallMs / first.wallMs).toFixed(1)}× the time (target: under ${scale * 1.25}×)`,
  );
}

if (!fs.existsSync('/usr/bin/time')) {
  console.error('bench needs /usr/bin/time (Debian package "time") for peak memory.');
  process.exit(2);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-bench-'));
try {
  console.log(`perfplan bench: ${RUNS} runs each, median; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}`);
  measure('perfplan --version', ['--version']);
  const real: Array<[string, number]> = [
    ['stripe-2023-08-16.yaml', 468],
    ['openai-2.3.0.yaml', 288],
    ['twilio-api-v2010-1.0.0.json', 197],
  ];
  if (fs.existsSync(SPECS)) {
    for (const [name, operations] of real) {
      measure(`generate ${name}`, ['generate', path.join(SPECS, name), '-o', path.join(work, name), '--force'], operations);
    }
  } else {
    console.log(`(${SPECS} not found: real-world specs skipped)`);
  }
  const growth: Array<{ operations: number; wallMs: number }> = [];
  for (const operations of [1000, 5000, 20000]) {
    const file = path.join(work, `synthetic-${operations}.json`);
    fs.writeFileSync(file, JSON.stringify(syntheticSpec(operations)));
    try {
      const row = measure(`generate synthetic ${operations} ops`, ['generate', file, '-o', path.join(work, `out-${operations}`), '--force'], operations);
      growth.push({ operations, wallMs: row.wallMs });
    } catch (error) {
      const reason = /heap out of memory/.test(String(error)) ? 'ran out of memory (V8 heap limit)' : String(error).split('\n')[0];
      console.log(`generate synthetic ${operations} ops`.padEnd(34) + ` FAILED: ${reason}`);
    }
  }
  reportGrowth(growth);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
