import fs from 'node:fs';
import { builtinAnalyzers } from '../analysis/index.js';
import { planRenderer } from '../plan-renderer/index.js';
import { builtinProfileStrategies } from '../profiles/index.js';
import { loadConfiguredPlugins, loadPluginModule, packageRoot } from '../config/index.js';
import type { PluginEntry as ConfigPluginEntry } from '../config/index.js';
import type { PluginEntry } from '../pipeline/index.js';
import { FIRST_PARTY_RENDERERS, firstPartyModule, firstPartySource } from './first-party.js';

/** The built-in analyzers, profile strategies and plan renderer (PLAN.md, plan.json), as the container registers them. */
export function builtinPlugins(): PluginEntry[] {
  return [...builtinAnalyzers, ...builtinProfileStrategies, planRenderer].map((plugin) => ({ plugin, source: 'built-in' }));
}

/** Built-in analyzers, strategies and plan renderer, then first-party renderers, then the config's plugins in order. */
export async function collectPlugins(input: {
  configPlugins: readonly ConfigPluginEntry[];
  rootDir: string;
  configFile?: string;
}): Promise<PluginEntry[]> {
  const entries: PluginEntry[] = builtinPlugins();
  // Loaded through the same module loader as anyone's plugin.
  for (const name of FIRST_PARTY_RENDERERS) {
    const file = firstPartyModule(name);
    if (!fs.existsSync(file)) continue;
    const loaded = await loadPluginModule({ specifier: file, fromDir: packageRoot() });
    for (const plugin of loaded.plugins) entries.push({ plugin, source: firstPartySource(name) });
  }
  const configured = await loadConfiguredPlugins({ entries: input.configPlugins, fromDir: input.rootDir, configFile: input.configFile });
  for (const loaded of configured) {
    for (const plugin of loaded.plugins) entries.push({ plugin, source: `config: ${loaded.source}` });
  }
  return entries;
}
