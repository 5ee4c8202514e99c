import { Container, ContainerModule, type ResolutionContext } from 'inversify';
import { PerfplanError } from '../errors/index.js';
import {
  createAnalysisRunner,
  createRequestDataBuilder,
  createStrategyRouting,
  defaultAuthPlanner,
  defaultSettings,
  fileSpecLoader,
  folderOutputWriter,
  Pipeline,
  PluginRegistry,
  type PipelineSettings,
  type PluginEntry,
} from '../pipeline/index.js';
import { createPlanWriter, planRenderer } from '../plan-renderer/index.js';
import type { ContainerPlugin } from '../plugin-api/index.js';
import { PLUGIN_TOKENS, TOKENS } from './tokens.js';

export interface ContainerInput {
  /** Plugins in load order (collectPlugins): built-ins, first-party renderers, then the config's. */
  plugins: readonly PluginEntry[];
  /** Settings from config and flags; unset ones are the defaults. */
  settings?: Partial<PipelineSettings>;
}

const KIND_TOKENS = Object.values(PLUGIN_TOKENS);

/**
 * The one composition root. Core services are bound once each under TOKENS (dynamic values and
 * constants: no decorators, no reflection); every plugin under the token of its kind, in load
 * order, and the registry takes them all (a later one replacing an earlier one of the same kind
 * and name). Container plugins are loaded last, in plugin order, so they can `rebind` any of it.
 */
export function createContainer(input: ContainerInput): Container {
  const container = new Container();
  container.bind<PipelineSettings>(TOKENS.settings).toConstantValue({ ...defaultSettings(), ...input.settings });
  container
    .bind<PluginRegistry>(TOKENS.registry)
    .toDynamicValue((context) => new PluginRegistry(KIND_TOKENS.flatMap((token) => context.getAll<PluginEntry>(token))))
    .inSingletonScope();
  const registry = (context: ResolutionContext) => context.get<PluginRegistry>(TOKENS.registry);
  const settings = (context: ResolutionContext) => context.get<PipelineSettings>(TOKENS.settings);
  container.bind(TOKENS.specLoader).toConstantValue(fileSpecLoader);
  container.bind(TOKENS.analysis).toDynamicValue((context) => createAnalysisRunner({ registry: registry(context), settings: settings(context) })).inSingletonScope();
  container.bind(TOKENS.strategyRouting).toDynamicValue((context) => createStrategyRouting({ registry: registry(context), settings: settings(context) })).inSingletonScope();
  container.bind(TOKENS.requestData).toDynamicValue((context) => createRequestDataBuilder(settings(context))).inSingletonScope();
  container.bind(TOKENS.authPlanner).toConstantValue(defaultAuthPlanner);
  // PLAN.md and plan.json come from the registered plan renderer; the built-in one when a
  // container was made without the built-in plugins.
  container.bind(TOKENS.planWriter).toDynamicValue((context) => createPlanWriter({ planRenderer: () => registry(context).planRenderer() ?? planRenderer })).inSingletonScope();
  container.bind(TOKENS.outputWriter).toConstantValue(folderOutputWriter);
  container
    .bind<Pipeline>(TOKENS.pipeline)
    .toDynamicValue(
      (context) =>
        new Pipeline({
          registry: registry(context),
          settings: settings(context),
          specLoader: context.get(TOKENS.specLoader),
          analysis: context.get(TOKENS.analysis),
          routing: context.get(TOKENS.strategyRouting),
          requestData: context.get(TOKENS.requestData),
          authPlanner: context.get(TOKENS.authPlanner),
          planWriter: context.get(TOKENS.planWriter),
        }),
    )
    .inSingletonScope();
  // A container plugin registered again under its name is loaded once, in the first one's place.
  const modules = new Map<string, ContainerPlugin>();
  for (const entry of input.plugins) {
    container.bind<PluginEntry>(PLUGIN_TOKENS[entry.plugin.kind]).toConstantValue(entry);
    if (entry.plugin.kind === 'container') modules.set(entry.plugin.name, entry.plugin);
  }
  for (const plugin of modules.values()) container.load(containerModule(plugin));
  return container;
}

function containerModule(plugin: ContainerPlugin): ContainerModule {
  return new ContainerModule((options) => {
    let result: unknown;
    try {
      result = plugin.load(options);
    } catch (error) {
      throw new PerfplanError('plugin/container-failed', `Container module "${plugin.name}" failed to load: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
        fix: 'Run with PERFPLAN_DEBUG=1 for the stack trace, and report it to the plugin\'s author.',
      });
    }
    if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
      throw new PerfplanError('plugin/container-async', `Container module "${plugin.name}" returned a promise from load(); perfplan loads container modules synchronously.`, {
        fix: 'Make load() synchronous: use rebind() and bind() (not rebindAsync), and create anything asynchronous inside the service itself.',
      });
    }
  });
}

/** Typed getters for what commands, the library and tests take from a container. */
export function pipelineOf(container: Container): Pipeline {
  return container.get<Pipeline>(TOKENS.pipeline);
}

export function registryOf(container: Container): PluginRegistry {
  return container.get<PluginRegistry>(TOKENS.registry);
}
