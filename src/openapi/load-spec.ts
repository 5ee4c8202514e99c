import path from 'node:path';
import type { ApiModel, Diagnostic } from '../model/index.js';
import { BuildContext } from './build-context.js';
import { bundleExternalRefs } from './bundle-external.js';
import { DiagnosticSink, SpecDiagnosticCode } from './diagnostics.js';
import { buildOas3Model } from './oas3/build-model.js';
import { readRootSpec } from './read-root-spec.js';
import { collapseRefChains } from './ref-chains.js';
import { prepareFileRefs, type RefPolicy } from './ref-policy.js';
import { replaceLoneSurrogates } from './well-formed-text.js';
import { assertDocumentShape, resolveSpecLimits, type SpecLimits } from './spec-limits.js';
import { detectSpecVersion } from './spec-version.js';
import { buildSwagger2Model } from './swagger2/build-model.js';

export interface LoadSpecOptions {
  /** The spec file; with `document`, only a label and the folder relative `$ref`s resolve against. */
  file: string;
  /** An already parsed spec (the library entry takes one); it is copied, never changed. */
  document?: unknown;
  /** allow $refs to files outside the spec's folder tree */
  allowExternalFiles?: boolean;
  /** allow http(s) $refs */
  allowRemoteRefs?: boolean;
  /** Size, depth and alias limits; unset ones come from the environment (SPEC_LIMIT_ENV) or the defaults. */
  limits?: Partial<SpecLimits>;
}

export interface LoadedSpec {
  model: ApiModel;
  diagnostics: Diagnostic[];
}

/**
 * Reads a Swagger 2.0 / OpenAPI 3.0 / 3.1 spec (JSON or YAML, one file or many) into the ApiModel.
 * Throws PerfplanError only when there is no usable document (missing, unparsable, not OpenAPI,
 * unsupported version); every other problem is a diagnostic.
 */
export async function loadSpec(options: LoadSpecOptions): Promise<LoadedSpec> {
  const { file } = options;
  const absolutePath = path.resolve(file);
  const limits = resolveSpecLimits(options.limits);
  if (options.document !== undefined) assertDocumentShape({ file, document: options.document, limits });
  const parsed = options.document === undefined ? await readRootSpec(file, limits) : structuredClone(options.document);
  const version = detectSpecVersion(parsed, file);
  let document = parsed as Record<string, unknown>;

  const sink = new DiagnosticSink(file);
  const policy: RefPolicy = {
    rootDir: path.dirname(absolutePath),
    rootLabel: file,
    allowExternalFiles: options.allowExternalFiles === true,
    allowRemoteRefs: options.allowRemoteRefs === true,
    schemaIdsAllowed: version.kind === 'openapi-3.1',
    swagger2: version.kind === 'swagger-2.0',
    report: sink,
  };
  // Before the refs are looked at: a lone surrogate in a key breaks the bundler's URI handling.
  replaceLoneSurrogates(document, sink);
  const externalRefs = prepareFileRefs({ absolutePath, label: file, document }, policy);
  // The bundler walks the whole document: only pay for it when there is something to bundle.
  let filesRead: Diagnostic[] = [];
  if (externalRefs > 0) {
    collapseRefChains(document);
    const bundled = await bundleExternalRefs({ absolutePath, document, policy, limits });
    document = bundled.document;
    filesRead = bundled.filesRead.map(({ label, relativePath, bytes }) => ({
      code: SpecDiagnosticCode.externalFileRead,
      severity: 'info',
      message: `Read ${relativePath} (${bytes} bytes, relative to the spec's folder): a $ref of the spec refers to it.`,
      file: label,
      pointer: '#', // the whole document
    }));
  }

  const ctx = new BuildContext(document, version.kind, sink);
  const header = { specVersion: version.specVersion, sourceFile: file };
  const model = version.kind === 'swagger-2.0' ? buildSwagger2Model(ctx, header) : buildOas3Model(ctx, header);
  // The files read first (PLAN.md lists them apart from the problems), then the problems.
  return { model, diagnostics: [...filesRead, ...sink.diagnostics] };
}
