import { PerfplanCommand, jsonFlag, specArg } from '../cli/index.js';
import { formatAnalysisReport } from '../cli/analysis-report.js';

export default class Analyze extends PerfplanCommand {
  static override summary = 'Analyze an OpenAPI spec: operations, critical paths, data-intensive operations, auth, complexity.';
  static override description =
    'Prints what perfplan learns from the spec before planning: read/write counts, critical paths and data-intensive ' +
    'operations with the reason each was classified, authentication, estimated complexity and recommended load patterns.';
  static override examples = ['<%= config.bin %> <%= command.id %> openapi.yaml', '<%= config.bin %> <%= command.id %> openapi.yaml --json'];
  static override args = { spec: specArg };
  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Analyze);
    const { config, pipeline } = await this.openSession({ config: flags.config, spec: args.spec });
    const { model, analysis, diagnostics } = await pipeline.analyze(this.requireSpec(config));
    if (flags.json) {
      this.printJson({
        spec: { title: model.title, version: model.version, specVersion: model.specVersion, operations: model.operations.length, webhooks: model.webhookCount },
        analysis,
        diagnostics,
      });
      return;
    }
    this.log(formatAnalysisReport({ model, analysis, diagnostics }));
  }
}
