import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExitCode, PerfplanError } from '../errors/index.js';
import type { ScaffoldFile } from './scaffold-files.js';

/**
 * Why `dir` cannot receive a new plugin package, or undefined when it can: the filesystem root
 * and the home folder never; a file never; a folder with anything in it only with `force` (and
 * then only the package's own files are overwritten, nothing is deleted).
 */
function targetProblem(dir: string, force: boolean): PerfplanError | undefined {
  const usage = (code: string, message: string, fix: string) => new PerfplanError(code, message, { file: dir, fix, exitCode: ExitCode.usage });
  if (path.parse(dir).root === dir || dir === os.homedir()) {
    return usage('scaffold/unsafe-dir', `Refusing to write a plugin package into ${dir}.`, 'Pass a folder of its own with -o, or leave -o out (./perfplan-plugin-NAME).');
  }
  if (!fs.existsSync(dir)) return undefined;
  if (!fs.statSync(dir).isDirectory()) return usage('scaffold/not-a-folder', `${dir} is a file, not a folder.`, 'Pass another folder with -o.');
  const entries = fs.readdirSync(dir);
  if (entries.length > 0 && !force) {
    const shown = entries.sort().slice(0, 5).join(', ');
    return usage(
      'scaffold/exists',
      `${dir} is not empty (${shown}${entries.length > 5 ? ', …' : ''}).`,
      'Pass another folder with -o, or --force to write the package\'s files into it (files of the same name are overwritten, others are kept).',
    );
  }
  return undefined;
}

/** Writes the files into `dir` (created when absent), after checking that it may. */
export function writeScaffold({ dir, files, force }: { dir: string; files: readonly ScaffoldFile[]; force: boolean }): void {
  const problem = targetProblem(dir, force);
  if (problem !== undefined) throw problem;
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.contents);
  }
}

/** The same check without writing, for --dry-run. */
export function checkScaffoldTarget({ dir, force }: { dir: string; force: boolean }): void {
  const problem = targetProblem(dir, force);
  if (problem !== undefined) throw problem;
}
