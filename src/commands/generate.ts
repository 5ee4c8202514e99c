import path from 'node:path';
import { Flags } from '@oclif/core';
import { PerfplanCommand, jsonFlag, planFlags, specArg } from '../cli/index.js';
import { isUrlLike } from '../config/index.js';
import { ExitCode } from '../errors/index.js';
import { SpecDiagnosticCode } from '../openapi/index.js';
import type { ErrorJson } from '../cli/format-error.js';
import { failedAgentResult, WEBHOOKS_ONLY_CODE, type GenerateIntoResult } from '../pipeline/index.js';
import { plural } from '../plugin-api/index.js';
import type { OutputSession, WriteResult } from '../render/index.js';

export default class Generate extends PerfplanCommand {
  static override summary = 'Write the performance test plan and load-test scripts for an OpenAPI spec.';
  static override description =
    'Loads the spec, analyzes it, plans load/stress/spike/soak/mixed/workflow tests and renders them for every ' +
    'enabled engine into the output folder (PLAN.md, plan.json, one folder per engine). The folder is replaced ' +
    'only when the new output is complete.';
  static override examples = [
    '<%= config.bin %> <%= command.id %> openapi.yaml',
    '<%= config.bin %> <%= command.id %> openapi.yaml --output perf --engines k6',
    '<%= config.bin %> <%= command.id %> --check',
    '<%= config.bin %> <%= command.id %> openapi.yaml --users 50 --duration 5m --dry-run',
    '<%= config.bin %> <%= command.id %> openapi.yaml --rps 25 --time-scale 0.05',
  ];
  static override args = { spec: specArg };
  static override flags = {
    output: Flags.string({ char: 'o', summary: 'Output folder (default perfplan-out).' }),
    engines: Flags.string({ char: 'e', summary: 'Renderers to run (comma-separated); all registered ones by default.', multiple: true }),
    ...planFlags,
    force: Flags.boolean({ summary: 'Replace an output folder that perfplan did not create.', default: false }),
    'dry-run': Flags.boolean({ summary: 'List the files that would be written; write nothing.', default: false }),
    check: Flags.boolean({ summary: 'Exit 1 when the files on disk differ from what would be generated; write nothing.', default: false }),
    json: jsonFlag,
  };

  /** The spec file, once known: it names the failed agent result that --json prints for an error. */
  private specFile: string | undefined;

  protected override errorJson(error: ErrorJson): Record<string, unknown> {
    const taskId = `perfplan-${this.specFile === undefined ? 'generate' : path.basename(this.specFile)}`;
    return { ...failedAgentResult({ taskId }, error.message), error };
  }

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Generate);
    const { config, pipeline, outputWriter } = await this.openSession({
      config: flags.config,
      spec: args.spec,
      output: flags.output,
      engines: flags.engines,
      baseUrl: flags['base-url'],
      types: flags.types,
      include: flags.include,
      exclude: flags.exclude,
      users: flags.users,
      duration: flags.duration,
      rps: flags.rps === undefined ? undefined : Number(flags.rps),
      timeScale: flags['time-scale'] === undefined ? undefined : Number(flags['time-scale']),
    });
    const specFile = this.requireSpec(config);
    this.specFile = specFile;
    // Files are written as they are rendered; the folder is opened with the first one, so a spec
    // that cannot be planned is reported before the output folder is looked at.
    const inputs = [
      ...(isUrlLike(specFile) ? [] : [{ file: specFile, what: 'the spec' }]),
      ...(config.configFile === undefined ? [] : [{ file: config.configFile, what: 'the config' }]),
    ];
    const outputOptions = { outDir: config.output, force: flags.force, dryRun: flags['dry-run'], check: flags.check, inputs };
    const open = async (): Promise<OutputSession> => {
      const opened = await outputWriter.open(outputOptions);
      for (const action of opened.recovered) this.logToStderr(`Recovered after an interrupted run: ${action}.`);
      return opened;
    };
    let session: OutputSession | undefined;
    let generated: GenerateIntoResult;
    let written: WriteResult;
    try {
      generated = await pipeline.generateInto({ specFile }, async (file) => {
        session ??= await open();
        await session.add(file);
      });
      session ??= await open();
      written = await session.finish();
    } catch (error) {
      await session?.abort();
      throw error;
    }
    for (const warning of written.warnings) this.logToStderr(`Warning: ${warning}`);
    // An empty plan the inputs asked for (a spec without operations, types it has none of) is written, and said.
    for (const diagnostic of generated.diagnostics) {
      if (diagnostic.code === 'plan/no-operations' || diagnostic.code === 'plan/no-test-cases') this.logToStderr(`Warning: ${diagnostic.message} ${diagnostic.fix ?? ''}`.trimEnd());
    }
    // Nothing to call (a spec of webhooks only) is no problem: said on stdout, exit 0.
    const nothingToCall = generated.diagnostics.find((diagnostic) => diagnostic.code === WEBHOOKS_ONLY_CODE);
    const fileCount = generated.fileCount;
    const outLabel = path.relative(process.cwd(), config.output) || '.';
    if (flags.json) {
      // The object the library entry returns (planPerformanceTests): the agent result and the plan, diagnostics included.
      // Then the files of the output (written, or that would be with --dry-run / --check), the marker included.
      this.printJson({ ...generated.result, plan: generated.plan, outputDir: written.outDir, files: written.files.map(({ path: file, bytes }) => ({ path: file, bytes })) });
    } else if (flags.check) {
      if (written.upToDate) this.log(`${outLabel} is up to date (${plural(fileCount, 'file')}).`);
      else {
        this.logToStderr(`${outLabel} is out of date:`);
        const differences = written.differences ?? { missing: [], changed: [], extra: [] };
        for (const [kind, paths] of Object.entries(differences)) for (const file of paths) this.logToStderr(`  ${kind}: ${file}`);
        this.logToStderr(`  fix:  run "${this.config.bin} generate" and commit the result.`);
      }
    } else {
      const verb = flags['dry-run'] ? 'Would write' : 'Wrote';
      this.log(`${verb} ${plural(fileCount, 'file')} to ${outLabel}/ (${plural(generated.plan.testCases.length, 'test case')}, ${plural(generated.model.operations.length, 'operation')}).`);
      if (flags['dry-run']) for (const file of written.files) this.log(`  ${file.path} (${file.bytes} bytes)`);
      const problems = generated.diagnostics.filter((diagnostic) => diagnostic.code !== SpecDiagnosticCode.externalFileRead && diagnostic !== nothingToCall).length;
      if (nothingToCall) this.log(`Nothing to test: ${nothingToCall.message}`);
      if (problems > 0) this.log(`${plural(problems, 'spec problem')} ${problems === 1 ? 'was' : 'were'} handled; see the Diagnostics section of PLAN.md.`);
      if (!flags['dry-run']) this.log(`Next: read ${path.join(outLabel, 'PLAN.md')}${generated.plan.source.operationCount === 0 ? '.' : ' for how to run each engine.'}`);
    }
    if (flags.check && !written.upToDate) this.exit(ExitCode.failed);
  }
}
