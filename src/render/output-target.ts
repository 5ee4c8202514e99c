import os from 'node:os';
import path from 'node:path';
import { ExitCode, PerfplanError } from '../errors/index.js';
import { errorCode, lstatOrUndefined, type OutputFs } from './output-fs.js';
import { OUTPUT_MARKER, readMarker, type MarkerState } from './output-marker.js';

/** Files the OS drops into folders on its own; they never make a folder "not ours". */
const OS_CLUTTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/** What is at the output folder's place now. */
export type OutputTarget =
  | { exists: false; dir: string }
  /** `files`: every file in the folder, listed only when it has a marker. */
  | { exists: true; dir: string; empty: boolean; marker: MarkerState; files: string[] };

/**
 * The real folder to write: the output path itself, or the folder a symlink there
 * points to (the symlink stays; the folder behind it is replaced).
 */
export async function resolveOutputDir(fs: OutputFs, outDir: string): Promise<string> {
  const stats = await lstatOrUndefined(fs, outDir);
  if (stats === undefined || !stats.isSymbolicLink()) return outDir;
  try {
    return await fs.realpath(outDir);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    // The link's target is missing (perhaps an interrupted run moved it aside): use where it points.
    return path.resolve(path.dirname(outDir), await fs.readlink(outDir));
  }
}

/**
 * Refuses output folders whose replacement would delete far more than generated
 * files: the filesystem root, the home folder, the current folder or one above it.
 */
export function assertDedicatedOutputDir(outDir: string, shownAs: string): void {
  const cwd = process.cwd();
  const relativeCwd = path.relative(outDir, cwd);
  const containsCwd = relativeCwd === '' || (!relativeCwd.startsWith('..') && !path.isAbsolute(relativeCwd));
  const why =
    outDir === path.parse(outDir).root ? 'the filesystem root'
    : outDir === os.homedir() ? 'your home folder'
    : containsCwd ? `the current folder or a folder above it (${cwd})`
    : undefined;
  if (why === undefined) return;
  throw new PerfplanError('output/unsafe-dir', `The output folder ${shownAs} is ${why}; perfplan replaces its output folder as a whole.`, {
    file: shownAs,
    exitCode: ExitCode.usage,
    fix: 'Pass a dedicated folder, e.g. --output perf-tests.',
  });
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Refuses an output folder that holds one of `inputs` (the spec, the config): replacing the
 * folder would delete them, and --force does not change that. Paths compare by real path
 * when they exist, so a symlinked folder on either side is seen through.
 */
export async function assertHoldsNoInput(fs: OutputFs, dir: string, inputs: ReadonlyArray<{ file: string; what: string }>, shownAs: string): Promise<void> {
  const realDir = await fs.realpath(dir).catch(() => dir);
  for (const input of inputs) {
    const file = path.resolve(input.file);
    const realFile = await fs.realpath(file).catch(() => file);
    if (!isInside(dir, file) && !isInside(realDir, realFile)) continue;
    throw new PerfplanError('output/holds-input', `The output folder ${shownAs} holds ${input.what} ${input.file}; perfplan replaces its output folder as a whole, which would delete it.`, {
      file: shownAs,
      exitCode: ExitCode.usage,
      fix: `Pass an output folder that does not contain ${input.what}, e.g. --output perf-tests beside it.`,
    });
  }
}

/** Looks at what is at `dir` without changing anything; throws 'output/is-a-file' for a non-folder. */
export async function inspectOutputDir(fs: OutputFs, dir: string, shownAs: string): Promise<OutputTarget> {
  const stats = await lstatOrUndefined(fs, dir);
  if (stats === undefined) return { exists: false, dir };
  if (!stats.isDirectory()) {
    throw new PerfplanError('output/is-a-file', `The output path ${shownAs} is a file, not a folder.`, {
      file: shownAs,
      exitCode: ExitCode.usage,
      fix: 'Pass a folder path with --output (it is created if missing), or move the file away.',
    });
  }
  const empty = (await fs.readdir(dir)).length === 0;
  const marker = await readMarker(fs, dir);
  // Without a marker nothing in the folder is ours; no need to walk a possibly huge tree.
  const files = marker.kind === 'absent' ? [] : await listFiles(fs, dir);
  return { exists: true, dir, empty, marker, files };
}

/**
 * Throws unless perfplan may replace the folder: it is missing or empty, or it has
 * perfplan's marker and holds only files the marker lists. `force` skips the check.
 */
export function assertReplaceable(target: OutputTarget, shownAs: string, force: boolean): void {
  if (!target.exists || target.empty || force) return;
  if (target.marker.kind === 'absent') {
    throw new PerfplanError(
      'output/not-ours',
      `The output folder ${shownAs} is not empty and was not written by perfplan (it has no ${OUTPUT_MARKER} file); perfplan would replace everything in it.`,
      { file: shownAs, exitCode: ExitCode.usage, fix: 'Pass another --output folder, or --force to replace this folder and everything in it.' },
    );
  }
  const known = new Set(target.marker.kind === 'valid' ? target.marker.files : []);
  const foreign = target.files.filter((file) => file !== OUTPUT_MARKER && !known.has(file) && !OS_CLUTTER.has(path.posix.basename(file)));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : '');
    throw new PerfplanError(
      'output/unknown-files',
      `The output folder ${shownAs} holds files perfplan did not write: ${shown}. Replacing the folder would delete them.`,
      { file: shownAs, exitCode: ExitCode.usage, fix: 'Move those files out of the folder, pass another --output folder, or pass --force to delete them.' },
    );
  }
}

/** Every non-folder entry under `dir` (files, symlinks, ...), relative with "/", sorted; symlinks are not followed. */
export async function listFiles(fs: OutputFs, dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string, prefix: string): Promise<void> => {
    for (const entry of await fs.readdir(folder)) {
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) await walk(path.join(folder, entry.name), relative);
      else found.push(relative.normalize('NFC'));
    }
  };
  await walk(dir, '');
  return found.sort();
}
