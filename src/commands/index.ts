import Analyze from './analyze.js';
import Evaluate from './evaluate.js';
import Generate from './generate.js';
import Init from './init.js';
import PluginNew from './plugin/new.js';
import Plugins from './plugins.js';
import Validate from './validate.js';

/** The CLI's commands by id, for oclif's explicit command discovery (package.json "oclif.commands"). */
export const COMMANDS = {
  analyze: Analyze,
  evaluate: Evaluate,
  generate: Generate,
  init: Init,
  'plugin:new': PluginNew,
  plugins: Plugins,
  validate: Validate,
};
