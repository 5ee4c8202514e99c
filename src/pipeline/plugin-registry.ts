import type { Analyzer, PerfplanPlugin, PluginKind, ProfileStrategy, Renderer } from '../plugin-api/index.js';

/** A plugin as offered to the host, with where it came from (for `perfplan plugins`). */
export interface PluginEntry {
  plugin: PerfplanPlugin;
  source: string;
}

export interface RegisteredPlugin {
  plugin: PerfplanPlugin;
  source: string;
  /** Sources of the earlier registrations under the same kind and name that this one replaced. */
  replaced: string[];
}

const KIND_LABEL: Record<PluginKind, string> = { analyzer: 'analyzer', profile: 'profile strategy', renderer: 'renderer' };

export function pluginKindLabel(kind: PluginKind): string {
  return KIND_LABEL[kind];
}

/**
 * Plugins keyed by kind and name. A later registration under an existing name replaces the
 * earlier one in its place (so analyzer order is kept) and records what it replaced.
 */
export class PluginRegistry {
  private readonly entries = new Map<string, RegisteredPlugin>();

  constructor(entries: readonly PluginEntry[]) {
    for (const entry of entries) this.register(entry);
  }

  private register(entry: PluginEntry): void {
    const key = `${entry.plugin.kind}:${entry.plugin.name}`;
    const existing = this.entries.get(key);
    if (existing) {
      this.entries.set(key, { plugin: entry.plugin, source: entry.source, replaced: [...existing.replaced, existing.source] });
    } else {
      this.entries.set(key, { plugin: entry.plugin, source: entry.source, replaced: [] });
    }
  }

  list(): RegisteredPlugin[] {
    return [...this.entries.values()];
  }

  private ofKind<P extends PerfplanPlugin>(kind: PluginKind): P[] {
    return this.list()
      .filter((entry) => entry.plugin.kind === kind)
      .map((entry) => entry.plugin as P);
  }

  analyzers(): Analyzer[] {
    return this.ofKind<Analyzer>('analyzer');
  }

  strategies(): ProfileStrategy[] {
    return this.ofKind<ProfileStrategy>('profile');
  }

  renderers(): Renderer[] {
    return this.ofKind<Renderer>('renderer');
  }

  find(kind: PluginKind, name: string): RegisteredPlugin | undefined {
    return this.entries.get(`${kind}:${name}`);
  }
}
