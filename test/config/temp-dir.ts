import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];

/** A fresh folder under the OS temp dir, removed by removeTempDirs(). */
export function makeTempDir(prefix = 'perfplan-config-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

/** Writes `{ 'relative/path': contents }` under `dir`, creating folders; objects are written as JSON. */
export function writeFiles(dir: string, files: Record<string, string | object>): void {
  for (const [relative, contents] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof contents === 'string' ? contents : `${JSON.stringify(contents, null, 2)}\n`);
  }
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs `fn` and returns what it threw (failing the test when it does not throw). */
export async function caught(fn: () => unknown): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected an error, but none was thrown');
}

/** Source of a minimal valid renderer plugin object as an ES module expression. */
export function rendererSource(name: string): string {
  return `{ kind: 'renderer', name: ${JSON.stringify(name)}, render: () => [] }`;
}
