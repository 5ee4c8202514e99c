import type { ResolvedConfig } from '../config/index.js';
import type { PipelineSettings } from '../pipeline/index.js';

/** The pipeline's settings from a resolved config (flags already merged into it). */
export function settingsFromConfig(config: ResolvedConfig): PipelineSettings {
  return {
    engines: config.engines,
    baseUrl: config.baseUrl,
    profiles: config.profiles,
    analyzers: config.analyzers,
    renderOptions: config.renderOptions,
    types: config.types,
    include: config.include,
    exclude: config.exclude,
    overrides: config.overrides,
    allowExternalRefs: config.allowExternalRefs,
    allowRemoteRefs: config.allowRemoteRefs,
    dataLimits: config.dataLimits,
    ...(config.data === undefined ? {} : { data: { seed: config.data.seed, rows: config.data.feederRows, uploadBytes: config.data.uploadBytes, bulkItems: config.data.bulkItems } }),
    workflows: config.workflows.map((workflow, index) => ({ ...workflow, key: `workflows[${index}]` })),
    ...(config.routing === undefined ? {} : { routing: config.routing }),
    ...(config.timeScale !== undefined ? { timeScale: config.timeScale } : {}),
    origin: { ...(config.configFile === undefined ? {} : { configFile: config.configFile }), fromFlags: config.fromFlags ?? [] },
  };
}
