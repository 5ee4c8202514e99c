import { PerfplanCommand, jsonFlag } from '../cli/index.js';
import { pluginKindLabel } from '../pipeline/index.js';
import { nounFor } from '../plugin-api/index.js';

export default class Plugins extends PerfplanCommand {
  static override summary = 'List the loaded analyzers, profile strategies, renderers and result readers, where each came from and what it replaced.';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --config perfplan.config.ts --json'];
  static override flags = { json: jsonFlag };

  async run(): Promise<void> {
    const { flags } = await this.parse(Plugins);
    const { registry, config } = await this.openSession({ config: flags.config });
    const rows = registry.list().map((entry) => ({
      kind: entry.plugin.kind,
      name: entry.plugin.name,
      source: entry.source,
      replaced: entry.replaced,
      description: entry.plugin.description ?? '',
    }));
    // The engines perfplan evaluate reads: result readers, and renderers that read their own results.
    const readers = registry.resultReaders().map((reader) => ({ engine: reader.engine, source: reader.source, providedBy: reader.providedBy }));
    if (flags.json) {
      this.printJson({ configFile: config.configFile ?? null, plugins: rows, resultReaders: readers });
      return;
    }
    this.log(config.configFile ? `Config: ${config.configFile}` : 'Config: none found (defaults)');
    for (const kind of ['analyzer', 'profile', 'renderer', 'result-reader'] as const) {
      const ofKind = rows.filter((row) => row.kind === kind);
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
  }
}
