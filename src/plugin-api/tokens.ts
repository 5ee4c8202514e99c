// Container tokens. `Symbol.for`, so a plugin built against another copy of perfplan (or the
// bundled CLI) names the same binding.

/** The core services, each bound once and replaceable with `rebind` from a container module. */
export const TOKENS = {
  /** PipelineSettings: config and flags, merged. */
  settings: Symbol.for('perfplan.settings'),
  /** SpecLoader: reads the spec into the ApiModel. */
  specLoader: Symbol.for('perfplan.spec-loader'),
  /** AnalysisService: runs the analyzers. */
  analysis: Symbol.for('perfplan.analysis'),
  /** StrategyRouting: which strategy plans which operations. */
  strategyRouting: Symbol.for('perfplan.strategy-routing'),
  /** RequestDataBuilder: the request templates, varied values and feeder. */
  requestData: Symbol.for('perfplan.request-data'),
  /** AuthPlanner: how each security scheme gets its credentials. */
  authPlanner: Symbol.for('perfplan.auth-planner'),
  /** PlanWriter: PLAN.md and plan.json. */
  planWriter: Symbol.for('perfplan.plan-writer'),
  /** OutputWriter: where generate puts the files. */
  outputWriter: Symbol.for('perfplan.output-writer'),
  /** The plugin registry (built from the per-kind tokens below). */
  registry: Symbol.for('perfplan.plugin-registry'),
  /** The pipeline: load → analyze → plan → render. */
  pipeline: Symbol.for('perfplan.pipeline'),
} as const;

/**
 * One token per plugin kind; each is bound once per plugin, in load order, to a
 * `{ plugin, source }` entry (source: where it came from, as `perfplan plugins` shows it).
 */
export const PLUGIN_TOKENS = {
  analyzer: Symbol.for('perfplan.plugins.analyzer'),
  profile: Symbol.for('perfplan.plugins.profile'),
  renderer: Symbol.for('perfplan.plugins.renderer'),
  /** Reserved for result readers (`perfplan evaluate --engine`). */
  'result-reader': Symbol.for('perfplan.plugins.result-reader'),
  container: Symbol.for('perfplan.plugins.container'),
} as const;
