import { Container } from 'inversify';
import { Pipeline, PluginRegistry, type PipelineSettings, type PluginEntry } from '../pipeline/index.js';
import { TOKENS } from './tokens.js';

/**
 * The one composition root: every plugin is bound under one token in load order, the
 * registry takes them all (a later one replacing an earlier one of the same kind and name),
 * and the pipeline gets the registry and settings.
 */
export function createContainer(input: { plugins: readonly PluginEntry[]; settings: PipelineSettings }): Container {
  const container = new Container();
  for (const entry of input.plugins) container.bind<PluginEntry>(TOKENS.PluginEntry).toConstantValue(entry);
  container.bind<PipelineSettings>(TOKENS.Settings).toConstantValue(input.settings);
  container
    .bind<PluginRegistry>(TOKENS.Registry)
    .toDynamicValue((context) => new PluginRegistry(context.getAll<PluginEntry>(TOKENS.PluginEntry)))
    .inSingletonScope();
  container
    .bind<Pipeline>(TOKENS.Pipeline)
    .toDynamicValue((context) => new Pipeline(context.get<PluginRegistry>(TOKENS.Registry), context.get<PipelineSettings>(TOKENS.Settings)))
    .inSingletonScope();
  return container;
}
