export { PLUGIN_TOKENS, TOKENS } from './tokens.js';
export { createContainer, pipelineOf, registryOf } from './create-container.js';
export type { ContainerInput } from './create-container.js';
export { openContainer } from './open-container.js';
export { settingsFromConfig } from './settings-from-config.js';
export { builtinPlugins, collectPlugins, FIRST_PARTY_RENDERERS } from './collect-plugins.js';
