import fs from 'node:fs';
import fsp from 'node:fs/promises';

const FOLDER = 'a folder';

/** What a non-regular file is, for messages. */
export function fileKindOf(stats: fs.Stats): string {
  if (stats.isDirectory()) return FOLDER;
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

/** Thrown by readRegularFile for a folder, FIFO, device or socket; nothing was read. */
export class NotRegularFileError extends Error {
  constructor(
    readonly file: string,
    readonly kind: string,
  ) {
    super(`${file} is ${kind}, not a regular file; it was not read`);
    this.name = 'NotRegularFileError';
  }

  get isFolder(): boolean {
    return this.kind === FOLDER;
  }
}

/**
 * Reads a whole regular file. It is opened non-blocking and checked on the open descriptor
 * (no window between a check and the read), so a FIFO or a device such as /dev/urandom is refused
 * at once instead of blocking or never ending. `checkSize` sees the size before anything is read.
 */
export async function readRegularFile(file: string, checkSize: (bytes: number) => void): Promise<Buffer> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    // A Unix socket cannot be opened (ENXIO): say what it is.
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') throw new NotRegularFileError(file, fileKindOf(await fsp.stat(file)));
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new NotRegularFileError(file, fileKindOf(stats));
    checkSize(stats.size);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
