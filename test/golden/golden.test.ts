import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES_DIR, PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { generateTree } from './generate-tree.js';
import { compareTrees, describeDifferences, firstDifferenceExcerpt, hasDifferences, readTree, writeTree, type Tree } from './golden-tree.js';

// Golden trees: the whole output of `perfplan generate` (every engine, PLAN.md, plan.json, the
// marker) for a few specs, committed under test/golden/<name>/. Any change to the output shows up
// here and in the commit's diff. UPDATE_GOLDEN=1 rewrites the trees from the current code.

const GOLDEN_DIR = path.join(PROJECT_ROOT, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Golden tree name → the spec it is generated from. */
const GOLDEN_SPECS: Record<string, string> = {
  petstore: fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'),
  'link-example': fixtureSpec('oai-link-example-1.0.0.yaml'),
  'multi-file': path.join(FIXTURES_DIR, 'openapi', 'multi-file', 'openapi.yaml'),
};

function treeFolders(): string[] {
  return fs.readdirSync(GOLDEN_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

describe('golden trees: generate output byte for byte', function () {
  this.timeout(30_000);

  if (UPDATE) {
    before(() => {
      for (const name of treeFolders()) if (!(name in GOLDEN_SPECS)) fs.rmSync(path.join(GOLDEN_DIR, name), { recursive: true });
    });
  }

  for (const [name, spec] of Object.entries(GOLDEN_SPECS)) {
    it(`${name}: test/golden/${name}/ is exactly what generate writes for ${path.relative(PROJECT_ROOT, spec).split(path.sep).join('/')}`, async () => {
      const actual = await generateTree(spec);
      const folder = path.join(GOLDEN_DIR, name);
      if (UPDATE) writeTree(folder, actual);
      const expected = readTree(folder);
      const differences = compareTrees(expected, actual);
      if (hasDifferences(differences)) expect.fail(describeDifferences({ label: `test/golden/${name}`, expected, actual, differences }));
    });
  }

  it('every folder under test/golden/ is the tree of a listed spec (no stale trees)', () => {
    expect(treeFolders(), 'a folder under test/golden/ no spec in GOLDEN_SPECS generates: list its spec, or remove it (UPDATE_GOLDEN=1 does)').to.deep.equal(Object.keys(GOLDEN_SPECS).sort());
  });

  it('generating twice gives the same bytes', async () => {
    const spec = GOLDEN_SPECS['multi-file'];
    const first = await generateTree(spec);
    const second = await generateTree(spec);
    expect(hasDifferences(compareTrees(first, second))).to.equal(false);
  });
});

describe('golden trees: the comparison', () => {
  const tree = (files: Record<string, string>): Tree => new Map(Object.entries(files).map(([file, text]) => [file, Buffer.from(text, 'utf8')]));

  it('finds changed, missing and extra files, and names each with the tree\'s folder', () => {
    const expected = tree({ 'PLAN.md': '# Plan\n', 'k6/load.js': 'a\nb\nc\n', 'old.txt': 'x' });
    const actual = tree({ 'PLAN.md': '# Plan\n', 'k6/load.js': 'a\nB\nc\n', 'locust/locustfile.py': 'y' });
    const differences = compareTrees(expected, actual);
    expect(differences).to.deep.equal({ missing: ['locust/locustfile.py'], extra: ['old.txt'], changed: ['k6/load.js'] });
    const message = describeDifferences({ label: 'test/golden/x', expected, actual, differences });
    expect(message).to.contain('changed: test/golden/x/k6/load.js');
    expect(message).to.contain('missing: test/golden/x/locust/locustfile.py');
    expect(message).to.contain('extra:   test/golden/x/old.txt');
    expect(message).to.contain(['--- golden/k6/load.js', '+++ generated/k6/load.js', '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c'].join('\n'));
    expect(message).to.contain('UPDATE_GOLDEN=1');
  });

  it('identical trees have no differences', () => {
    expect(hasDifferences(compareTrees(tree({ a: '1', 'b/c': '2' }), tree({ 'b/c': '2', a: '1' })))).to.equal(false);
  });

  it('the excerpt shows a line-ending change, keeps a few lines of context and cuts a long change', () => {
    const crlf = firstDifferenceExcerpt({ file: 'f', expected: 'a\nb\n', actual: 'a\r\nb\n' });
    expect(crlf).to.contain('(only line endings differ)');
    expect(crlf).to.contain('+a\\r');
    const lines = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
    const long = firstDifferenceExcerpt({ file: 'f', expected: [...lines(10, 'same'), ...lines(40, 'old')].join('\n'), actual: [...lines(10, 'same'), ...lines(40, 'new')].join('\n') });
    expect(long).to.not.contain('same6');
    expect(long).to.contain(' same7\n same8\n same9\n-old0');
    expect(long).to.contain('-… (28 more lines)');
    expect(long).to.contain('+new11\n+… (28 more lines)');
  });

  it('a tree read back from disk equals the tree written, dot-files included', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-golden-'));
    try {
      const written = tree({ '.perfplan': '{}\n', 'PLAN.md': 'a\r\nb\n', 'jmeter/x/y.jmx': '<x/>' });
      writeTree(folder, written);
      expect(hasDifferences(compareTrees(readTree(folder), written))).to.equal(false);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
