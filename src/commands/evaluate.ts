import fs from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { PerfplanCommand, jsonFlag } from '../cli/index.js';
import { ExitCode, isPerfplanError, PerfplanError } from '../errors/index.js';
import { nearestName } from '../config/suggest.js';
import { checkSamples, evaluatePlan, evaluationText, junitReport, readPlanFile } from '../evaluate/index.js';
import type { EngineResultReader, PluginRegistry } from '../pipeline/index.js';
import { plural } from '../plugin-api/index.js';

/** A positive time scale, or a usage error naming the flag. */
function timeScaleOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const scale = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(scale) || scale <= 0) {
    throw new PerfplanError('evaluate/bad-time-scale', `--time-scale must be a positive number, not "${value}".`, {
      pointer: '--time-scale',
      fix: 'Pass the time scale the run used (-JtimeScale / TIME_SCALE), e.g. --time-scale 0.05, or leave it out: the results say it, else the plan does.',
      exitCode: ExitCode.usage,
    });
  }
  return scale;
}

/** The reader registered for the engine, or a usage error naming the engines that have one. */
function readerFor(registry: PluginRegistry, engine: string): EngineResultReader {
  const reader = registry.resultReader(engine);
  if (reader) return reader;
  const engines = registry.resultReaders().map((candidate) => candidate.engine).sort();
  const near = nearestName(engine, engines);
  const renderer = registry.find('renderer', engine);
  const why = renderer ? `the renderer "${engine}" reads no results, and no result reader is named "${engine}"` : `no result reader or renderer that reads results is named "${engine}"`;
  throw new PerfplanError('evaluate/unknown-engine', `--engine ${engine}: ${why}${near === undefined ? '.' : `; did you mean "${near}"?`} Engines whose results perfplan evaluate reads: ${engines.join(', ') || 'none'}.`, {
    pointer: '--engine',
    fix: `Use one of ${engines.join(', ') || 'none'}, or add a plugin that reads "${engine}" results (defineResultReader, or readResults on its renderer) to "plugins" in the config ("perfplan plugins" lists what is loaded).`,
    exitCode: ExitCode.usage,
  });
}

/** The reader's samples of the results file: its own errors (a file it cannot read) as they are, any other failure named. */
async function readResults(input: { reader: EngineResultReader; file: string }): Promise<ReturnType<typeof checkSamples>> {
  const { reader, file } = input;
  const text = fs.readFileSync(file, 'utf8');
  let samples: unknown;
  try {
    samples = await reader.readResults({ files: [{ path: file, text }] });
  } catch (error) {
    if (isPerfplanError(error)) throw error;
    throw new PerfplanError('evaluate/reader-failed', `The result reader for engine "${reader.engine}" (${reader.source}) failed on ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      file,
      fix: `Check that ${file} is ${reader.resultsFile ?? `the results file of a ${reader.engine} run`}; if it is, report this to the plugin's author.`,
      exitCode: ExitCode.failed,
      cause: error,
    });
  }
  return checkSamples({ samples, engine: reader.engine, source: reader.source });
}

export default class Evaluate extends PerfplanCommand {
  static override summary = "Judge a load test's results file against the plan's success criteria.";
  static override description =
    'Reads the results an engine wrote with the result reader registered for --engine (built in: JMeter, a CSV JTL with field names; k6, its JSON output, k6 run --out json=FILE; a plugin can add others) and judges the test cases the run was to run (the one selected by name, ' +
    'else its file\'s default run), each window placed from the run\'s start at the run\'s time scale: p95, error rate, mean and max (stress: in its ' +
    'recovery), throughput over its window, the stress breaking point and capacity (reported), spike and soak windows, and workflow completion. ' +
    'A run that refused to start, or a test case of the run with no request in the results, fails. ' +
    'Exits 1 naming each failed criterion with measured and expected values, 0 when all pass, 2 for a usage error.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> --engine jmeter --plan perfplan-out/plan.json results.jtl',
    '<%= config.bin %> <%= command.id %> --engine jmeter --plan perfplan-out/plan.json results.jtl --junit report.xml',
    '<%= config.bin %> <%= command.id %> --engine jmeter --plan perfplan-out/plan.json results.jtl --time-scale 0.05',
    '<%= config.bin %> <%= command.id %> --engine k6 --plan perfplan-out/plan.json results.json',
  ];
  static override args = { results: Args.string({ name: 'RESULTS', description: 'The results file (JMeter: CSV JTL; k6: --out json=FILE; other engines: what their reader reads).', required: true }) };
  static override flags = {
    engine: Flags.string({
      summary: 'Engine that wrote the results.',
      description: 'A result reader, or a renderer that reads its own results, registered under this name: jmeter and k6 built in, others from plugins ("perfplan plugins" lists them).',
      default: 'jmeter',
    }),
    plan: Flags.string({ summary: 'plan.json from perfplan generate.', required: true }),
    'time-scale': Flags.string({
      summary: 'Time scale the run used (default: what the results say, else the plan\'s timeScale).',
      description: 'Every stage, start and judged window of the plan is multiplied by it, as the scripts did (-JtimeScale, TIME_SCALE).',
    }),
    junit: Flags.string({ summary: 'Also write a JUnit XML report to this file (for CI).' }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Evaluate);
    const timeScale = timeScaleOf(flags['time-scale']);
    const { registry } = await this.openSession({ config: flags.config });
    const reader = readerFor(registry, flags.engine);
    const plan = readPlanFile(flags.plan);
    if (!fs.existsSync(args.results)) {
      throw new PerfplanError('evaluate/no-results', `Results file ${args.results} does not exist.`, {
        file: args.results,
        fix: `Pass ${reader.resultsFile ?? `the results file the ${reader.engine} run wrote`}.`,
        exitCode: ExitCode.usage,
      });
    }
    const samples = await readResults({ reader, file: args.results });
    const evaluation = evaluatePlan({ plan, samples, ...(timeScale !== undefined ? { timeScale } : {}) });
    if (evaluation.evaluated.length === 0 && evaluation.runFailures.length === 0) {
      throw new PerfplanError('evaluate/no-test-case', `No request in ${args.results} belongs to a test case of the plan (${plural(samples.length, 'sample')} read).`, {
        file: args.results,
        fix: 'Evaluate results of scripts generated from this plan: the results name each request\'s test case by the id the scripts give it (a JMeter thread group, a k6 scenario).',
        exitCode: ExitCode.failed,
      });
    }
    if (flags.junit) fs.writeFileSync(flags.junit, junitReport(evaluation));
    if (flags.json) this.printJson(evaluation);
    else for (const line of evaluationText(evaluation)) this.log(line);
    // Not this.exit(): its ExitError would be printed as an error after the report.
    if (!evaluation.passed) process.exitCode = ExitCode.failed;
  }
}
