import { expect } from 'chai';
import path from 'node:path';
import { compileSpecPattern, synthesizeString, withoutLookbehind } from '../../src/data/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';
import { runCliMeasured } from '../helpers/run-cli.js';
import { tempDir } from '../conformance/temp-dir.js';
import { sample } from './helpers.js';

// Issue 19: a spec's regular expressions are untrusted input.
describe('data: spec patterns run in bounded time and generate within their bounds', function () {
  this.timeout(30_000);

  it('a nested-quantifier pattern checks a 40-character non-match in linear time (RE2), where RegExp backtracks for minutes', () => {
    const compiled = compileSpecPattern('^(a|aa){70}$');
    expect(compiled).to.not.have.property('invalid');
    const started = process.hrtime.bigint();
    const text = `${'a'.repeat(39)}b`;
    expect((compiled as { test(text: string): boolean }).test(text)).to.equal(false);
    expect((compiled as { test(text: string): boolean }).test('a'.repeat(70))).to.equal(true);
    expect(Number(process.hrtime.bigint() - started) / 1e6).to.be.below(500);
  });

  it('generate on a spec whose example meets that pattern finishes in under 2 s, and says the example does not match', () => {
    const dir = tempDir('spec-regex');
    try {
      const run = runCliMeasured(['generate', path.join(FIXTURES_DIR, 'honest-diagnostics', 'backtracking-pattern.yaml'), '-o', path.join(dir.path, 'out'), '--json'], { cwd: dir.path, timeoutMs: 20_000 });
      expect(run.timedOut, 'generate did not finish in 20 s').to.equal(false);
      expect(run.status, run.stderr).to.equal(0);
      expect(run.ms, 'wall time of generate').to.be.below(2000);
      const result = JSON.parse(run.stdout) as { plan: { diagnostics: { code: string; pointer?: string }[] } };
      expect(result.plan.diagnostics.map((d) => [d.code, d.pointer])).to.deep.include(['data/example-invalid', '#/paths/~1x/get/parameters/0/schema/example']);
    } finally {
      dir.remove();
    }
  });

  it('ECMA-262 syntax RE2 spells otherwise still matches: \\u escapes, named groups, lookbehind, \\p{L}', () => {
    const cases: [string, string, boolean][] = [
      ['^\\u00e9+$', 'éé', true],
      ['^(?<year>[0-9]{4})-(?<month>[0-9]{2})$', '2024-05', true],
      ['^[a-z]+(?<!-)$', 'abc', true],
      ['^(?<![0-9])x', 'x', true],
      ['^\\p{L}+$', 'Ωmega', true],
      ['^\\p{L}+$', 'a1', false],
    ];
    for (const [source, text, expected] of cases) {
      const compiled = compileSpecPattern(source);
      expect(compiled, source).to.not.have.property('invalid');
      expect((compiled as { test(text: string): boolean }).test(text), `${source} on ${text}`).to.equal(expected);
    }
  });

  it('lookahead and backreferences are not run: the pattern is unchecked, with the reason; an invalid pattern is invalid', () => {
    const ahead = compileSpecPattern('^(?=.*[0-9])[a-z0-9]{8}$');
    expect(ahead).to.have.property('unchecked').that.matches(/lookahead or a backreference/);
    expect(compileSpecPattern('^(a)\\1$')).to.have.property('unchecked');
    expect(compileSpecPattern('^[a-')).to.have.property('invalid');
  });

  it('a value synthesized for an unchecked pattern carries an info diagnostic naming the pattern and its location', () => {
    const result = sample({ type: 'string', pattern: '^(?=.*[0-9])[a-z0-9]{8}$' });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.pointer])).to.deep.equal([['data/pattern-unchecked', 'info', '#/test']]);
    expect(result.diagnostics[0].message).to.contain('^(?=.*[0-9])[a-z0-9]{8}$');
  });

  it('a wide range gives a short value: ^.{1,2097152} is at most a few characters, not hundreds of thousands', () => {
    for (let variant = 0; variant < 20; variant++) {
      const outcome = synthesizeString({ type: 'string', pattern: '^.{1,2097152}' }, variant, 65_536);
      expect(outcome.ok).to.equal(true);
      expect((outcome as { value: string }).value.length, `variant ${variant}`).to.be.within(1, 8);
    }
  });

  it('fixed lengths are met inside the pattern: ^[0-9a-zA-Z]+$ with length 10, a 40-character hex SHA', () => {
    for (let variant = 0; variant < 5; variant++) {
      const alnum = synthesizeString({ type: 'string', pattern: '^[0-9a-zA-Z]+$', minLength: 10, maxLength: 10 }, variant);
      expect(alnum.ok, JSON.stringify(alnum)).to.equal(true);
      expect((alnum as { value: string }).value).to.match(/^[0-9a-zA-Z]{10}$/);
      const sha = synthesizeString({ type: 'string', pattern: '^[0-9a-f]+$', minLength: 40, maxLength: 40 }, variant);
      expect(sha.ok, JSON.stringify(sha)).to.equal(true);
      expect((sha as { value: string }).value).to.match(/^[0-9a-f]{40}$/);
      const words = synthesizeString({ type: 'string', pattern: '^[a-z]+(-[a-z]+)*$', minLength: 12, maxLength: 12 }, variant);
      expect(words.ok, JSON.stringify(words)).to.equal(true);
      expect((words as { value: string }).value).to.match(/^[a-z]+(-[a-z]+)*$/).and.have.length(12);
    }
  });

  it('lookbehind no longer breaks the generator: the value matches the whole pattern', () => {
    expect(withoutLookbehind('^(?<![0-9])[a-z][a-z-]*(?<!-)$')).to.equal('^[a-z][a-z-]*$');
    expect(withoutLookbehind('[(?<=]x\\(?<=y')).to.equal('[(?<=]x\\(?<=y');
    const outcome = synthesizeString({ type: 'string', pattern: '^(?<![0-9])[a-z][a-z-]*(?<!-)$', minLength: 6 }, 0);
    expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
    expect((outcome as { value: string }).value).to.match(/^(?<![0-9])[a-z][a-z-]*(?<!-)$/).and.have.length.of.at.least(6);
  });

  it('a fallback value that does match is not reported as unsatisfiable', () => {
    // `example` padded to the length matches; randexp cannot generate \p{L} (it reads it as the letters p, L, {, }).
    const outcome = synthesizeString({ type: 'string', pattern: '^\\p{L}+$', minLength: 10, maxLength: 10 }, 0);
    expect(outcome).to.deep.equal({ ok: true, value: 'examplexxx' });
  });
});
