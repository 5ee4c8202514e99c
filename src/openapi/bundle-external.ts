import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { $RefParser, JSONParserErrorGroup, ResolverError, type FileInfo, type JSONParserError, type ParserOptions } from '@apidevtools/json-schema-ref-parser';
import type { Diagnostic } from '../model/index.js';
import { DiagnosticSink, SpecDiagnosticCode } from './diagnostics.js';
import { pointerOf } from './json-pointer.js';
import { collapseRefChains } from './ref-chains.js';
import { parseSpecText } from './parse-text.js';
import { isReallyInsideFolder, labelFor, messagePath, prepareFileRefs, UNRESOLVED_REF_KEY, type RefPolicy } from './ref-policy.js';
import { scanRefs } from './ref-scan.js';
import { refusalForTarget, SPEC_DOCUMENT_EXTENSIONS } from './ref-target.js';
import { NotRegularFileError, readRegularFile } from './regular-file.js';
import { assertDocumentShape, assertSpecSize, type SpecLimits } from './spec-limits.js';
import { replaceLoneSurrogates } from './well-formed-text.js';

export interface BundleInput {
  /** Absolute path of the root spec. */
  absolutePath: string;
  document: Record<string, unknown>;
  policy: RefPolicy;
  /** Every referenced file gets the root spec's size, depth and alias limits. */
  limits: SpecLimits;
}

function filePathOf(url: string): string {
  if (url.toLowerCase().startsWith('file:')) return fileURLToPath(url);
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** An external file the bundler read, for the info diagnostic that lists it. */
export interface FileRead {
  /** How diagnostics name the file. */
  label: string;
  /** Its path relative to the spec folder (the same on every machine). */
  relativePath: string;
  bytes: number;
}

export interface BundleResult {
  document: Record<string, unknown>;
  /** Every external file read, sorted by label (reads run concurrently: sorting keeps the output stable). */
  filesRead: FileRead[];
}

/**
 * Bundles external `$ref`s into the root document with json-schema-ref-parser, so every ref left
 * is a local pointer. Each external file gets the same rules as the root (prepareFileRefs: literal
 * refs dropped; outside-the-tree, remote, hidden, non-document and missing targets reported and
 * neutralised before the bundler follows them).
 */
export async function bundleExternalRefs(input: BundleInput): Promise<BundleResult> {
  const { policy } = input;
  const labelOf = (absolute: string): string => labelFor(policy, absolute);
  const filesRead: FileRead[] = [];
  // Files are parsed in the order their reads finish: their diagnostics are kept apart and added
  // sorted by file afterwards, so that the same spec always gives the same list.
  const diagnosticsByFile = new Map<string, Diagnostic[]>();

  const specParser = {
    name: 'openapi-spec',
    order: 1,
    allowEmpty: true,
    canParse: [...SPEC_DOCUMENT_EXTENSIONS],
    parse(file: FileInfo): unknown {
      const absolutePath = filePathOf(file.url);
      const text = Buffer.isBuffer(file.data) ? file.data.toString('utf8') : String(file.data);
      const parsed = parseSpecText(absolutePath, text, { maxDepth: input.limits.maxDepth });
      if (!parsed.ok) {
        const { line, column, reason } = parsed.failure;
        throw new Error(line === undefined ? reason : `line ${line}, column ${column}: ${reason}`);
      }
      assertDocumentShape({ file: messagePath(policy, absolutePath), document: parsed.value, limits: input.limits });
      const label = labelOf(absolutePath);
      const fileSink = new DiagnosticSink(label);
      replaceLoneSurrogates(parsed.value as Record<string, unknown>, fileSink);
      prepareFileRefs({ absolutePath, label, document: parsed.value }, { ...policy, report: fileSink });
      collapseRefChains(parsed.value);
      diagnosticsByFile.set(label, fileSink.diagnostics);
      return parsed.value;
    },
  };

  // Second guard: whatever reaches the bundler (a ref in a name map the scan skips, say) is read
  // only if the ref policy would allow it, and only as a regular file.
  const readGuarded = async (absolutePath: string): Promise<Buffer> => {
    const label = labelOf(absolutePath);
    // These messages become diagnostics: the file named relative to the spec's folder.
    const named = messagePath(policy, absolutePath);
    if (!policy.allowExternalFiles && !isReallyInsideFolder(policy.rootDir, absolutePath)) {
      throw new Error(`${named} is outside the spec's folder and the allowExternalRefs option is off`);
    }
    const refusal = refusalForTarget(policy.rootDir, absolutePath);
    if (refusal !== undefined) throw new Error(`${named} is ${refusal.reason} (${refusal.code})`);
    try {
      const data = await readRegularFile(absolutePath, (bytes) => assertSpecSize({ file: named, bytes, limits: input.limits }));
      filesRead.push({ label, relativePath: messagePath(policy, absolutePath), bytes: data.length });
      return data;
    } catch (error) {
      if (error instanceof NotRegularFileError) throw new Error(`${named} is ${error.kind}, not a regular file; it was not read (${SpecDiagnosticCode.refNotRegularFile})`);
      throw error;
    }
  };

  const guardedFileResolver = {
    name: 'file',
    order: 100,
    canRead: (file: FileInfo) => !/^[a-z][a-z0-9+.-]+:/i.test(file.url) || file.url.toLowerCase().startsWith('file:'),
    async read(file: FileInfo): Promise<Buffer> {
      try {
        return await readGuarded(filePathOf(file.url));
      } catch (error) {
        // The bundler keeps the message of its own error type only (any other becomes "Error reading file").
        throw new ResolverError(error instanceof Error ? error : new Error(String(error)), file.url);
      }
    },
  };

  const options: ParserOptions = {
    continueOnError: true,
    mutateInputSchema: true,
    // No text or binary parsers: a referenced file is a spec document or nothing, never a string.
    parse: { json: false, yaml: specParser, text: false, binary: false },
    resolve: { external: true, file: guardedFileResolver, http: policy.allowRemoteRefs },
  };
  const parser = new $RefParser();
  try {
    await parser.bundle(input.absolutePath, input.document, options);
  } catch (error) {
    if (!(error instanceof JSONParserErrorGroup)) throw error;
    const byPlace = (problem: JSONParserError): string => `${problem.source ?? ''}#${Array.isArray(problem.path) ? problem.path.join('/') : ''}`;
    for (const problem of [...error.errors].sort((a, b) => compareText(byPlace(a), byPlace(b)))) {
      const source = problem.source ? filePathOf(problem.source) : input.absolutePath;
      policy.report.report({
        code: SpecDiagnosticCode.externalFileError,
        message: `${withoutLocalPaths(problem.message, policy.rootDir)}; the referenced value is treated as empty.`,
        file: labelOf(source),
        pointer: Array.isArray(problem.path) && problem.path.length > 0 ? pointerOf(problem.path.map(String)) : undefined,
        fix: 'Fix the referenced file or the $ref that points to it.',
      });
    }
    neutraliseNonLocalRefs(parser.schema ?? input.document);
  }
  filesRead.sort((a, b) => compareText(a.label, b.label));
  for (const label of [...diagnosticsByFile.keys()].sort(compareText)) policy.report.diagnostics.push(...diagnosticsByFile.get(label)!);
  return { document: (parser.schema ?? input.document) as Record<string, unknown>, filesRead };
}

/** The bundler's own text names files by absolute path or file: URL: relative to the spec's folder instead. */
function withoutLocalPaths(message: string, rootDir: string): string {
  const folder = rootDir.endsWith(path.sep) ? rootDir : `${rootDir}${path.sep}`;
  const asUrl = pathToFileURL(folder).href;
  return message.split(asUrl).join('').split(folder).join('');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** After a bundle with errors, refs the bundler could not inline are left non-local: mark them. */
function neutraliseNonLocalRefs(document: unknown): void {
  for (const found of scanRefs(document).refs) {
    if (found.ref.startsWith('#')) continue;
    delete found.holder.$ref;
    found.holder[UNRESOLVED_REF_KEY] = found.ref;
  }
}
