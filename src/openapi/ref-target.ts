import fs from 'node:fs';
import path from 'node:path';
import { SpecDiagnosticCode } from './diagnostics.js';
import { fileKindOf } from './regular-file.js';

/** The only kinds of file a `$ref` may read: spec documents. */
export const SPEC_DOCUMENT_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml'];

export interface TargetRefusal {
  code: string;
  /** Completes "<file> is ..." */
  reason: string;
  fix: string;
}

/** The first segment of `file`'s path relative to `folder` that starts with a dot (`..` steps excepted). */
function hiddenSegment(folder: string, file: string): string | undefined {
  return path
    .relative(folder, file)
    .split(path.sep)
    .find((segment) => segment.startsWith('.') && segment !== '..');
}

function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function notSpecDocument(real: string | undefined): TargetRefusal {
  return {
    code: SpecDiagnosticCode.refNotSpecDocument,
    reason: `not a ${SPEC_DOCUMENT_EXTENSIONS.join(', ')} document${real === undefined ? '' : ` (it is a link to ${path.basename(real)})`}; a $ref may only read spec documents, so it was not read`,
    fix: `Give the referenced document a ${SPEC_DOCUMENT_EXTENSIONS.join(' / ')} name, or write the value inline.`,
  };
}

/**
 * Why a `$ref` may not read `target`, or undefined when it may (a missing file is left to the
 * caller). A referenced file must be a regular `.json`/`.yaml`/`.yml` document, and no segment of
 * its path below the spec folder may start with a dot: `.env`, `.npmrc` or `.secrets/x.yaml` hold
 * credentials, never spec documents. Both the path as written and, through symbolic links, the
 * real path are checked. Only stat and realpath are used: the file is never opened here.
 */
export function refusalForTarget(rootDir: string, target: string): TargetRefusal | undefined {
  const real = realPathOf(target);
  const realRoot = realPathOf(rootDir) ?? rootDir;
  const hidden = hiddenSegment(rootDir, target) ?? (real === undefined ? undefined : hiddenSegment(realRoot, real));
  if (hidden !== undefined) {
    return {
      code: SpecDiagnosticCode.refHiddenPath,
      reason: `a dot-file or inside a dot-folder ("${hidden}"${real !== undefined && hiddenSegment(rootDir, target) === undefined ? ', through a symbolic link' : ''}); such files hold credentials and settings, not spec documents, so it was not read`,
      fix: 'Keep referenced spec documents out of dot-files and dot-folders, or write the value inline.',
    };
  }
  if (!SPEC_DOCUMENT_EXTENSIONS.includes(path.extname(target).toLowerCase())) return notSpecDocument(undefined);
  if (real === undefined) return undefined;
  let stats: fs.Stats;
  try {
    stats = fs.statSync(real);
  } catch {
    return undefined;
  }
  if (!stats.isFile()) {
    return {
      code: SpecDiagnosticCode.refNotRegularFile,
      reason: `${fileKindOf(stats)}, not a regular file (reading it could block or never end), so it was not read`,
      fix: 'Point the $ref at a regular .json/.yaml file.',
    };
  }
  // A symbolic link with a document's name to a file without one.
  if (!SPEC_DOCUMENT_EXTENSIONS.includes(path.extname(real).toLowerCase())) return notSpecDocument(real);
  return undefined;
}
