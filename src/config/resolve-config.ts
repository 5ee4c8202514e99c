import path from 'node:path';
import { DEFAULT_OUTPUT_DIR, type ResolvedConfig, type RoutingConfig, type UserConfig } from './types.js';

/** `http://…`, `https://…`, `file:…`: left as written rather than joined to a folder. */
export function isUrlLike(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^file:/i.test(value);
}

export function resolvePath({ value, baseDir }: { value: string; baseDir: string }): string {
  return isUrlLike(value) ? value : path.resolve(baseDir, value);
}

function copyRouting(routing: Record<string, RoutingConfig>): Record<string, RoutingConfig> {
  return Object.fromEntries(
    Object.entries(routing).map(([name, rule]) => [
      name,
      {
        ...(rule.testType === undefined ? {} : { testType: rule.testType }),
        ...(rule.categories === undefined ? {} : { categories: [...rule.categories] }),
        ...(rule.tags === undefined ? {} : { tags: [...rule.tags] }),
        ...(rule.operations === undefined ? {} : { operations: [...rule.operations] }),
      },
    ]),
  );
}

/** Applies defaults and makes paths absolute against `rootDir`; copies, never aliases, the input. */
export function resolveConfig({
  config,
  rootDir,
  configFile,
}: {
  config: UserConfig;
  rootDir: string;
  configFile?: string;
}): ResolvedConfig {
  const absoluteRoot = path.resolve(rootDir);
  return {
    ...(configFile === undefined ? {} : { configFile: path.resolve(configFile) }),
    rootDir: absoluteRoot,
    ...(config.spec === undefined ? {} : { spec: resolvePath({ value: config.spec, baseDir: absoluteRoot }) }),
    output: path.resolve(absoluteRoot, config.output ?? DEFAULT_OUTPUT_DIR),
    ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
    ...(config.engines === undefined ? {} : { engines: [...config.engines] }),
    plugins: (config.plugins ?? []).map((entry) => (Array.isArray(entry) ? [...entry] : entry)),
    profiles: Object.fromEntries(Object.entries(config.profiles ?? {}).map(([name, options]) => [name, { ...options }])),
    ...(config.routing === undefined ? {} : { routing: copyRouting(config.routing) }),
    analyzers: Object.fromEntries(Object.entries(config.analyzers ?? {}).map(([name, options]) => [name, { ...options }])),
    renderOptions: Object.fromEntries(
      Object.entries(config.renderOptions ?? {}).map(([name, options]) => [name, { ...options }]),
    ),
    include: [...(config.include ?? [])],
    exclude: [...(config.exclude ?? [])],
    ...(config.types === undefined ? {} : { types: [...config.types] }),
    workflows: (config.workflows ?? []).map((workflow) => ({
      name: workflow.name,
      steps: workflow.steps.map((step) => ({ ...step })),
    })),
    allowExternalRefs: config.allowExternalRefs ?? false,
    allowRemoteRefs: config.allowRemoteRefs ?? false,
    ...(config.dataLimits === undefined ? {} : { dataLimits: { ...config.dataLimits } }),
    ...(config.data === undefined ? {} : { data: { ...config.data } }),
    overrides: {},
    ...(config.timeScale === undefined ? {} : { timeScale: config.timeScale }),
  };
}
