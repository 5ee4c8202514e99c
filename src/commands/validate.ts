import { PerfplanCommand, jsonFlag, specArg } from '../cli/index.js';
import { ExitCode } from '../errors/index.js';

export default class Validate extends PerfplanCommand {
  static override summary = 'Check that a spec loads and that the config is valid, and list the problems found.';
  static override description =
    'Loads the config and the spec the way generate does and prints every diagnostic with its JSON pointer. ' +
    'Exits 1 when the spec has errors or warnings (perfplan would work around them; notes do not count), 2 for a config or usage error.';
  static override examples = ['<%= config.bin %> <%= command.id %> openapi.yaml', '<%= config.bin %> <%= command.id %> --json'];
  static override args = { spec: specArg };
  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Validate);
    const { config, pipeline } = await this.openSession({ config: flags.config, spec: args.spec });
    const { model, diagnostics } = await pipeline.analyze(this.requireSpec(config));
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    const problems = diagnostics.filter((diagnostic) => diagnostic.severity !== 'info').length;
    if (flags.json) {
      this.printJson({ valid: problems === 0, operations: model.operations.length, diagnostics });
    } else {
      this.log(`${model.title} ${model.version} (${model.kind}, ${model.operations.length} operations): ${errors} errors, ${problems - errors} warnings, ${diagnostics.length - problems} notes.`);
      for (const diagnostic of diagnostics) {
        this.log(`  ${diagnostic.severity} ${diagnostic.code}${diagnostic.pointer ? ` at ${diagnostic.pointer}` : ''}: ${diagnostic.message}`);
        if (diagnostic.fix) this.log(`    → ${diagnostic.fix}`);
      }
    }
    if (problems > 0) this.exit(ExitCode.failed);
  }
}
