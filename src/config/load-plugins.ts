import path from 'node:path';
import type { PerfplanPlugin } from '../plugin-api/types.js';
import { loadPluginModule } from './plugin-resolution.js';
import type { PluginEntry } from './types.js';

export interface LoadedPlugins {
  plugins: PerfplanPlugin[];
  /** Where they came from, for `perfplan plugins`: a package with its file, a path, or the config entry. */
  source: string;
}

/**
 * Loads every `plugins` entry of a (validated) config in order, one result per entry, so a later
 * entry can override an earlier one deterministically. Strings resolve against `fromDir`.
 */
export async function loadConfiguredPlugins({
  entries,
  fromDir,
  configFile,
}: {
  entries: readonly PluginEntry[];
  fromDir: string;
  configFile?: string;
}): Promise<LoadedPlugins[]> {
  const configName = configFile === undefined ? 'config' : path.basename(configFile);
  const loaded: LoadedPlugins[] = [];
  for (const [index, entry] of entries.entries()) {
    if (typeof entry === 'string') {
      loaded.push(await loadPluginModule({ specifier: entry, fromDir }));
    } else {
      loaded.push({ plugins: Array.isArray(entry) ? [...entry] : [entry], source: `${configName} (plugins[${index}])` });
    }
  }
  return loaded;
}
