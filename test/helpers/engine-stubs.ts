import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Stand-ins for the engines (and perfplan itself) that record their arguments and do nothing else. */
export const ENGINE_STUBS = ['k6', 'locust', 'jmeter', 'java', 'perfplan'];
const UNIT = '\u001f';
const RECORD = '\u001e';

/** Writes the stubs into `binDir`; each appends its name and arguments to `log`. */
export function installEngineStubs(binDir: string, log: string): void {
  fs.mkdirSync(binDir, { recursive: true });
  for (const name of ENGINE_STUBS) {
    const stub = path.join(binDir, name);
    fs.writeFileSync(stub, `#!/bin/sh\n{ printf '%s' '${name}'; for a in "$@"; do printf '\\037%s' "$a"; done; printf '\\036'; } >> '${log}'\n`);
    fs.chmodSync(stub, 0o755);
  }
}

/** Every call the stubs recorded: [name, ...arguments]. */
export function recordedCalls(log: string): string[][] {
  if (!fs.existsSync(log)) return [];
  return fs
    .readFileSync(log, 'utf8')
    .split(RECORD)
    .filter((record) => record !== '')
    .map((record) => record.split(UNIT));
}

/** Runs `command` with `sh -c` in `cwd`, the stubs first on PATH. */
export function runWithStubs(command: string, options: { cwd: string; binDir: string }): { status: number | null; stderr: string } {
  const result = spawnSync('sh', ['-c', command], { cwd: options.cwd, encoding: 'utf8', env: { ...process.env, PATH: `${options.binDir}:${process.env.PATH ?? ''}` } });
  return { status: result.status, stderr: result.stderr };
}

/** The body of every ```sh block of a Markdown text. */
export function shBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)\n```$/gm)].map((match) => match[1]!);
}
