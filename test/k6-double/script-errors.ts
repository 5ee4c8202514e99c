// Error text of the k6 TEST DOUBLE: an exception with its stack, and the file and line of a
// syntax error, which Node's ESM loader does not name.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Finds the first .js file under the script folder that does not parse, as `file:line: message`. */
export function locateSyntaxError(scriptDir: string): string | undefined {
  const files = (fs.readdirSync(scriptDir, { recursive: true }) as string[]).filter((name) => /\.m?js$/.test(name)).sort();
  for (const name of files) {
    const checked = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: fs.readFileSync(path.join(scriptDir, name)), encoding: 'utf8' });
    if (checked.status !== 0) {
      const lines = checked.stderr.split('\n');
      const line = /^\[stdin\]:(\d+)/.exec(lines[0] ?? '')?.[1];
      return `${name}${line === undefined ? '' : `:${line}`}: ${(lines[1] ?? '').trim()}`;
    }
  }
  return undefined;
}
