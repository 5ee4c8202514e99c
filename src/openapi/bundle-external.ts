import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { $RefParser, JSONParserErrorGroup, type FileInfo, type ParserOptions } from '@apidevtools/json-schema-ref-parser';
import { SpecDiagnosticCode } from './diagnostics.js';
import { pointerOf } from './json-pointer.js';
import { parseSpecText } from './parse-text.js';
import { applyRefPolicy, isReallyInsideFolder, labelFor, UNRESOLVED_REF_KEY, type RefPolicy } from './ref-policy.js';
import { scanRefs } from './ref-scan.js';
import { assertDocumentShape, assertSpecSize, type SpecLimits } from './spec-limits.js';

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

/**
 * Bundles external `$ref`s into the root document with json-schema-ref-parser, so every ref left
 * is a local pointer. Each external file gets the same ref policy as the root (outside-the-tree,
 * remote and missing targets are reported and neutralised before the bundler follows them).
 */
export async function bundleExternalRefs(input: BundleInput): Promise<Record<string, unknown>> {
  const { policy } = input;
  const labelOf = (absolute: string): string => labelFor(policy, absolute);

  const specParser = {
    name: 'openapi-spec',
    order: 1,
    allowEmpty: true,
    canParse: ['.yaml', '.yml', '.json'],
    parse(file: FileInfo): unknown {
      const absolutePath = filePathOf(file.url);
      const text = Buffer.isBuffer(file.data) ? file.data.toString('utf8') : String(file.data);
      const parsed = parseSpecText(absolutePath, text, { maxDepth: input.limits.maxDepth });
      if (!parsed.ok) {
        const { line, column, reason } = parsed.failure;
        throw new Error(line === undefined ? reason : `line ${line}, column ${column}: ${reason}`);
      }
      assertDocumentShape({ file: labelOf(absolutePath), document: parsed.value, limits: input.limits });
      applyRefPolicy({ absolutePath, label: labelOf(absolutePath), document: parsed.value, scan: scanRefs(parsed.value) }, policy);
      return parsed.value;
    },
  };

  // Second guard: refs in places the scan treats as literal data are still crawled by the bundler.
  const guardedFileResolver = {
    name: 'file',
    order: 100,
    canRead: (file: FileInfo) => !/^[a-z][a-z0-9+.-]+:/i.test(file.url) || file.url.toLowerCase().startsWith('file:'),
    async read(file: FileInfo): Promise<Buffer> {
      const absolutePath = filePathOf(file.url);
      if (!policy.allowExternalFiles && !isReallyInsideFolder(policy.rootDir, absolutePath)) {
        throw new Error(`${labelOf(absolutePath)} is outside the spec's folder and the allowExternalRefs option is off`);
      }
      const stats = await fs.stat(absolutePath);
      if (stats.isFile()) assertSpecSize({ file: labelOf(absolutePath), bytes: stats.size, limits: input.limits });
      return fs.readFile(absolutePath);
    },
  };

  const options: ParserOptions = {
    continueOnError: true,
    mutateInputSchema: true,
    parse: { json: false, yaml: specParser, text: true, binary: true },
    resolve: { external: true, file: guardedFileResolver, http: policy.allowRemoteRefs },
  };
  const parser = new $RefParser();
  try {
    await parser.bundle(input.absolutePath, input.document, options);
  } catch (error) {
    if (!(error instanceof JSONParserErrorGroup)) throw error;
    for (const problem of error.errors) {
      const source = problem.source ? filePathOf(problem.source) : input.absolutePath;
      policy.report.report({
        code: SpecDiagnosticCode.externalFileError,
        message: `${problem.message}; the referenced value is treated as empty.`,
        file: labelOf(source),
        pointer: Array.isArray(problem.path) && problem.path.length > 0 ? pointerOf(problem.path.map(String)) : undefined,
        fix: 'Fix the referenced file or the $ref that points to it.',
      });
    }
    neutraliseNonLocalRefs(parser.schema ?? input.document);
  }
  return (parser.schema ?? input.document) as Record<string, unknown>;
}

/** After a bundle with errors, refs the bundler could not inline are left non-local: mark them. */
function neutraliseNonLocalRefs(document: unknown): void {
  for (const found of scanRefs(document).refs) {
    if (found.ref.startsWith('#')) continue;
    delete found.holder.$ref;
    found.holder[UNRESOLVED_REF_KEY] = found.ref;
  }
}
