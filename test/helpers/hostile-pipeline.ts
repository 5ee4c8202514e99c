import fs from 'node:fs';
import path from 'node:path';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { loadPluginModule } from '../../src/config/index.js';
import { FIRST_PARTY_RENDERERS, createContainer, firstPartyModule, firstPartySource, pipelineOf } from '../../src/di/index.js';
import { type Pipeline, defaultSettings, type OutputFile, type PipelineSettings, type PluginEntry } from '../../src/pipeline/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { PROJECT_ROOT } from './paths.js';

export interface HostilePipeline {
  pipeline: Pipeline;
  /** First-party renderers that loaded. */
  renderers: string[];
  /** First-party renderers that could not be loaded (not built yet), with why. */
  missing: Array<{ name: string; reason: string }>;
}

/**
 * The real pipeline in this process (built-in analyzers and strategies, every first-party
 * renderer that is built), as collectPlugins assembles it, but a renderer that is still being
 * written is listed in `missing` instead of failing the whole run. Small loads by default so
 * generated scripts stay small.
 */
export async function hostilePipeline(settings: Partial<PipelineSettings> = {}): Promise<HostilePipeline> {
  const entries: PluginEntry[] = [];
  for (const plugin of [...builtinAnalyzers, ...builtinProfileStrategies]) entries.push({ plugin, source: 'built-in' });
  const renderers: string[] = [];
  const missing: HostilePipeline['missing'] = [];
  for (const name of FIRST_PARTY_RENDERERS) {
    const file = firstPartyModule(name);
    if (!fs.existsSync(file)) {
      missing.push({ name, reason: `${path.relative(PROJECT_ROOT, file)} does not exist` });
      continue;
    }
    try {
      const loaded = await loadPluginModule({ specifier: file, fromDir: PROJECT_ROOT });
      for (const plugin of loaded.plugins) entries.push({ plugin, source: firstPartySource(name) });
      renderers.push(name);
    } catch (error) {
      missing.push({ name, reason: (error as Error).message.split('\n')[0] });
    }
  }
  const pipeline = pipelineOf(createContainer({ plugins: entries, settings: {
    ...defaultSettings(),
    overrides: { virtualUsers: 1, durationSeconds: 5 },
    ...settings,
  } }));
  return { pipeline, renderers, missing };
}

/** `without(name)`: the same pipeline minus one renderer (made once per name). */
export function pipelinesWithout(host: HostilePipeline, settings: Partial<PipelineSettings> = {}): (renderer: string) => Promise<Pipeline> {
  const made = new Map<string, Promise<Pipeline>>();
  return (renderer) => {
    let pipeline = made.get(renderer);
    if (pipeline === undefined) {
      pipeline = hostilePipeline({ ...settings, engines: host.renderers.filter((name) => name !== renderer) }).then((other) => other.pipeline);
      made.set(renderer, pipeline);
    }
    return pipeline;
  };
}

/** Prints once which renderers a suite runs without, so a skipped engine is never silent. */
export function announceMissing(missing: HostilePipeline['missing']): void {
  for (const { name, reason } of missing) console.log(`    (renderer ${name} not loaded, its outputs are not checked: ${reason})`);
}

/** Writes files under `dir` exactly as named (paths were already checked by the pipeline). */
export function writeFiles(dir: string, files: readonly Pick<OutputFile, 'path' | 'contents'>[]): string[] {
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.contents);
    written.push(target);
  }
  return written;
}
