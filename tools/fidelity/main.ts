// The criteria-fidelity suite: node dist/tools/fidelity/main.js [--engines k6,locust,jmeter] [--out .fidelity] [--runs healthy:load,capacity:stress]
// Plans the bundled Petstore example (a few operations) with small, short profiles, runs every
// engine's test types against the reference server in each mode, prints the verdict table and
// writes it to OUT/verdicts.md. Exit 1 when a verdict is not what its mode must give, 2 on usage errors.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TEST_TYPES, type TestType } from '../../src/model/index.js';
import { FIDELITY_RUNS, type FidelityRun } from './fidelity-config.js';
import { runFidelity } from './run-fidelity.js';
import { MODE_NAMES, type ModeName } from './server-modes.js';
import { ENGINE_NAMES, type EngineName } from './verdict.js';

async function main(argv: string[]): Promise<number> {
  const usage = 'Usage: node dist/tools/fidelity/main.js [--engines k6,locust,jmeter] [--out .fidelity] [--runs MODE:TYPE,...] [--spec FILE]';
  let values: { engines?: string; out?: string; spec?: string; runs?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { engines: { type: 'string' }, out: { type: 'string' }, spec: { type: 'string' }, runs: { type: 'string' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  let runs: FidelityRun[] | undefined;
  if (values.runs !== undefined) {
    runs = [];
    for (const pair of values.runs.split(',')) {
      const [mode, type] = pair.trim().split(':') as [ModeName, TestType];
      if (!MODE_NAMES.includes(mode) || !TEST_TYPES.includes(type)) {
        console.error(`--runs: "${pair}" is not MODE:TYPE (modes ${MODE_NAMES.join(', ')}; types ${TEST_TYPES.join(', ')})\n${usage}`);
        return 2;
      }
      runs.push({ mode, types: [type] });
    }
  }
  const engines = (values.engines ?? ENGINE_NAMES.join(',')).split(',').map((name) => name.trim());
  const unknown = engines.filter((name) => !(ENGINE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`--engines: unknown ${unknown.join(', ')}; pick from ${ENGINE_NAMES.join(', ')}`);
    return 2;
  }
  const result = await runFidelity({
    outDir: path.resolve(values.out ?? '.fidelity'),
    engines: engines as EngineName[],
    runs: runs ?? FIDELITY_RUNS,
    ...(values.spec ? { spec: values.spec } : {}),
    log: (line) => console.log(line),
  });
  console.log(`\n${result.table}`);
  console.log(`${result.runs.length} runs in ${Math.round(result.seconds)} s`);
  return result.runs.every((run) => run.problems.length === 0) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
