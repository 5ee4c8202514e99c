import path from 'node:path';
import { ExitCode, isPerfplanError, PerfplanError } from '../errors/index.js';
import { compareWithDisk, type OutputDifferences } from './output-compare.js';
import { prepareOutputFiles, type OutputFile, type PreparedFile } from './output-files.js';
import { nodeOutputFs, type OutputFs } from './output-fs.js';
import { recoverInterruptedOutput, siblingPath } from './output-recovery.js';
import { assertDedicatedOutputDir, assertReplaceable, inspectOutputDir, resolveOutputDir } from './output-target.js';

export type { OutputDifferences } from './output-compare.js';
export type { OutputFile } from './output-files.js';

const FILE_MODE = 0o644;
const FOLDER_MODE = 0o755;

export interface WriteOutputOptions {
  /** The output folder (relative to the current folder or absolute). */
  outDir: string;
  files: readonly OutputFile[];
  /** Replace a folder perfplan did not write, or one holding files perfplan did not write. */
  force?: boolean;
  /** Write nothing; report the files a write would produce. */
  dryRun?: boolean;
  /** Write nothing; compare what a write would produce with the folder. Wins over dryRun. */
  check?: boolean;
  /** Filesystem operations to use instead of node:fs (tests inject failures). */
  fs?: Partial<OutputFs>;
}

export interface OutputFileSummary {
  path: string;
  bytes: number;
}

export interface WriteResult {
  mode: 'write' | 'dry-run' | 'check';
  /** The folder written (or that would be): absolute, behind a symlink if outDir is one. */
  outDir: string;
  /** Every file of the output, the `.perfplan` marker included, sorted by path. */
  files: OutputFileSummary[];
  /** An existing, non-empty folder was (write) or would be (dry-run, check) replaced. */
  replacesExisting: boolean;
  /** Check only: the folder holds exactly what a write would produce. */
  upToDate?: boolean;
  /** Check only. */
  differences?: OutputDifferences;
  /** What was cleaned up or restored from an earlier, interrupted run (write only). */
  recovered: string[];
  /** Problems that did not stop the write (e.g. the previous output could not be deleted). */
  warnings: string[];
}

/** Folders being written by this process: a second concurrent write of one folder is refused. */
const writesInProgress = new Set<string>();

/**
 * Writes the generated files as the complete content of `outDir`, replacing what was
 * there only once the new content is complete (see writeAndSwap). Validates all paths
 * first; refuses to replace folders perfplan did not write unless `force`.
 */
export async function writeOutput(options: WriteOutputOptions): Promise<WriteResult> {
  const fs: OutputFs = { ...nodeOutputFs, ...options.fs };
  const shownAs = options.outDir;
  const files = prepareOutputFiles(options.files);
  const summaries = files.map((file) => ({ path: file.path, bytes: file.data.length }));
  const requested = path.resolve(options.outDir);
  assertDedicatedOutputDir(requested, shownAs);
  const mode: WriteResult['mode'] = options.check ? 'check' : options.dryRun ? 'dry-run' : 'write';

  if (mode !== 'write') {
    const dir = await resolveOutputDir(fs, requested);
    assertDedicatedOutputDir(dir, shownAs);
    const target = await inspectOutputDir(fs, dir, shownAs);
    const result: WriteResult = { mode, outDir: dir, files: summaries, replacesExisting: target.exists && !target.empty, recovered: [], warnings: [] };
    if (mode === 'dry-run') {
      assertReplaceable(target, shownAs, options.force ?? false);
      return result;
    }
    const differences = await compareWithDisk(fs, target, files);
    const upToDate = differences.missing.length + differences.changed.length + differences.extra.length === 0;
    return { ...result, upToDate, differences };
  }

  const dir = await resolveOutputDir(fs, requested);
  assertDedicatedOutputDir(dir, shownAs);
  if (writesInProgress.has(dir)) {
    throw new PerfplanError('output/busy', `The output folder ${shownAs} is already being written by this process.`, {
      file: shownAs,
      exitCode: ExitCode.failed,
      fix: 'Wait for the first write to finish before starting another one to the same folder.',
    });
  }
  writesInProgress.add(dir);
  try {
    const recovered = await recoverInterruptedOutput(dir, fs);
    const target = await inspectOutputDir(fs, dir, shownAs);
    assertReplaceable(target, shownAs, options.force ?? false);
    const warnings = await writeAndSwap({ fs, dir, files, replaceExisting: target.exists, shownAs });
    return { mode, outDir: dir, files: summaries, replacesExisting: target.exists && !target.empty, recovered, warnings };
  } finally {
    writesInProgress.delete(dir);
  }
}

/**
 * 1. write everything into a fresh staging folder beside `dir` (same filesystem);
 * 2. rename `dir` aside, 3. rename staging to `dir`, 4. delete the old folder.
 * A failure in 1-3 restores `dir` and removes staging. If the process is killed,
 * `dir` holds the old or the new complete output, except between 2 and 3, where
 * the old one waits beside it and recoverInterruptedOutput (run by the next write)
 * moves it back.
 */
async function writeAndSwap(input: { fs: OutputFs; dir: string; files: PreparedFile[]; replaceExisting: boolean; shownAs: string }): Promise<string[]> {
  const { fs, dir, files, shownAs } = input;
  const staging = siblingPath(dir, 'tmp');
  const old = siblingPath(dir, 'old');
  await step(shownAs, path.dirname(dir), () => fs.mkdirp(path.dirname(dir)));
  try {
    await writeStaging(fs, staging, files);
  } catch (error) {
    await fs.rmTree(staging).catch(() => undefined);
    throw asWriteError(error, shownAs, staging);
  }

  let movedAside = false;
  try {
    if (input.replaceExisting) {
      await fs.rename(dir, old);
      movedAside = true;
    }
    await fs.rename(staging, dir);
  } catch (error) {
    const problems: string[] = [];
    if (movedAside) {
      await fs.rename(old, dir).catch((restoreError: unknown) => {
        problems.push(`the previous output could not be moved back and is kept at ${old} (${describe(restoreError)})`);
      });
    }
    await fs.rmTree(staging).catch(() => undefined);
    throw asWriteError(error, shownAs, dir, problems);
  }

  if (!movedAside) return [];
  try {
    await fs.rmTree(old);
    return [];
  } catch (error) {
    return [`The previous output could not be deleted and is left at ${old} (${describe(error)}); the next run deletes it.`];
  }
}

/** Folders first, parents before children; files in sorted order; both with fixed modes. */
async function writeStaging(fs: OutputFs, staging: string, files: readonly PreparedFile[]): Promise<void> {
  await fs.mkdir(staging, FOLDER_MODE);
  const stagingStats = await fs.lstat(staging);
  if (!stagingStats.isDirectory()) throw new Error(`${staging} is not a folder after creating it`);
  const folders = new Set<string>();
  for (const file of files) {
    const segments = file.path.split('/');
    for (let i = 1; i < segments.length; i++) folders.add(segments.slice(0, i).join('/'));
  }
  for (const folder of [...folders].sort()) {
    await fs.mkdir(path.join(staging, ...folder.split('/')), FOLDER_MODE);
  }
  for (const file of files) {
    await fs.writeNewFile(path.join(staging, ...file.path.split('/')), file.data, FILE_MODE);
  }
}

async function step(shownAs: string, where: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    throw asWriteError(error, shownAs, where);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function asWriteError(error: unknown, shownAs: string, where: string, problems: string[] = []): Error {
  if (isPerfplanError(error) && problems.length === 0) return error;
  const extra = problems.length > 0 ? ` In addition, ${problems.join('; ')}.` : ' The output folder was not changed.';
  return new PerfplanError('output/write-failed', `Could not write the output folder ${shownAs} (at ${where}): ${describe(error)}.${extra}`, {
    file: shownAs,
    exitCode: ExitCode.failed,
    fix: 'Check that the folder and its parent are writable and that the disk has free space, then run again.',
    cause: error,
  });
}
