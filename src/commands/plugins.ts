import { PerfplanCommand, jsonFlag, specArg } from '../cli/index.js';
import { formatRouting, routingJson } from '../cli/routing-report.js';
import { pluginKindLabel } from '../pipeline/index.js';
import { nounFor } from '../plugin-api/index.js';

export default class Plugins extends PerfplanCommand {
  static override summary = 'List the loaded plugins (analyzers, profile strategies, renderers, result readers, container modules), where each came from and what it replaced, and which profile strategy plans which operations of the spec.';
  static override description =
    'Lists the analyzers, profile strategies, renderers, result readers and container modules, with their source and what each replaced. With a spec ' +
    '(the argument, or "spec" in the config), also the routing: each strategy\'s test type, scope (from its appliesTo, the config\'s ' +
    '"routing", or the strategy it replaced) and the operations it plans.';
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> openapi.yaml',
    '<%= config.bin %> <%= command.id %> --config perfplan.config.ts --json',
  ];
  static override args = { spec: specArg };
  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Plugins);
    const { registry, config, pipeline } = await this.openSession({ config: flags.config, spec: args.spec });
    const rows = registry.list().map((entry) => ({
      kind: entry.plugin.kind,
      name: entry.plugin.name,
      source: entry.source,
      replaced: entry.replaced,
      description: entry.plugin.description ?? '',
    }));
    const routing = async () => (config.spec === undefined ? undefined : routingJson(config.spec, await pipeline.route(config.spec)));
    // The engines perfplan evaluate reads: result readers, and renderers that read their own results.
    const readers = registry.resultReaders().map((reader) => ({ engine: reader.engine, source: reader.source, providedBy: reader.providedBy }));
    if (flags.json) {
      const routed = await routing();
      this.printJson({ configFile: config.configFile ?? null, plugins: rows, resultReaders: readers, ...(routed === undefined ? {} : { routing: routed }) });
      return;
    }
    this.log(config.configFile ? `Config: ${config.configFile}` : 'Config: none found (defaults)');
    for (const kind of ['analyzer', 'profile', 'renderer', 'result-reader', 'container'] as const) {
      const ofKind = rows.filter((row) => row.kind === kind);
      if (kind === 'container' && ofKind.length === 0) continue;
      this.log();
      this.log(`${nounFor(ofKind.length, pluginKindLabel(kind))} (${ofKind.length}):`);
      for (const row of ofKind) {
        this.log(`  ${row.name.padEnd(16)} ${row.source}`);
        for (const previous of row.replaced) this.log(`  ${''.padEnd(16)} replaces ${row.name} from ${previous}`);
      }
    }
    this.log();
    this.log(`engines perfplan evaluate reads (${readers.length}):`);
    for (const reader of readers) this.log(`  ${reader.engine.padEnd(16)} ${reader.providedBy === 'renderer' ? 'the renderer\'s own reader' : 'result reader'}, ${reader.source}`);
    const routed = await routing();
    if (routed === undefined) return;
    this.log();
    for (const line of formatRouting(routed)) this.log(line);
  }
}
