import { constants, type Dirent, type Stats } from 'node:fs';
import fsp from 'node:fs/promises';

/**
 * The filesystem operations the output writer uses. Tests swap single operations
 * for failing ones to prove that a failure at any step loses nothing.
 */
export interface OutputFs {
  lstat(path: string): Promise<Stats>;
  readlink(path: string): Promise<string>;
  realpath(path: string): Promise<string>;
  readdir(path: string): Promise<Dirent[]>;
  readFile(path: string): Promise<Buffer>;
  /** Creates one folder (its parent must exist) with exactly this mode. */
  mkdir(path: string, mode: number): Promise<void>;
  /** Creates the parent folders of the output folder, as many as are missing. */
  mkdirp(path: string): Promise<void>;
  /** Creates a new file with exactly this mode; fails if anything (even a symlink) is at `path`. */
  writeNewFile(path: string, data: Buffer, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Deletes a file or a folder tree; symlinks inside are removed, never followed. */
  rmTree(path: string): Promise<void>;
}

// O_NOFOLLOW does not exist on Windows; there O_EXCL alone refuses an existing name.
const CREATE_NEW_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export const nodeOutputFs: OutputFs = {
  lstat: (path) => fsp.lstat(path),
  readlink: (path) => fsp.readlink(path),
  realpath: (path) => fsp.realpath(path),
  readdir: (path) => fsp.readdir(path, { withFileTypes: true }),
  readFile: (path) => fsp.readFile(path),
  async mkdir(path, mode) {
    await fsp.mkdir(path, { mode });
    await fsp.chmod(path, mode); // mkdir's mode is filtered by the umask
  },
  async mkdirp(path) {
    await fsp.mkdir(path, { recursive: true });
  },
  async writeNewFile(path, data, mode) {
    const handle = await fsp.open(path, CREATE_NEW_FILE, mode);
    try {
      await handle.chmod(mode); // open's mode is filtered by the umask
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  rmTree: (path) => fsp.rm(path, { recursive: true, force: true, maxRetries: 3 }),
};

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

/** lstat that answers undefined for a path that does not exist (or whose parent is a file). */
export async function lstatOrUndefined(fs: OutputFs, path: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
