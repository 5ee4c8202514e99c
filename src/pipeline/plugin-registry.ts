import { PLAN_RENDERER, type Analyzer, type ContainerPlugin, type PerfplanPlugin, type PluginKind, type ProfileStrategy, type ReadResults, type Renderer, type StrategyScope } from '../plugin-api/index.js';

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

/** Every kind the registry keeps (the plugin kinds). */
export type RegistryKind = PluginKind;

/** How `perfplan evaluate --engine <engine>` reads results: a result reader's, else the renderer's own readResults. */
export interface EngineResultReader {
  engine: string;
  readResults: ReadResults;
  resultsFile?: string;
  /** Where the plugin came from, and which kind provides the reader. */
  source: string;
  providedBy: 'result-reader' | 'renderer';
}

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

  /** The engine renderers, in registration order: every renderer but the plan renderer. */
  renderers(): Renderer[] {
    return this.ofKind<Renderer>('renderer').filter((renderer) => renderer.name !== PLAN_RENDERER);
  }

  /** The renderer of PLAN.md and plan.json: the built-in one, or the plugin that replaced it. */
  planRenderer(): Renderer | undefined {
    return this.find('renderer', PLAN_RENDERER)?.plugin as Renderer | undefined;
  }

  /** Every engine whose results can be read: result readers first, then renderers that read their own results. */
  resultReaders(): EngineResultReader[] {
    const readers = new Map<string, EngineResultReader>();
    for (const { plugin, source } of this.list()) {
      if (plugin.kind !== 'result-reader') continue;
      readers.set(plugin.name, { engine: plugin.name, readResults: plugin.readResults, ...(plugin.resultsFile === undefined ? {} : { resultsFile: plugin.resultsFile }), source, providedBy: 'result-reader' });
    }
    for (const { plugin, source } of this.list()) {
      if (plugin.kind !== 'renderer' || plugin.readResults === undefined || readers.has(plugin.name)) continue;
      readers.set(plugin.name, { engine: plugin.name, readResults: plugin.readResults, ...(plugin.resultsFile === undefined ? {} : { resultsFile: plugin.resultsFile }), source, providedBy: 'renderer' });
    }
    return [...readers.values()];
  }

  resultReader(engine: string): EngineResultReader | undefined {
    return this.resultReaders().find((reader) => reader.engine === engine);
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
