import type { Analyzer, PerfplanPlugin, PluginKind, ProfileStrategy, ReadResults, Renderer } from '../plugin-api/index.js';

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

/** How `perfplan evaluate --engine <engine>` reads results: a result reader's, else the renderer's own readResults. */
export interface EngineResultReader {
  engine: string;
  readResults: ReadResults;
  resultsFile?: string;
  /** Where the plugin came from, and which kind provides the reader. */
  source: string;
  providedBy: 'result-reader' | 'renderer';
}

const KIND_LABEL: Record<PluginKind, string> = { analyzer: 'analyzer', profile: 'profile strategy', renderer: 'renderer', 'result-reader': 'result reader' };

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

  find(kind: PluginKind, name: string): RegisteredPlugin | undefined {
    return this.entries.get(`${kind}:${name}`);
  }
}
