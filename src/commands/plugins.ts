import { PerfplanCommand, jsonFlag } from '../cli/index.js';
import { pluginKindLabel } from '../pipeline/index.js';
import { nounFor } from '../plugin-api/index.js';

export default class Plugins extends PerfplanCommand {
  static override summary = 'List the loaded analyzers, profile strategies and renderers, where each came from and what it replaced.';
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
    if (flags.json) {
      this.printJson({ configFile: config.configFile ?? null, plugins: rows });
      return;
    }
    this.log(config.configFile ? `Config: ${config.configFile}` : 'Config: none found (defaults)');
    for (const kind of ['analyzer', 'profile', 'renderer'] as const) {
      const ofKind = rows.filter((row) => row.kind === kind);
      this.log();
      this.log(`${nounFor(ofKind.length, pluginKindLabel(kind))} (${ofKind.length}):`);
      for (const row of ofKind) {
        this.log(`  ${row.name.padEnd(16)} ${row.source}`);
        for (const previous of row.replaced) this.log(`  ${''.padEnd(16)} replaces ${row.name} from ${previous}`);
      }
    }
  }
}
