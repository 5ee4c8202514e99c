/** Container tokens; `Symbol.for` so a plugin built against another copy of perfplan still matches. */
export const TOKENS = {
  PluginEntry: Symbol.for('perfplan.plugin-entry'),
  Settings: Symbol.for('perfplan.settings'),
  Registry: Symbol.for('perfplan.plugin-registry'),
  Pipeline: Symbol.for('perfplan.pipeline'),
} as const;
