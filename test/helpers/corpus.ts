import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './paths.js';

/** The shared real-world spec corpus (`../shared/specs`), overridable with PERFPLAN_SPECS_DIR. */
export const CORPUS_DIR = process.env.PERFPLAN_SPECS_DIR ?? path.resolve(PROJECT_ROOT, '..', 'shared', 'specs');

export interface CorpusSpec {
  /** Name as in MANIFEST.md, e.g. `lob-1.22.0/` or `stripe-2023-08-16.yaml`. */
  name: string;
  /** Absolute path of the root spec file. */
  file: string;
  /** Operation count from the manifest (webhooks not included). */
  operations: number;
}

export function corpusAvailable(): boolean {
  return fs.existsSync(path.join(CORPUS_DIR, 'MANIFEST.md'));
}

/** Every spec listed in the corpus MANIFEST.md, with its documented operation count. */
export function corpusSpecs(): CorpusSpec[] {
  if (!corpusAvailable()) return [];
  const manifest = fs.readFileSync(path.join(CORPUS_DIR, 'MANIFEST.md'), 'utf8');
  const specs: CorpusSpec[] = [];
  for (const line of manifest.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 10 || !/^\d+/.test(cells[8] ?? '')) continue;
    const nameCell = cells[1];
    const name = nameCell.split(/\s/)[0];
    const rootMatch = /root `([^`]+)`/.exec(nameCell);
    const file = name.endsWith('/') ? path.join(CORPUS_DIR, name, rootMatch ? rootMatch[1] : 'openapi.yaml') : path.join(CORPUS_DIR, name);
    specs.push({ name, file, operations: Number.parseInt(cells[8], 10) });
  }
  return specs;
}

/** Call at the top of a corpus `describe`: says clearly why nothing runs when the corpus is absent. */
export function skipUnlessCorpus(context: Mocha.Context): void {
  if (!corpusAvailable()) {
    console.log(`    (corpus not found at ${CORPUS_DIR}: set PERFPLAN_SPECS_DIR or clone beside ../shared; skipped)`);
    context.skip();
  }
}
