import type { Analyzer, ContainerPlugin, ProfileStrategy, Renderer } from './types.js';
import type { ResultReader } from './results.js';

// These helpers only give plugin authors type checking; a plugin is the plain object.

export function defineAnalyzer(analyzer: Omit<Analyzer, 'kind'> & { kind?: 'analyzer' }): Analyzer {
  return { ...analyzer, kind: 'analyzer' };
}

export function defineProfileStrategy(
  strategy: Omit<ProfileStrategy, 'kind'> & { kind?: 'profile' },
): ProfileStrategy {
  return { ...strategy, kind: 'profile' };
}

export function defineRenderer<Options = Record<string, unknown>>(
  renderer: Omit<Renderer<Options>, 'kind'> & { kind?: 'renderer' },
): Renderer<Options> {
  return { ...renderer, kind: 'renderer' };
}

/** A plugin that replaces core services through the container (see ContainerPlugin). */
export function defineContainerModule(module: Omit<ContainerPlugin, 'kind'> & { kind?: 'container' }): ContainerPlugin {
  return { ...module, kind: 'container' };
}

export function defineResultReader(reader: Omit<ResultReader, 'kind'> & { kind?: 'result-reader' }): ResultReader {
  return { ...reader, kind: 'result-reader' };
}
