import path from 'node:path';
import { ExitCode, isPerfplanError, PerfplanError } from '../errors/index.js';
import { compareStrings, OutputPathRegistry, type OutputFile, type PreparedFile } from './output-files.js';
import { lstatOrUndefined, nodeOutputFs, type OutputFs } from './output-fs.js';
import { recoverInterruptedOutput, siblingPath } from './output-recovery.js';
import { assertDedicatedOutputDir, assertHoldsNoInput, assertReplaceable, inspectOutputDir, resolveOutputDir, type OutputTarget } from './output-target.js';

const FILE_MODE = 0o644;
const FOLDER_MODE = 0o755;

export interface OpenOutputOptions {
  /** The output folder (relative to the current folder or absolute). */
  outDir: string;
  /** Replace a folder perfplan did not write, or one holding files perfplan did not write. */
  force?: boolean;
  /** Write nothing; report the files a write would produce. */
  dryRun?: boolean;
  /** Write nothing; compare what a write would produce with the folder. Wins over dryRun. */
  check?: boolean;
  /**
   * Files the output folder must not hold, such as the spec and the config (`what` names one
   * in the message): replacing the folder would delete them, so it is refused, even with force.
   */
  inputs?: ReadonlyArray<{ file: string; what: string }>;
  /** Filesystem operations to use instead of node:fs (tests inject failures). */
  fs?: Partial<OutputFs>;
}

/** How the output folder on disk differs from what a write would produce. */
export interface OutputDifferences {
  /** Files a write would create. */
  missing: string[];
  /** Files whose bytes differ (or that are not regular files). */
  changed: string[];
  /** Files the folder's marker lists, present on disk, that a write would delete. */
  extra: string[];
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
  /** What was cleaned up or restored from an earlier, interrupted run (write only; also OutputSession.recovered). */
  recovered: string[];
  /** Problems that did not stop the write (e.g. the previous output could not be deleted). */
  warnings: string[];
}

/**
 * An output folder being written file by file: `add` each generated file as soon as it exists
 * (so a large output is never all in memory), then `finish`, or `abort` on a failure.
 * Writing goes to a staging folder beside the output folder, which replaces it only in
 * `finish`, once complete (see swapIn): a failed or killed run leaves the previous output.
 */
export interface OutputSession {
  /** What opening the folder cleaned up or restored from an earlier, interrupted run, one line each. */
  readonly recovered: readonly string[];
  add(file: OutputFile): Promise<void>;
  finish(): Promise<WriteResult>;
  /** Forgets what was added; the output folder stays as it was. Safe to call more than once. */
  abort(): Promise<void>;
}

/** Folders being written by this process: a second concurrent write of one folder is refused. */
const writesInProgress = new Set<string>();

/**
 * Opens the output folder for a write (or a dry run, or a check): refuses a folder that is
 * not perfplan's unless `force`, recovers what an interrupted run left, creates the staging folder.
 */
export async function openOutput(options: OpenOutputOptions): Promise<OutputSession> {
  const fs: OutputFs = { ...nodeOutputFs, ...options.fs };
  const shownAs = options.outDir;
  const requested = path.resolve(options.outDir);
  assertDedicatedOutputDir(requested, shownAs);
  const dir = await resolveOutputDir(fs, requested);
  assertDedicatedOutputDir(dir, shownAs);
  await assertHoldsNoInput(fs, dir, options.inputs ?? [], shownAs);
  if (options.check) return checkSession(fs, await inspectOutputDir(fs, dir, shownAs));
  if (options.dryRun) {
    const target = await inspectOutputDir(fs, dir, shownAs);
    assertReplaceable(target, shownAs, options.force ?? false);
    return dryRunSession(target);
  }
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
    return await writeSession({ fs, dir, shownAs, target, recovered });
  } catch (error) {
    writesInProgress.delete(dir);
    throw error;
  }
}

function summary(file: PreparedFile): OutputFileSummary {
  return { path: file.path, bytes: file.data.length };
}

function sorted(files: OutputFileSummary[]): OutputFileSummary[] {
  return files.sort((a, b) => compareStrings(a.path, b.path));
}

function dryRunSession(target: OutputTarget): OutputSession {
  const registry = new OutputPathRegistry();
  const files: OutputFileSummary[] = [];
  return {
    recovered: [],
    async add(file) {
      files.push(summary(registry.admit(file)));
    },
    async finish() {
      files.push(summary(registry.marker()));
      return { mode: 'dry-run', outDir: target.dir, files: sorted(files), replacesExisting: target.exists && !target.empty, recovered: [], warnings: [] };
    },
    async abort() {},
  };
}

function checkSession(fs: OutputFs, target: OutputTarget): OutputSession {
  const registry = new OutputPathRegistry();
  const files: OutputFileSummary[] = [];
  const differences: OutputDifferences = { missing: [], changed: [], extra: [] };
  const compare = async (file: PreparedFile): Promise<void> => {
    files.push(summary(file));
    if (!target.exists) {
      differences.missing.push(file.path);
      return;
    }
    const onDisk = path.join(target.dir, ...file.path.split('/'));
    const stats = await lstatOrUndefined(fs, onDisk);
    if (stats === undefined) differences.missing.push(file.path);
    else if (!stats.isFile() || stats.size !== file.data.length || !(await fs.readFile(onDisk)).equals(file.data)) differences.changed.push(file.path);
  };
  return {
    recovered: [],
    async add(file) {
      await compare(registry.admit(file));
    },
    async finish() {
      await compare(registry.marker());
      if (target.exists && target.marker.kind === 'valid') {
        const wanted = new Set(files.map((file) => file.path));
        const present = new Set(target.files);
        differences.extra = target.marker.files.filter((file) => !wanted.has(file) && present.has(file));
      }
      differences.missing.sort(compareStrings);
      differences.changed.sort(compareStrings);
      const upToDate = differences.missing.length + differences.changed.length + differences.extra.length === 0;
      return { mode: 'check', outDir: target.dir, files: sorted(files), replacesExisting: target.exists && !target.empty, upToDate, differences, recovered: [], warnings: [] };
    },
    async abort() {},
  };
}

async function writeSession(input: { fs: OutputFs; dir: string; shownAs: string; target: OutputTarget; recovered: string[] }): Promise<OutputSession> {
  const { fs, dir, shownAs, target } = input;
  const staging = siblingPath(dir, 'tmp');
  const registry = new OutputPathRegistry();
  const files: OutputFileSummary[] = [];
  const folders = new Set<string>();
  let open = true;
  const close = async (): Promise<void> => {
    if (!open) return;
    open = false;
    await fs.rmTree(staging).catch(() => undefined);
    writesInProgress.delete(dir);
  };
  /** Writes into staging; any failure removes staging and leaves the output folder as it was. */
  const stage = async (file: PreparedFile): Promise<void> => {
    try {
      const segments = file.path.split('/');
      for (let i = 1; i < segments.length; i++) {
        const folder = segments.slice(0, i).join('/');
        if (folders.has(folder)) continue;
        await fs.mkdir(path.join(staging, ...folder.split('/')), FOLDER_MODE);
        folders.add(folder);
      }
      await fs.writeNewFile(path.join(staging, ...segments), file.data, FILE_MODE);
      files.push(summary(file));
    } catch (error) {
      await close();
      throw asWriteError(error, shownAs, staging);
    }
  };

  try {
    await fs.mkdirp(path.dirname(dir));
  } catch (error) {
    writesInProgress.delete(dir);
    throw asWriteError(error, shownAs, path.dirname(dir));
  }
  try {
    await fs.mkdir(staging, FOLDER_MODE);
    const stagingStats = await fs.lstat(staging);
    if (!stagingStats.isDirectory()) throw new Error(`${staging} is not a folder after creating it`);
  } catch (error) {
    await close();
    throw asWriteError(error, shownAs, staging);
  }

  // Writes run one after another while the caller renders the next file; the first failure
  // stops the session and is thrown by the next add() or by finish().
  let writing: Promise<void> = Promise.resolve();
  let failure: unknown;
  const assertUsable = (): void => {
    if (failure !== undefined) throw failure;
    if (!open) throw new Error('the output session is closed');
  };
  const queue = (file: PreparedFile): void => {
    writing = writing.then(() => (failure === undefined ? stage(file) : undefined)).catch((error: unknown) => {
      failure ??= error;
    });
  };

  return {
    recovered: input.recovered,
    async add(file) {
      assertUsable();
      let prepared: PreparedFile;
      try {
        prepared = registry.admit(file);
      } catch (error) {
        await writing;
        await close();
        throw error;
      }
      queue(prepared);
    },
    async finish() {
      assertUsable();
      queue(registry.marker());
      await writing;
      assertUsable();
      try {
        const warnings = await swapIn({ fs, dir, staging, replaceExisting: target.exists, shownAs });
        return { mode: 'write', outDir: dir, files: sorted(files), replacesExisting: target.exists && !target.empty, recovered: input.recovered, warnings };
      } finally {
        open = false;
        writesInProgress.delete(dir);
      }
    },
    async abort() {
      await writing;
      await close();
    },
  };
}

/**
 * With the complete new output in `staging` (beside `dir`, same filesystem):
 * 1. rename `dir` aside, 2. rename staging to `dir`, 3. delete the old folder.
 * A failure in 1-2 restores `dir` and removes staging. If the process is killed, `dir` holds
 * the old or the new complete output, except between 1 and 2, where the old one waits beside
 * it and recoverInterruptedOutput (run by the next write) moves it back.
 */
async function swapIn(input: { fs: OutputFs; dir: string; staging: string; replaceExisting: boolean; shownAs: string }): Promise<string[]> {
  const { fs, dir, staging, shownAs } = input;
  const old = siblingPath(dir, 'old');
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
