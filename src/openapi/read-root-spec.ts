import { ExitCode, PerfplanError } from '../errors/index.js';
import { parseSpecText } from './parse-text.js';
import { NotRegularFileError, readRegularFile } from './regular-file.js';
import { assertDocumentShape, assertSpecSize, DEFAULT_SPEC_LIMITS, tooDeep, type SpecLimits } from './spec-limits.js';

/**
 * Reads and parses the root spec file; throws PerfplanError for a missing, non-regular (FIFO,
 * device), unparsable or oversized file (see SpecLimits: size is checked before reading, nesting
 * and aliases after parsing).
 */
export async function readRootSpec(file: string, limits: SpecLimits = DEFAULT_SPEC_LIMITS): Promise<unknown> {
  let text: string;
  try {
    text = (await readRegularFile(file, (bytes) => assertSpecSize({ file, bytes, limits }))).toString('utf8');
  } catch (error) {
    if (error instanceof PerfplanError) throw error;
    if (error instanceof NotRegularFileError && !error.isFolder) {
      throw new PerfplanError('spec/not-regular-file', `Spec path ${file} is ${error.kind}, not a regular file; it was not read (reading it could block or never end).`, {
        file,
        fix: 'Give the path of the spec file itself (save a generated or piped spec to a file first).',
        exitCode: ExitCode.usage,
      });
    }
    const code = error instanceof NotRegularFileError ? 'EISDIR' : (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new PerfplanError('spec/not-found', `Spec file not found: ${file}`, {
        file,
        fix: 'Check the path (it is resolved from the current directory) or set `spec` in perfplan.config.',
        exitCode: ExitCode.usage,
        cause: error,
      });
    }
    if (code === 'EISDIR') {
      throw new PerfplanError('spec/not-found', `Spec path is a folder, not a file: ${file}`, {
        file,
        fix: 'Give the root spec file inside the folder, e.g. openapi.yaml.',
        exitCode: ExitCode.usage,
        cause: error,
      });
    }
    throw new PerfplanError('spec/unreadable', `Cannot read spec file ${file}: ${(error as Error).message}`, {
      file,
      fix: 'Check the file permissions.',
      exitCode: ExitCode.usage,
      cause: error,
    });
  }
  const parsed = parseSpecText(file, text, { maxDepth: limits.maxDepth });
  if (!parsed.ok && parsed.failure.tooDeep) throw tooDeep(file, limits, parsed.failure.line === undefined ? undefined : `line ${parsed.failure.line}`);
  if (!parsed.ok) {
    const { line, column, reason } = parsed.failure;
    const where = line === undefined ? '' : ` at line ${line}, column ${column}`;
    throw new PerfplanError('spec/parse-error', `Cannot parse ${file}${where}: ${reason}`, {
      file,
      fix: 'Fix the YAML/JSON syntax at that position (a YAML linter or `node -e "JSON.parse(...)"` shows the same spot).',
      exitCode: ExitCode.failed,
    });
  }
  assertDocumentShape({ file, document: parsed.value, limits });
  return parsed.value;
}
