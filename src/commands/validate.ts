import { PerfplanCommand, jsonFlag, specArg } from '../cli/index.js';
import { describeError } from '../cli/format-error.js';
import { ExitCode, isPerfplanError, type ExitCodeValue } from '../errors/index.js';
import type { Diagnostic } from '../model/index.js';
import type { PlanProblem, PlanResult } from '../pipeline/index.js';
import { plural } from '../plugin-api/index.js';

function problemLine(problem: Diagnostic, withFile: boolean): string[] {
  const where = [problem.pointer ? ` at ${problem.pointer}` : '', withFile && problem.file ? ` in ${problem.file}` : ''].join('');
  return [`  ${problem.severity} ${problem.code}${where}: ${problem.message}`, ...(problem.fix ? [`    → ${problem.fix}`] : [])];
}

export default class Validate extends PerfplanCommand {
  static override summary = 'Run every check generate runs (config, plugins, spec, x-perfplan, planning) without writing, and list the problems.';
  static override description =
    'Loads the config, its plugins and the spec the way generate does, checks the config against them (profile, engine and ' +
    'analyzer names, include/exclude filters, workflow operationIds), reads x-perfplan and plans the tests, then prints every ' +
    'problem with its config key or JSON pointer. Nothing is written. Exits 2 or 1 when generate would stop (with the code ' +
    'generate would exit with: 2 for a config or usage error, 1 for a spec it cannot plan), 1 when the spec has errors or ' +
    'warnings that generate would work around (notes do not count), else 0.';
  static override examples = ['<%= config.bin %> <%= command.id %> openapi.yaml', '<%= config.bin %> <%= command.id %> --json'];
  static override args = { spec: specArg };
  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Validate);
    const { config, pipeline } = await this.openSession({ config: flags.config, spec: args.spec });
    const specFile = this.requireSpec(config);
    let planned: PlanResult | undefined;
    let blocking: PlanProblem[];
    try {
      planned = await pipeline.plan(specFile, undefined, { collect: true });
      blocking = planned.problems;
    } catch (error) {
      // The spec could not be loaded or planned at all: reported as generate reports it, unless the
      // settings alone show problems too (generate would stop on those first): then both are listed.
      const early = pipeline.settingsProblems();
      if (!isPerfplanError(error) || early.length === 0) throw error;
      const { code, message, file, pointer, fix, exitCode } = describeError(error);
      const fatal: PlanProblem = { code, severity: 'error', message, exitCode, ...(file ? { file } : {}), ...(pointer ? { pointer } : {}), ...(fix ? { fix } : {}) };
      blocking = [...early.map((problem) => ({ ...problem, exitCode: ExitCode.usage as ExitCodeValue })), fatal];
    }
    const diagnostics = planned?.diagnostics ?? [];
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
    const notes = diagnostics.length - errors - warnings;
    const exitCode: ExitCodeValue = blocking[0]?.exitCode ?? (errors + warnings > 0 ? ExitCode.failed : ExitCode.ok);
    if (flags.json) {
      this.printJson({
        valid: exitCode === ExitCode.ok,
        generateWouldStop: blocking.length > 0,
        operations: planned?.model.operations.length ?? null,
        testCases: blocking.length > 0 ? null : (planned?.plan.testCases.length ?? null),
        problems: blocking,
        diagnostics,
      });
    } else {
      if (planned) {
        const { model, plan } = planned;
        const cases = blocking.length > 0 ? '' : `, ${plural(plan.testCases.length, 'test case')} planned`;
        this.log(`${model.title} ${model.version} (${model.kind}, ${plural(model.operations.length, 'operation')}${cases}): ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(notes, 'note')}.`);
      }
      if (blocking.length > 0) {
        this.log(`generate would stop (exit ${blocking[0].exitCode}) on ${plural(blocking.length, 'problem')}:`);
        for (const problem of blocking) for (const line of problemLine(problem, true)) this.log(line);
        if (diagnostics.length > 0) this.log('Spec diagnostics:');
      }
      for (const diagnostic of diagnostics) for (const line of problemLine(diagnostic, false)) this.log(line);
    }
    if (exitCode !== ExitCode.ok) this.exit(exitCode);
  }
}
