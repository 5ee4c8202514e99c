import type { Analyzer, ContainerPlugin, PerfplanPlugin, PluginKind, ProfileStrategy, Renderer, StrategyScope } from '../plugin-api/index.js';

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

/** Every kind the registry keeps: the plugin kinds, and result readers (whose kind the plugin API is gaining). */
export type RegistryKind = PluginKind | 'result-reader';

const KIND_LABEL: Record<RegistryKind, string> = {
  analyzer: 'analyzer',
  profile: 'profile strategy',
  renderer: 'renderer',
  'result-reader': 'result reader',
  container: 'container module',
};

export function pluginKindLabel(kind: RegistryKind): string {
  return KIND_LABEL[kind];
}

/**
 * Plugins keyed by kind and name. A later registration under an existing name replaces the
 * earlier one in its place (so analyzer order is kept) and records what it replaced. Built by
 * the composition root (src/di) from the per-kind tokens, never by hand.
 */
export class PluginRegistry {
  private readonly entries = new Map<string, RegisteredPlugin>();
  /** Per profile strategy name, the scope of the latest replaced registration that declared one. */
  private readonly replacedScopes = new Map<string, StrategyScope>();

  constructor(entries: readonly PluginEntry[]) {
    for (const entry of entries) this.register(entry);
  }

  private register(entry: PluginEntry): void {
    const key = `${entry.plugin.kind}:${entry.plugin.name}`;
    const existing = this.entries.get(key);
    if (existing) {
      if (existing.plugin.kind === 'profile') {
        const scope = existing.plugin.appliesTo ?? this.replacedScopes.get(existing.plugin.name);
        if (scope !== undefined) this.replacedScopes.set(existing.plugin.name, scope);
      }
      this.entries.set(key, { plugin: entry.plugin, source: entry.source, replaced: [...existing.replaced, existing.source] });
    } else {
      this.entries.set(key, { plugin: entry.plugin, source: entry.source, replaced: [] });
    }
  }

  list(): RegisteredPlugin[] {
    return [...this.entries.values()];
  }

  private ofKind<P extends PerfplanPlugin>(kind: RegistryKind): P[] {
    return this.list()
      .filter((entry) => (entry.plugin.kind as RegistryKind) === kind)
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

  /** Reserved slot: result readers, bound under PLUGIN_TOKENS['result-reader']. */
  resultReaders(): PerfplanPlugin[] {
    return this.ofKind('result-reader');
  }

  containerModules(): ContainerPlugin[] {
    return this.ofKind<ContainerPlugin>('container');
  }

  find(kind: RegistryKind, name: string): RegisteredPlugin | undefined {
    return this.entries.get(`${kind}:${name}`);
  }

  /**
   * The scope a strategy that declares none keeps from the one of the same name it replaced
   * (an organisation's `standard` plans the standard operations, as the built-in did).
   */
  replacedScope(name: string): StrategyScope | undefined {
    return this.replacedScopes.get(name);
  }
}
