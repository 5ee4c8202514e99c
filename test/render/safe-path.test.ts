import { expect } from 'chai';
import { PerfplanError } from '../../src/errors/index.js';
import { assertSafeOutputPath, findCaseCollisions, unsafePathReason } from '../../src/render/safe-path.js';

const hostile: Array<[label: string, path: string, reasonPart: string]> = [
  ['empty', '', 'empty'],
  ['absolute posix', '/etc/passwd', 'absolute'],
  ['absolute root only', '/', 'absolute'],
  ['windows drive', 'C:/Windows/system.ini', 'drive letter'],
  ['windows drive relative', 'c:evil.txt', 'drive letter'],
  ['unc path', '\\\\server\\share\\x', 'backslash'],
  ['backslash separator', 'k6\\script.js', 'backslash'],
  ['backslash traversal', '..\\..\\x', 'backslash'],
  ['parent at start', '../x.js', '".."'],
  ['parent in middle', 'a/../../x.js', '".."'],
  ['parent at end', 'a/..', '".."'],
  ['dot segment', './a.js', '"."'],
  ['dot segment inside', 'a/./b.js', '"."'],
  ['double slash', 'a//b.js', 'empty segment'],
  ['trailing slash', 'a/', 'empty segment'],
  ['NUL byte', 'a\u0000.js', 'control character'],
  ['newline', 'a\nb.js', 'control character'],
  ['tab', 'a\tb.js', 'control character'],
  ['DEL', 'a\u007f.js', 'control character'],
  ['C1 control', 'a\u0085.js', 'control character'],
  ['reserved CON', 'CON', 'device name'],
  ['reserved con with extension', 'k6/con.txt', 'device name'],
  ['reserved NUL lower case', 'nul.js', 'device name'],
  ['reserved AUX double extension', 'aux.tar.gz', 'device name'],
  ['reserved COM1', 'COM1.log', 'device name'],
  ['reserved LPT9', 'out/lpt9', 'device name'],
  ['reserved COM superscript', 'COM\u00b9', 'device name'],
  ['reserved folder', 'PRN/x.js', 'device name'],
  ['trailing dot', 'script.', 'dot or a space'],
  ['trailing space', 'script.js ', 'dot or a space'],
  ['folder with trailing dot', 'k6./x.js', 'dot or a space'],
  ['only dots', '...', 'dot or a space'],
  ['less than', 'a<b.js', '"<"'],
  ['greater than', 'a>b.js', '">"'],
  ['colon (NTFS stream)', 'a.js:stream', '":"'],
  ['double quote', 'a"b.js', 'contains """'],
  ['pipe', 'a|b.js', '"|"'],
  ['question mark', 'a?.js', '"?"'],
  ['asterisk', '*.js', '"*"'],
  ['segment over 255 bytes', `${'a'.repeat(252)}.js_`, 'longer than 255 bytes'],
  ['multibyte segment over 255 bytes', `${'é'.repeat(128)}`, 'longer than 255 bytes'],
  ['lone surrogate', 'a\ud800.js', 'surrogate'],
];

describe('render/safe-path', () => {
  describe('assertSafeOutputPath rejects hostile paths', () => {
    for (const [label, hostilePath, reasonPart] of hostile) {
      it(`rejects ${label}: ${JSON.stringify(hostilePath).slice(0, 40)}`, () => {
        let thrown: unknown;
        try {
          assertSafeOutputPath(hostilePath, 'k6');
        } catch (error) {
          thrown = error;
        }
        expect(thrown).to.be.instanceOf(PerfplanError);
        const error = thrown as PerfplanError;
        expect(error.code).to.equal('output/unsafe-path');
        expect(error.exitCode).to.equal(1);
        expect(error.message).to.contain('Renderer "k6"');
        expect(error.message).to.contain(JSON.stringify(hostilePath));
        expect(error.message).to.contain(reasonPart);
        expect(error.fix).to.be.a('string').and.contain('k6');
      });
    }
    it('has at least 20 hostile cases', () => {
      expect(hostile.length).to.be.at.least(20);
    });
  });

  describe('accepts ordinary paths', () => {
    const ok = [
      'PLAN.md',
      'plan.json',
      'k6/script.js',
      'jmeter/test-plan.jmx',
      'locust/locustfile.py',
      '.github/workflows/perf.yml',
      'a/b/c/d/e.txt',
      'console.log', // reserved names only match the whole base name
      'CONSOLE',
      'com10.txt',
      'lpt0',
      'ünïcödé/файл.js',
      `${'a'.repeat(255)}`,
      'name with spaces/file name.txt',
      '~tilde',
    ];
    for (const goodPath of ok) {
      it(`accepts ${JSON.stringify(goodPath.length > 40 ? `${goodPath.slice(0, 20)}...` : goodPath)}`, () => {
        expect(assertSafeOutputPath(goodPath, 'k6')).to.equal(goodPath.normalize('NFC'));
        expect(unsafePathReason(goodPath)).to.equal(undefined);
      });
    }
  });

  it('normalises to Unicode NFC', () => {
    const decomposed = 'cafe\u0301/re\u0301sume\u0301.md';
    expect(assertSafeOutputPath(decomposed, 'k6')).to.equal('caf\u00e9/r\u00e9sum\u00e9.md');
  });

  it('rejects a value that is not a string', () => {
    expect(() => assertSafeOutputPath(42 as unknown as string, 'x')).to.throw(PerfplanError, 'not a string');
  });

  describe('findCaseCollisions', () => {
    it('finds files differing only by case', () => {
      expect(findCaseCollisions(['README.md', 'a.js', 'readme.md'])).to.deep.equal([['README.md', 'readme.md']]);
    });

    it('finds folders differing only by case', () => {
      expect(findCaseCollisions(['Docs/a.md', 'docs/b.md', 'x.md'])).to.deep.equal([['Docs/a.md', 'docs/b.md']]);
    });

    it('finds a file colliding with a folder of another case', () => {
      expect(findCaseCollisions(['k6', 'K6/script.js'])).to.deep.equal([['K6/script.js', 'k6']]);
    });

    it('treats composed and decomposed accents as the same name', () => {
      expect(findCaseCollisions(['Caf\u00e9.md', 'cafe\u0301.md'])).to.deep.equal([['Caf\u00e9.md', 'caf\u00e9.md']]);
    });

    it('reports nothing for distinct names, shared folders and exact duplicates', () => {
      expect(findCaseCollisions(['k6/a.js', 'k6/b.js', 'jmeter/a.jmx', 'k6/a.js', 'PLAN.md'])).to.deep.equal([]);
    });

    it('returns pairs sorted, whatever the input order', () => {
      const a = findCaseCollisions(['b', 'A', 'B', 'a']);
      const b = findCaseCollisions(['a', 'B', 'A', 'b']);
      expect(a).to.deep.equal([['A', 'a'], ['B', 'b']]);
      expect(b).to.deep.equal(a);
    });
  });
});
