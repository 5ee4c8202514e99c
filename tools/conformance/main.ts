// The conformance harness: node dist/tools/conformance/main.js SPEC... [--engines k6,locust,jmeter] [--out DIR]
// For each spec: perfplan generate, Prism + recording proxy, a smoke run of every engine's
// scripts, then conformance.json / conformance.md. Exit 1 when a request was rejected, a script
// failed or a planned operation was never called; 2 on usage errors.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KNOWN_ENGINE_NAMES } from './engines/index.js';
import { prismAvailable } from './prism.js';
import { summaryTable, writeReport } from './report.js';
import { DEFAULT_LIMITS, runConformance, type ConformanceLimits } from './run-conformance.js';
import { isPassing } from './summarize.js';

const USAGE = `Usage: node dist/tools/conformance/main.js SPEC... [--engines k6,locust,jmeter] [--out DIR]
  --engines LIST          engines to run (default k6)
  --out DIR               where conformance.json, conformance.md and runs/ go (default .conformance)
  --prism-timeout SEC     how long Prism may take to load a spec (default ${DEFAULT_LIMITS.prismStartupTimeoutMs / 1000})
  --engine-timeout SEC    one engine run (default ${DEFAULT_LIMITS.engineTimeoutMs / 1000})
  --spec-timeout SEC      everything for one spec (default ${DEFAULT_LIMITS.specTimeoutMs / 1000})
  --total-timeout SEC     the whole run (default ${DEFAULT_LIMITS.totalTimeoutMs / 1000})
  --prism-lighten MODE    auto|always|never: give Prism a copy of the spec with lightened response
                          schemas (auto: when the spec itself has not loaded after --prism-fallback-after)
  --prism-fallback-after SEC  (default ${DEFAULT_LIMITS.prismFallbackAfterMs / 1000})
  --types LIST            test types to generate (default all; load,workflow already sends every request)`;

function seconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${flag} needs a positive number of seconds, got ${JSON.stringify(value)}`);
  return parsed * 1000;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        engines: { type: 'string' },
        out: { type: 'string' },
        'prism-timeout': { type: 'string' },
        'engine-timeout': { type: 'string' },
        'spec-timeout': { type: 'string' },
        'total-timeout': { type: 'string' },
        'prism-lighten': { type: 'string' },
        types: { type: 'string' },
        'prism-fallback-after': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const specs = parsed.positionals;
  if (specs.length === 0) {
    console.error(`No spec given.\n${USAGE}`);
    return 2;
  }
  const missing = specs.filter((spec) => !fs.existsSync(spec));
  if (missing.length > 0) {
    console.error(`Spec not found: ${missing.join(', ')}`);
    return 2;
  }
  const engines = (parsed.values.engines ?? 'k6').split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = engines.filter((name) => !(KNOWN_ENGINE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || engines.length === 0) {
    console.error(`Unknown engine(s): ${unknown.join(', ') || '(none given)'}; known: ${KNOWN_ENGINE_NAMES.join(', ')}`);
    return 2;
  }
  const prism = prismAvailable();
  if (prism !== true) {
    console.error(prism);
    return 2;
  }
  const limits: Partial<ConformanceLimits> = {};
  try {
    const set = (key: Exclude<keyof ConformanceLimits, 'prismLighten'>, flag: string) => {
      const value = seconds(parsed.values[flag as 'prism-timeout'], `--${flag}`);
      if (value !== undefined) limits[key] = value;
    };
    set('prismStartupTimeoutMs', 'prism-timeout');
    set('engineTimeoutMs', 'engine-timeout');
    set('specTimeoutMs', 'spec-timeout');
    set('totalTimeoutMs', 'total-timeout');
    set('prismFallbackAfterMs', 'prism-fallback-after');
    const lighten = parsed.values['prism-lighten'];
    if (lighten !== undefined) {
      if (lighten !== 'auto' && lighten !== 'always' && lighten !== 'never') throw new Error(`--prism-lighten takes auto, always or never, got ${JSON.stringify(lighten)}`);
      limits.prismLighten = lighten;
    }
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const outDir = path.resolve(parsed.values.out ?? '.conformance');
  fs.mkdirSync(outDir, { recursive: true });

  const total = limits.totalTimeoutMs ?? DEFAULT_LIMITS.totalTimeoutMs;
  // A last resort if something hangs past every budget: exiting kills every child group (see child-processes.ts).
  const watchdog = setTimeout(() => {
    console.error(`conformance: still running ${total / 1000 + 60} s after start; giving up`);
    process.exit(1);
  }, total + 60_000);
  watchdog.unref();

  const types = parsed.values.types?.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const report = await runConformance({ specs, engines, outDir, limits, ...(types ? { types } : {}), log: (line) => console.error(`conformance: ${line}`) });
  writeReport(outDir, report);
  process.stdout.write(summaryTable(report.results));
  for (const result of report.results.filter((entry) => entry.verdict !== 'pass')) {
    console.log(`${result.spec} × ${result.engine}: ${result.verdict}: ${result.verdictReasons.join('; ')}`);
  }
  console.log(`Details: ${path.join(outDir, 'conformance.md')}`);
  const count = (test: (entry: (typeof report.results)[number]) => boolean) => report.results.filter(test).length;
  const passed = count((entry) => entry.verdict === 'pass');
  const failed = count((entry) => !isPassing(entry.verdict));
  const others = [['skipped', count((entry) => entry.verdict === 'skipped')], ['nothing to check', count((entry) => entry.verdict === 'nothing to check')]] as const;
  console.log([`${passed} passed`, `${failed} failed`, ...others.filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`)].join(', '));
  return report.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
