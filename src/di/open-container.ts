import type { Container } from 'inversify';
import type { ResolvedConfig } from '../config/index.js';
import { collectPlugins } from './collect-plugins.js';
import { createContainer } from './create-container.js';
import { settingsFromConfig } from './settings-from-config.js';

/** The container for a resolved config: its plugins loaded (after the built-ins and first-party renderers), its settings bound. */
export async function openContainer(config: ResolvedConfig): Promise<Container> {
  const plugins = await collectPlugins({ configPlugins: config.plugins, rootDir: config.rootDir, configFile: config.configFile });
  return createContainer({ plugins, settings: settingsFromConfig(config) });
}
