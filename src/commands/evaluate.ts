import fs from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { PerfplanCommand, jsonFlag } from '../cli/index.js';
import { ExitCode, PerfplanError } from '../errors/index.js';
import { evaluatePlan, evaluationText, junitReport, readPlanFile, RESULTS_READERS } from '../evaluate/index.js';

export default class Evaluate extends PerfplanCommand {
  static override summary = "Judge a load test's results file against the plan's success criteria.";
  static override description =
    'Reads the results an engine wrote (JMeter: a CSV JTL with field names) and checks every test case of the plan found in it: ' +
    'p95, error rate, throughput, and per type the stress breaking point and recovery, spike recovery, soak drift and workflow completion. ' +
    'Exits 1 and names each failed criterion with measured and expected values, 0 when all pass, 2 for a usage error.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> --engine jmeter --plan perfplan-out/plan.json results.jtl',
    '<%= config.bin %> <%= command.id %> --engine jmeter --plan perfplan-out/plan.json results.jtl --junit report.xml',
  ];
  static override args = { results: Args.string({ name: 'RESULTS', description: 'The results file (JMeter: CSV JTL).', required: true }) };
  static override flags = {
    engine: Flags.string({ summary: 'Engine that wrote the results.', options: Object.keys(RESULTS_READERS), default: 'jmeter' }),
    plan: Flags.string({ summary: 'plan.json from perfplan generate.', required: true }),
    junit: Flags.string({ summary: 'Also write a JUnit XML report to this file (for CI).' }),
    json: jsonFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Evaluate);
    const plan = readPlanFile(flags.plan);
    if (!fs.existsSync(args.results)) {
      throw new PerfplanError('evaluate/no-results', `Results file ${args.results} does not exist.`, {
        file: args.results,
        fix: 'Pass the file JMeter wrote with -l (jmeter -n -t jmeter/load.jmx -l results.jtl).',
        exitCode: ExitCode.usage,
      });
    }
    const reader = RESULTS_READERS[flags.engine]!;
    const samples = reader({ text: fs.readFileSync(args.results, 'utf8'), file: args.results });
    const evaluation = evaluatePlan({ plan, samples });
    if (evaluation.evaluated.length === 0 && evaluation.stoppedAtStart.length === 0) {
      throw new PerfplanError('evaluate/no-test-case', `No sample in ${args.results} belongs to a test case of the plan (${samples.length} samples read).`, {
        file: args.results,
        fix: 'Evaluate results of scripts generated from this plan: thread groups are named after test case ids.',
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
