/** Container tokens: defined in the plugin API, so a container module can name them. */
export { PLUGIN_TOKENS, TOKENS } from '../plugin-api/tokens.js';
