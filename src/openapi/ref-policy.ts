import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSink, SpecDiagnosticCode } from './diagnostics.js';
import { resolveLocalPointer } from './json-pointer.js';
import { dropLiteralRefs } from './literal-refs.js';
import { scanRefs, type FoundRef, type RefScan } from './ref-scan.js';
import { refusalForTarget } from './ref-target.js';

/** Marks a `$ref` perfplan refused or could not follow; the holder then reads as an empty object. */
export const UNRESOLVED_REF_KEY = 'x-perfplan-unresolved-ref';

export interface RefPolicy {
  /** Folder of the root spec: files outside it are refused unless allowExternalFiles. */
  rootDir: string;
  /** How diagnostics name the root spec (its file name); other files are named relative to its folder. */
  rootLabel: string;
  allowExternalFiles: boolean;
  allowRemoteRefs: boolean;
  /** True for OpenAPI 3.1, whose schemas may be referenced by `$id`. */
  schemaIdsAllowed: boolean;
  /** Swagger 2.0 documents (their `examples` maps hold literal values). */
  swagger2: boolean;
  report: DiagnosticSink;
}

export interface ScannedFile {
  /** Absolute path of the file the refs were found in. */
  absolutePath: string;
  /** How diagnostics name the file. */
  label: string;
  document: unknown;
  scan: RefScan;
}

export function isRemoteRef(ref: string): boolean {
  return /^https?:\/\//i.test(ref);
}

export function isInsideFolder(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Inside the folder by its path and, when it exists, by where it really is: a symlink inside
 * the spec folder that points outside it is outside.
 */
export function isReallyInsideFolder(folder: string, file: string): boolean {
  if (!isInsideFolder(folder, file)) return false;
  let realFile: string;
  try {
    realFile = fs.realpathSync(file);
  } catch {
    return true; // does not exist: reported as missing, nothing to read
  }
  let realFolder = folder;
  try {
    realFolder = fs.realpathSync(folder);
  } catch {
    // keep the folder as given
  }
  return isInsideFolder(realFolder, realFile);
}

/** The absolute path a relative or `file:` ref names, without its fragment. */
export function refTargetPath(fromFile: string, ref: string): string {
  const urlPart = ref.split('#')[0];
  if (urlPart.toLowerCase().startsWith('file:')) return fileURLToPath(urlPart);
  let decoded = urlPart;
  try {
    decoded = decodeURI(urlPart);
  } catch {
    // keep as written
  }
  return path.resolve(path.dirname(fromFile), decoded);
}

/** How a diagnostic's `file` names a file: relative to where the user's root spec path points. */
export function labelFor(policy: Pick<RefPolicy, 'rootDir' | 'rootLabel'>, absolutePath: string): string {
  return path.join(path.dirname(policy.rootLabel), path.relative(policy.rootDir, absolutePath));
}

/**
 * How a message names a file: relative to the root spec's folder, `/` separators (the root spec
 * by its file name), so that no message depends on where the spec is on this machine.
 */
export function messagePath(policy: Pick<RefPolicy, 'rootDir'>, absolutePath: string): string {
  const relative = path.relative(policy.rootDir, absolutePath);
  return path.isAbsolute(relative) ? path.basename(absolutePath) : relative.split(path.sep).join('/');
}

function neutralise(found: FoundRef): void {
  delete found.holder.$ref;
  found.holder[UNRESOLVED_REF_KEY] = found.ref;
}

/**
 * Applies the loader's ref rules to one file: refs perfplan will not or cannot follow are
 * reported and neutralised in place, so the bundler never sees them. Returns how many
 * external refs remain to be bundled.
 */
export function applyRefPolicy(file: ScannedFile, policy: RefPolicy): number {
  const localTargets = new Map<string, boolean>();
  let followable = 0;
  const refuse = (found: FoundRef, code: string, message: string, fix: string): void => {
    policy.report.report({ code, message, fix, pointer: found.pointer, file: file.label, severity: found.inExtension ? 'info' : 'warning' });
    neutralise(found);
  };

  for (const found of file.scan.refs) {
    const { ref } = found;
    if (ref.startsWith('#')) {
      let resolves = localTargets.get(ref);
      if (resolves === undefined) {
        resolves = resolveLocalPointer(file.document, ref) !== undefined;
        localTargets.set(ref, resolves);
      }
      if (!resolves) {
        refuse(found, SpecDiagnosticCode.refUnresolved, `$ref "${ref}" points to nothing in ${messagePath(policy, file.absolutePath)}; the referenced value is treated as empty.`, 'Fix the JSON pointer so it names an existing component.');
      }
      continue;
    }
    const urlPart = ref.split('#')[0];
    if (policy.schemaIdsAllowed && file.scan.schemaIds.has(urlPart)) {
      refuse(
        found,
        SpecDiagnosticCode.refSchemaId,
        `$ref "${ref}" names a schema by its \`$id\`/\`$anchor\`, which a JSON-pointer resolver cannot follow; the referenced schema is treated as unknown.`,
        'Use a JSON pointer instead, e.g. "#/components/schemas/<Name>/properties/<prop>".',
      );
      continue;
    }
    if (isRemoteRef(ref)) {
      if (!policy.allowRemoteRefs) {
        refuse(
          found,
          SpecDiagnosticCode.refRemoteRefused,
          `$ref "${ref}" is a remote URL; it was not fetched because allowRemoteRefs is off (the default, so that loading a spec stays offline and reproducible). The referenced value is treated as empty.`,
          'Download the file next to the spec and use a relative $ref, or set `allowRemoteRefs: true` in perfplan.config if you trust that server.',
        );
      } else {
        followable++;
      }
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(urlPart) && !urlPart.toLowerCase().startsWith('file:')) {
      refuse(found, SpecDiagnosticCode.refUnsupportedScheme, `$ref "${ref}" uses a URL scheme perfplan cannot read; the referenced value is treated as empty.`, 'Use a relative file path or a local JSON pointer.');
      continue;
    }
    const target = refTargetPath(file.absolutePath, ref);
    if (!policy.allowExternalFiles && !isReallyInsideFolder(policy.rootDir, target)) {
      refuse(
        found,
        SpecDiagnosticCode.refOutsideFolder,
        `$ref "${ref}" points to ${messagePath(policy, target)}${isInsideFolder(policy.rootDir, target) ? ' (a symbolic link to a file)' : ''}, outside the spec's folder; it was not read because the allowExternalRefs option is off (the default, so that a spec cannot make perfplan read arbitrary files; library: loadSpec's allowExternalFiles). The referenced value is treated as empty.`,
        'Move the referenced file into the spec folder tree, or set `allowExternalRefs: true` in perfplan.config if you trust the spec.',
      );
      continue;
    }
    const refusal = refusalForTarget(policy.rootDir, target);
    if (refusal !== undefined) {
      refuse(found, refusal.code, `$ref "${ref}" points to ${messagePath(policy, target)}, which is ${refusal.reason}. The referenced value is treated as empty.`, refusal.fix);
      continue;
    }
    if (!fs.existsSync(target)) {
      refuse(found, SpecDiagnosticCode.refFileNotFound, `$ref "${ref}" points to ${messagePath(policy, target)}, which does not exist; the referenced value is treated as empty.`, 'Fix the relative path of the $ref (it is relative to the file that contains it).');
      continue;
    }
    followable++;
  }
  return followable;
}

/**
 * Everything the loader does to one parsed file before the bundler sees it: `$ref`s inside
 * example/default/enum/const values are dropped with their values (see dropLiteralRefs), then
 * the ref rules apply. Returns how many external refs remain to be bundled.
 */
export function prepareFileRefs(file: Omit<ScannedFile, 'scan'>, policy: RefPolicy): number {
  const scan = scanRefs(file.document, { swagger2: policy.swagger2 });
  const location = file.label === policy.rootLabel ? '' : path.relative(policy.rootDir, file.absolutePath);
  dropLiteralRefs({ literals: scan.literalsWithRefs, file: file.label, location, report: policy.report });
  return applyRefPolicy({ ...file, scan }, policy);
}
