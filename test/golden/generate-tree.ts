import path from 'node:path';
import { mergeFlags, resolveConfig } from '../../src/config/index.js';
import { openContainer, pipelineOf } from '../../src/di/index.js';
import { prepareOutputFiles, type OutputFile } from '../../src/render/output-files.js';
import type { Tree } from './golden-tree.js';

/**
 * What `perfplan generate SPEC` writes when run in the spec's folder without a config, in memory:
 * the same composition root and pipeline as the CLI, and the same bytes (the `.perfplan` marker included).
 */
export async function generateTree(specFile: string): Promise<Tree> {
  const specDir = path.dirname(specFile);
  const config = mergeFlags(resolveConfig({ config: {}, rootDir: specDir }), { spec: specFile, cwd: specDir });
  const pipeline = pipelineOf(await openContainer(config));
  const files: OutputFile[] = [];
  await pipeline.generateInto({ specFile: config.spec! }, (file) => {
    files.push(file);
  });
  return new Map(prepareOutputFiles(files).map((file) => [file.path, file.data]));
}
