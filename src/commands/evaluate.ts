import fs from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { PerfplanCommand, jsonFlag } from '../cli/index.js';
import { ExitCode, PerfplanError } from '../errors/index.js';
import { evaluatePlan, evaluationText, junitReport, readPlanFile, RESULTS_READERS } from '../evaluate/index.js';
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

export default class Evaluate extends PerfplanCommand {
  static override summary = "Judge a load test's results file against the plan's success criteria.";
  static override description =
    'Reads the results an engine wrote (JMeter: a CSV JTL with field names; k6: its JSON output, k6 run --out json=FILE) and judges the test cases the run was to run (the one selected by name, ' +
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
  static override args = { results: Args.string({ name: 'RESULTS', description: 'The results file (JMeter: CSV JTL; k6: --out json=FILE).', required: true }) };
  static override flags = {
    engine: Flags.string({ summary: 'Engine that wrote the results.', options: Object.keys(RESULTS_READERS), default: 'jmeter' }),
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
    const plan = readPlanFile(flags.plan);
    if (!fs.existsSync(args.results)) {
      throw new PerfplanError('evaluate/no-results', `Results file ${args.results} does not exist.`, {
        file: args.results,
        fix:
          flags.engine === 'k6'
            ? 'Pass the file k6 wrote with --out json (k6 run --out json=results.json k6/stress.js).'
            : 'Pass the file JMeter wrote with -l (jmeter -n -t jmeter/load.jmx -l results.jtl).',
        exitCode: ExitCode.usage,
      });
    }
    const reader = RESULTS_READERS[flags.engine]!;
    const samples = reader({ text: fs.readFileSync(args.results, 'utf8'), file: args.results });
    const evaluation = evaluatePlan({ plan, samples, ...(timeScale !== undefined ? { timeScale } : {}) });
    if (evaluation.evaluated.length === 0 && evaluation.runFailures.length === 0) {
      throw new PerfplanError('evaluate/no-test-case', `No request in ${args.results} belongs to a test case of the plan (${plural(samples.length, 'sample')} read).`, {
        file: args.results,
        fix: 'Evaluate results of scripts generated from this plan: JMeter thread groups and k6 scenarios are named after test case ids.',
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
