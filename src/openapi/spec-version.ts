import { ExitCode, PerfplanError } from '../errors/index.js';
import type { SpecKind } from '../model/index.js';

export interface SpecVersion {
  kind: SpecKind;
  /** As written: `2.0`, `3.0.3`, `3.1.0`. */
  specVersion: string;
}

const SUPPORTED = 'Swagger 2.0, OpenAPI 3.0.x and OpenAPI 3.1.x';

/** Decides which parser reads the document; throws for non-OpenAPI input or an unsupported version. */
export function detectSpecVersion(document: unknown, file: string): SpecVersion {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw notOpenApi(file, 'its top level is not an object');
  }
  const root = document as Record<string, unknown>;
  if (root.openapi !== undefined) {
    const version = String(root.openapi);
    if (/^3\.0(\.\d+)?(-.+)?$/.test(version)) return { kind: 'openapi-3.0', specVersion: version };
    if (/^3\.1(\.\d+)?(-.+)?$/.test(version)) return { kind: 'openapi-3.1', specVersion: version };
    throw unsupported(file, '#/openapi', `openapi: ${version}`);
  }
  if (root.swagger !== undefined) {
    const version = String(root.swagger);
    if (version === '2.0' || version === '2') return { kind: 'swagger-2.0', specVersion: '2.0' };
    throw unsupported(file, '#/swagger', `swagger: ${version}`);
  }
  throw notOpenApi(file, 'it has no top-level `openapi` or `swagger` key');
}

function notOpenApi(file: string, why: string): PerfplanError {
  return new PerfplanError('spec/not-openapi', `${file} is not an OpenAPI or Swagger document: ${why}.`, {
    file,
    fix: `Point perfplan at the root OpenAPI document (${SUPPORTED}), the file with \`openapi: 3.x\` or \`swagger: "2.0"\` at the top.`,
    exitCode: ExitCode.failed,
  });
}

function unsupported(file: string, pointer: string, written: string): PerfplanError {
  return new PerfplanError('spec/unsupported-version', `${file} declares \`${written}\`, which perfplan does not support.`, {
    file,
    pointer,
    fix: `perfplan reads ${SUPPORTED}; convert the document (e.g. swagger2openapi for Swagger 1.x) or check the version field.`,
    exitCode: ExitCode.failed,
  });
}
