import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { DATA_DIAGNOSTICS } from '../../src/data/diagnostics.js';
import { describeCode, ERROR_CATALOG } from '../../src/plugin-api/index.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

const CATALOG_FILE = path.join(PROJECT_ROOT, 'src', 'errors', 'catalog.ts');

/** Media types, a module name and "n/a" are the other `word/word` strings in the sources. */
const MEDIA_TYPE = /^(application|audio|font|image|message|model|multipart|text|video)\//;
const NOT_CODES = new Set(['n/a', 'perfplan/plugin']);
/** A code: `area/name` in single, double or back quotes (without interpolation). */
const CODE_LITERAL = /(['"`])([a-z][a-z0-9]*\/[a-z0-9]+(?:-[a-z0-9]+)*)\1/g;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every code-shaped string of perfplan's and the first-party plugins' sources, with where it is. */
function emittedCodes(): Map<string, string[]> {
  const roots = [path.join(PROJECT_ROOT, 'src'), ...fs.readdirSync(path.join(PROJECT_ROOT, 'plugins')).map((name) => path.join(PROJECT_ROOT, 'plugins', name, 'src'))];
  const found = new Map<string, string[]>();
  for (const file of roots.filter((root) => fs.existsSync(root)).flatMap(tsFiles)) {
    if (file === CATALOG_FILE) continue;
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        // Comments and module specifiers hold no code.
        if (/^\s*(\/\/|\/\*|\*)/.test(line)) return;
        if (/^\s*(import|export)\s.*\sfrom\s/.test(line) || /\bfrom\s+'/.test(line) || /\bimport\(/.test(line)) return;
        for (const match of line.matchAll(CODE_LITERAL)) {
          const code = match[2]!;
          if (MEDIA_TYPE.test(code) || NOT_CODES.has(code)) continue;
          found.set(code, [...(found.get(code) ?? []), `${path.relative(PROJECT_ROOT, file)}:${index + 1}`]);
        }
      });
  }
  return found;
}

describe('the error-code catalog', () => {
  const emitted = emittedCodes();

  it('finds the codes in the sources (the scan itself works)', () => {
    expect(emitted.size).to.be.greaterThan(100);
    expect(emitted.get('spec/not-found')?.[0]).to.match(/^src\/openapi\/read-root-spec\.ts:\d+$/);
    expect(emitted.has('k6/unknown-operation')).to.equal(true);
  });

  it('holds every code perfplan and its first-party plugins emit', () => {
    const missing = [...emitted].filter(([code]) => !Object.hasOwn(ERROR_CATALOG, code)).map(([code, where]) => `${code} (${where.join(', ')})`);
    expect(missing, 'codes emitted but not in src/errors/catalog.ts').to.deep.equal([]);
  });

  it('holds no code that nothing emits', () => {
    expect(Object.keys(ERROR_CATALOG).filter((code) => !emitted.has(code))).to.deep.equal([]);
  });

  it('gives every code a meaning and a fix, and is where the request-data fixes come from', () => {
    for (const [code, info] of Object.entries(ERROR_CATALOG)) {
      expect(info.meaning.trim(), code).to.match(/\.$/);
      expect(info.fix.trim(), code).to.match(/\.$/);
    }
    for (const entry of Object.values(DATA_DIAGNOSTICS)) expect(entry.fix).to.equal(describeCode(entry.code)?.fix);
    expect(describeCode('evaluate/unknown-engine')).to.include({ code: 'evaluate/unknown-engine' });
    expect(describeCode('acme/own-code')).to.equal(undefined);
    expect(describeCode('toString')).to.equal(undefined);
  });
});
