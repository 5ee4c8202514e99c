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
 * Validates the generated files and turns them into the full, sorted list of files
 * of the output folder, the marker included. Throws PerfplanError (exit code 1: the
 * files come from renderers) for unsafe paths, duplicates, case collisions, a file
 * that is also a folder, non-string contents, and the reserved marker name.
 */
export function prepareOutputFiles(files: readonly OutputFile[]): PreparedFile[] {
  const byPath = new Map<string, PreparedFile>();
  for (const file of files) {
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
    const earlier = byPath.get(filePath);
    if (earlier !== undefined) {
      const who = earlier.producer === producer ? `renderer "${producer}" twice` : `both renderer "${earlier.producer}" and renderer "${producer}"`;
      throw new PerfplanError('output/duplicate-path', `The output file ${filePath} was produced by ${who}.`, {
        file: filePath,
        exitCode: ExitCode.failed,
        fix: 'Give each renderer its own folder in the output (or its own file names), or disable one of them.',
      });
    }
    byPath.set(filePath, { path: filePath, data: Buffer.from(file.contents, 'utf8'), producer });
  }
  const paths = [...byPath.keys()].sort();
  assertNoFileFolderConflict(paths, byPath);
  assertNoCaseCollision([...paths, OUTPUT_MARKER], byPath);

  const marker: PreparedFile = { path: OUTPUT_MARKER, data: Buffer.from(formatMarker(paths), 'utf8'), producer: 'perfplan' };
  return [marker, ...paths.map((p) => byPath.get(p)!)].sort((a, b) => compareStrings(a.path, b.path));
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function producerOf(byPath: Map<string, PreparedFile>, filePath: string): string {
  return byPath.get(filePath)?.producer ?? 'perfplan';
}

/** `a` as a file and `a/b.js` would need `a` to be both a file and a folder. */
function assertNoFileFolderConflict(sortedPaths: string[], byPath: Map<string, PreparedFile>): void {
  const all = new Set(sortedPaths);
  for (const filePath of sortedPaths) {
    const segments = filePath.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (all.has(folder)) {
        throw new PerfplanError(
          'output/path-conflict',
          `The output path ${folder} is a file (from renderer "${producerOf(byPath, folder)}") and also the folder of ${filePath} (from renderer "${producerOf(byPath, filePath)}").`,
          { file: folder, exitCode: ExitCode.failed, fix: 'Rename one of the two files in its renderer.' },
        );
      }
    }
  }
}

function assertNoCaseCollision(paths: string[], byPath: Map<string, PreparedFile>): void {
  const collisions = findCaseCollisions(paths);
  if (collisions.length === 0) return;
  const [a, b] = collisions[0];
  const more = collisions.length > 1 ? ` (and ${collisions.length - 1} more such pair${collisions.length > 2 ? 's' : ''})` : '';
  throw new PerfplanError(
    'output/case-collision',
    `The output paths ${a} (from renderer "${producerOf(byPath, a)}") and ${b} (from renderer "${producerOf(byPath, b)}") differ only in upper/lower case${more}; on macOS and Windows they would overwrite each other.`,
    { file: b, exitCode: ExitCode.failed, fix: 'Make the names differ by more than case in the renderers.' },
  );
}
