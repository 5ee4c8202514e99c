export { PLUGIN_TOKENS, TOKENS } from './tokens.js';
export { createContainer, pipelineOf, registryOf } from './create-container.js';
export type { ContainerInput } from './create-container.js';
export { openContainer } from './open-container.js';
export { settingsFromConfig } from './settings-from-config.js';
export { builtinPlugins, collectPlugins } from './collect-plugins.js';
export { FIRST_PARTY_RENDERERS, firstPartyModule, firstPartySource, type FirstPartyRenderer } from './first-party.js';
