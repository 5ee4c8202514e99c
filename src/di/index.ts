export { TOKENS } from './tokens.js';
export { createContainer } from './create-container.js';
export { collectPlugins, FIRST_PARTY_RENDERERS } from './collect-plugins.js';
