export { defineConfig } from './define-config.js';
export { loadConfig, CONFIG_SEARCH_PLACES } from './load-config.js';
export { mergeFlags } from './merge-flags.js';
export { isUrlLike, resolveConfig } from './resolve-config.js';
export { checkConfig, validateConfig } from './validate.js';
export type { ConfigProblem } from './config-problem.js';
export { USER_CONFIG_SCHEMA } from './config-schema.js';
export { checkPluginShape, isPluginShaped } from './plugin-shape.js';
export { pluginPackageCandidates } from './plugin-names.js';
export { loadPluginModule, nodeModulesSearchDirs, resolvePluginSpecifier } from './plugin-resolution.js';
export type { ResolvedPluginSpecifier } from './plugin-resolution.js';
export { loadConfiguredPlugins } from './load-plugins.js';
export type { LoadedPlugins } from './load-plugins.js';
export { parseDurationSeconds } from './duration.js';
export { packageRoot } from './package-root.js';
export { pluginOptionsProblems, resolvePluginOptions } from './plugin-options.js';
export { DEFAULT_OUTPUT_DIR } from './types.js';
export type {
  ConfigContext,
  ConfigFlags,
  ConfigOverrides,
  PluginEntry,
  ResolvedConfig,
  RoutingConfig,
  UserConfig,
  UserConfigExport,
  WorkflowConfig,
  WorkflowStepConfig,
} from './types.js';
