import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from './paths.js';

const K6_TYPES = path.join(PROJECT_ROOT, 'node_modules', '@types', 'k6');

/**
 * How generated k6 scripts are checked: as JavaScript with checkJs and strict, against
 * @types/k6 only (no DOM, no Node). `k6` and `k6/*` resolve to @types/k6 by absolute path,
 * so scripts in a temp folder outside the project are checked the same way.
 */
export const K6_COMPILER_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: true,
  noEmit: true,
  strict: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2020,
  lib: ['lib.es2020.d.ts'],
  types: ['k6'],
  typeRoots: [path.join(PROJECT_ROOT, 'node_modules', '@types')],
  paths: {
    k6: [path.join(K6_TYPES, 'index.d.ts')],
    'k6/*': [path.join(K6_TYPES, '*')],
  },
  skipLibCheck: true,
};

function jsFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...jsFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.js')) found.push(full);
  }
  return found.sort();
}

function describe(diagnostic: ts.Diagnostic, dir: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${path.relative(dir, diagnostic.file.fileName)}:${line + 1}:${character + 1} TS${diagnostic.code}: ${message}`;
}

/**
 * Type-checks every `.js` file under `dir` (one TypeScript program) and lists every
 * diagnostic: syntax errors first, then type errors. An empty list means k6 would load
 * the files and every k6 API is called as @types/k6 describes it.
 */
export function typecheckK6Files(dir: string): { files: number; diagnostics: string[] } {
  const files = jsFiles(dir);
  if (files.length === 0) return { files: 0, diagnostics: [] };
  const program = ts.createProgram({ rootNames: files, options: K6_COMPILER_OPTIONS });
  const checked = new Set(files.map((file) => path.resolve(file)));
  const missing = files.filter((file) => !program.getSourceFile(file));
  const syntax = program.getSourceFiles().filter((sourceFile) => checked.has(path.resolve(sourceFile.fileName))).flatMap((sourceFile) => program.getSyntacticDiagnostics(sourceFile));
  const rest = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics()];
  return {
    files: files.length,
    diagnostics: [...missing.map((file) => `${file}: not part of the program`), ...[...syntax, ...rest].map((diagnostic) => describe(diagnostic, dir))],
  };
}
