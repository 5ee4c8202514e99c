import path from 'node:path';
import { lstatOrUndefined, type OutputFs } from './output-fs.js';
import { unsafePathReason } from './safe-path.js';

/** The file perfplan puts in every output folder it writes, listing the files it wrote. */
export const OUTPUT_MARKER = '.perfplan';

export interface OutputMarker {
  generatedBy: 'perfplan';
  /** The files perfplan wrote, relative with "/", sorted; the marker itself is not listed. */
  files: string[];
}

/** The marker's bytes: sorted, no timestamps, so two runs with the same files write the same marker. */
export function formatMarker(files: readonly string[]): string {
  const marker: OutputMarker = { generatedBy: 'perfplan', files: [...files].sort() };
  return `${JSON.stringify(marker, null, 2)}\n`;
}

export type MarkerState =
  | { kind: 'absent' }
  /** A marker file we cannot read as ours: the folder is marked, but no file in it is known. */
  | { kind: 'unreadable' }
  | { kind: 'valid'; files: string[] };

/**
 * Reads `<folder>/.perfplan`. Listed paths that are not safe relative paths are
 * dropped, so a tampered marker cannot point outside the folder.
 */
export async function readMarker(fs: OutputFs, folder: string): Promise<MarkerState> {
  const markerPath = path.join(folder, OUTPUT_MARKER);
  const stats = await lstatOrUndefined(fs, markerPath);
  if (stats === undefined) return { kind: 'absent' };
  if (!stats.isFile()) return { kind: 'unreadable' };
  let parsed: unknown;
  try {
    parsed = JSON.parse((await fs.readFile(markerPath)).toString('utf8'));
  } catch {
    return { kind: 'unreadable' };
  }
  const candidate = parsed as Partial<OutputMarker> | null;
  if (candidate === null || typeof candidate !== 'object' || candidate.generatedBy !== 'perfplan' || !Array.isArray(candidate.files)) {
    return { kind: 'unreadable' };
  }
  const files = candidate.files.filter((file): file is string => unsafePathReason(file) === undefined);
  return { kind: 'valid', files: [...new Set(files)].sort() };
}
