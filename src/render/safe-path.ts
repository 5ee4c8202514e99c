import { ExitCode, PerfplanError } from '../errors/index.js';

/** Longest file or folder name most filesystems accept (ext4, NTFS, APFS: 255). */
const MAX_SEGMENT_BYTES = 255;

/** Characters Windows refuses in a file name; the backslash is also its separator. */
const WINDOWS_INVALID_CHARS = /[<>:"|?*\\]/;

/** In a `u` regex a surrogate only matches when it is not half of a pair. */
const LONE_SURROGATE = /\p{Cs}/u;

/** C0 controls, DEL and C1 controls: invisible in listings and refused by Windows. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Device names Windows reserves in every folder, whatever the extension
 * (`CON`, `con.txt`, `COM1.js`, also the superscript-digit forms).
 */
const WINDOWS_RESERVED_NAME = /^(con|prn|aux|nul|conin\$|conout\$|com[1-9\u00b9\u00b2\u00b3]|lpt[1-9\u00b9\u00b2\u00b3])(\..*)?$/i;

/**
 * Why `relPath` is not a safe relative file path, or undefined when it is.
 * Safe means: relative, forward slashes only, every segment a name that Linux, macOS
 * and Windows all accept, and no way to leave the folder it is resolved against.
 */
export function unsafePathReason(relPath: unknown): string | undefined {
  if (typeof relPath !== 'string') return `it is a ${relPath === null ? 'null' : typeof relPath}, not a string`;
  if (relPath.length === 0) return 'it is empty';
  if (LONE_SURROGATE.test(relPath)) return 'it contains an unpaired UTF-16 surrogate';
  if (CONTROL_CHARS.test(relPath)) return 'it contains a control character (NUL, newline, tab, ...)';
  if (relPath.startsWith('/')) return 'it is absolute; paths must be relative';
  if (/^[A-Za-z]:/.test(relPath)) return 'it starts with a Windows drive letter; paths must be relative';
  if (relPath.includes('\\')) return 'it contains a backslash; use forward slashes between folders';
  for (const segment of relPath.split('/')) {
    const reason = unsafeSegmentReason(segment);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function unsafeSegmentReason(segment: string): string | undefined {
  if (segment === '') return 'it has an empty segment (leading, trailing or doubled "/")';
  if (segment === '..') return 'it has a ".." segment, which points outside the folder';
  if (segment === '.') return 'it has a "." segment';
  const bad = WINDOWS_INVALID_CHARS.exec(segment);
  if (bad) return `segment "${segment}" contains "${bad[0]}", which Windows does not allow in names`;
  if (WINDOWS_RESERVED_NAME.test(segment)) return `segment "${segment}" is a device name Windows reserves`;
  if (/[. ]$/.test(segment)) return `segment "${segment}" ends with a dot or a space, which Windows drops`;
  if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES) {
    return `segment "${segment.slice(0, 40)}..." is longer than ${MAX_SEGMENT_BYTES} bytes`;
  }
  return undefined;
}

/**
 * The canonical form of a safe relative path: Unicode NFC (so macOS, which stores
 * decomposed names, and Linux agree on one spelling), forward slashes.
 */
export function normalizeRelativePath(relPath: string): string {
  return relPath.normalize('NFC');
}

/**
 * Checks a generated file's path and returns its canonical form; throws
 * PerfplanError 'output/unsafe-path' (exit code 1: a renderer bug) naming the
 * renderer and the path otherwise.
 */
export function assertSafeOutputPath(relPath: string, rendererName: string): string {
  const normalized = typeof relPath === 'string' ? normalizeRelativePath(relPath) : relPath;
  const reason = unsafePathReason(normalized);
  if (reason !== undefined) {
    const shown = typeof relPath === 'string' ? JSON.stringify(relPath) : String(relPath);
    throw new PerfplanError(
      'output/unsafe-path',
      `Renderer "${rendererName}" produced the output path ${shown}, which is unsafe: ${reason}.`,
      {
        file: typeof relPath === 'string' ? relPath : undefined,
        exitCode: ExitCode.failed,
        fix: `Fix renderer "${rendererName}" so that it returns relative paths made of portable names (letters, digits, "-", "_", "."), separated by "/".`,
      },
    );
  }
  return normalized;
}

/** The key two paths share when a case-insensitive filesystem would treat them as one. */
function caseFoldKey(relPath: string): string {
  return relPath.normalize('NFC').toLowerCase();
}

/**
 * Pairs of paths that name the same file or folder on a case-insensitive filesystem
 * (macOS, Windows) but differ in spelling: `README.md`/`readme.md`, and also
 * `Docs/a.md`/`docs/b.md` (their folders collide). Each pair is sorted, pairs sorted;
 * paths identical after NFC are duplicates, not case collisions, and are not reported.
 */
export function findCaseCollisions(paths: readonly string[]): Array<[string, string]> {
  const unique = [...new Set(paths.map((p) => p.normalize('NFC')))].sort();
  // For every folder prefix and full path: first spelling seen, and the path it came from.
  const spellings = new Map<string, { spelling: string; path: string }>();
  const pairs = new Map<string, [string, string]>();
  for (const path of unique) {
    const segments = path.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const spelling = segments.slice(0, i).join('/');
      const key = caseFoldKey(spelling);
      const seen = spellings.get(key);
      if (seen === undefined) {
        spellings.set(key, { spelling, path });
      } else if (seen.spelling !== spelling) {
        const pair = [seen.path, path].sort() as [string, string];
        pairs.set(pair.join('\u0000'), pair);
        break;
      }
    }
  }
  return [...pairs.keys()].sort().map((key) => pairs.get(key)!);
}
