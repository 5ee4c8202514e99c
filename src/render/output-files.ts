import { ExitCode, PerfplanError } from '../errors/index.js';
import type { GeneratedFile } from '../plugin-api/types.js';
import { formatMarker, OUTPUT_MARKER } from './output-marker.js';
import { assertSafeOutputPath, findCaseCollisions } from './safe-path.js';

/** A generated file, optionally with the renderer (or other part) that produced it, for error messages. */
export type OutputFile = GeneratedFile & { producer?: string };

/** A file ready to write: canonical path, exact bytes. */
export interface PreparedFile {
  path: string;
  data: Buffer;
  producer: string;
}

const UNKNOWN_PRODUCER = 'unknown';

/**
 * Admits generated files one at a time, as a streaming write receives them. Throws
 * PerfplanError (exit code 1: the files come from renderers) for unsafe paths, duplicates,
 * a file that is also a folder, paths that differ only in case, non-string contents and the
 * reserved marker name, as each file arrives.
 */
export class OutputPathRegistry {
  private readonly producers = new Map<string, string>();
  /** Every folder some admitted file needs, with the file that needs it first. */
  private readonly folders = new Map<string, string>();

  admit(file: OutputFile): PreparedFile {
    const producer = file.producer ?? UNKNOWN_PRODUCER;
    const filePath = assertSafeOutputPath(file.path, producer);
    if (typeof file.contents !== 'string') {
      throw new PerfplanError('output/bad-contents', `Renderer "${producer}" returned ${filePath} with contents that are not a string.`, {
        file: filePath,
        exitCode: ExitCode.failed,
        fix: `Fix renderer "${producer}" so that every GeneratedFile has string contents.`,
      });
    }
    if (filePath.toLowerCase() === OUTPUT_MARKER) {
      throw new PerfplanError('output/reserved-path', `Renderer "${producer}" produced ${filePath}, a name perfplan reserves for its marker file.`, {
        file: filePath,
        exitCode: ExitCode.failed,
        fix: `Rename the file in renderer "${producer}".`,
      });
    }
    const earlier = this.producers.get(filePath);
    if (earlier !== undefined) {
      const who = earlier === producer ? `renderer "${producer}" twice` : `both renderer "${earlier}" and renderer "${producer}"`;
      throw new PerfplanError('output/duplicate-path', `The output file ${filePath} was produced by ${who}.`, {
        file: filePath,
        exitCode: ExitCode.failed,
        fix: 'Give each renderer its own folder in the output (or its own file names), or disable one of them.',
      });
    }
    const user = this.folders.get(filePath);
    if (user !== undefined) throw fileFolderConflict(filePath, producer, user, this.producers.get(user) ?? 'perfplan');
    const segments = filePath.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      const owner = this.producers.get(folder);
      if (owner !== undefined) throw fileFolderConflict(folder, owner, filePath, producer);
      if (!this.folders.has(folder)) this.folders.set(folder, filePath);
    }
    // Output folders hold a few dozen files: checking all of them again per file is cheap.
    assertNoCaseCollision([...this.producers.keys(), filePath, OUTPUT_MARKER], (other) => (other === filePath ? producer : (this.producers.get(other) ?? 'perfplan')));
    this.producers.set(filePath, producer);
    return { path: filePath, data: Buffer.from(file.contents, 'utf8'), producer };
  }

  /** The admitted paths, sorted. */
  paths(): string[] {
    return [...this.producers.keys()].sort(compareStrings);
  }

  /** The marker file listing every admitted path. */
  marker(): PreparedFile {
    return { path: OUTPUT_MARKER, data: Buffer.from(formatMarker(this.paths()), 'utf8'), producer: 'perfplan' };
  }
}

/**
 * Validates the generated files and turns them into the full, sorted list of files
 * of the output folder, the marker included (see OutputPathRegistry).
 */
export function prepareOutputFiles(files: readonly OutputFile[]): PreparedFile[] {
  const registry = new OutputPathRegistry();
  const prepared = files.map((file) => registry.admit(file));
  return [registry.marker(), ...prepared].sort((a, b) => compareStrings(a.path, b.path));
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fileFolderConflict(folder: string, folderProducer: string, filePath: string, fileProducer: string): PerfplanError {
  return new PerfplanError(
    'output/path-conflict',
    `The output path ${folder} is a file (from renderer "${folderProducer}") and also the folder of ${filePath} (from renderer "${fileProducer}").`,
    { file: folder, exitCode: ExitCode.failed, fix: 'Rename one of the two files in its renderer.' },
  );
}

function assertNoCaseCollision(paths: string[], producerOf: (filePath: string) => string): void {
  const collisions = findCaseCollisions(paths);
  if (collisions.length === 0) return;
  const [a, b] = collisions[0];
  const more = collisions.length > 1 ? ` (and ${collisions.length - 1} more such pair${collisions.length > 2 ? 's' : ''})` : '';
  throw new PerfplanError(
    'output/case-collision',
    `The output paths ${a} (from renderer "${producerOf(a)}") and ${b} (from renderer "${producerOf(b)}") differ only in upper/lower case${more}; on macOS and Windows they would overwrite each other.`,
    { file: b, exitCode: ExitCode.failed, fix: 'Make the names differ by more than case in the renderers.' },
  );
}
