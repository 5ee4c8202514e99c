import { expect } from 'chai';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shellQuote } from '../../src/plugin-api/index.js';

/** The shells to check, those of them installed (sh is always there). */
const SHELLS = ['sh', 'dash', 'bash', 'zsh'].filter((shell) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0);

/** What `shell` passes to a command for each quoted value: one printf in one process. */
function argumentsSeen(shell: string, values: readonly string[], cwd: string): string[] {
  const script = `printf '%s\\0' ${values.map(shellQuote).join(' ')}`;
  const result = spawnSync(shell, ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, HOME: cwd } });
  expect(result.status, `${shell}: ${result.stderr}`).to.equal(0);
  return result.stdout.split('\0').slice(0, -1);
}

describe('shellQuote (POSIX sh words)', () => {
  let cwd: string;
  before(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-shell-quote-'));
  });
  after(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('leaves ordinary words as they are, so commands stay readable', () => {
    for (const word of ['k6/load.js', 'SCENARIO=load_getPet', '-JbaseUrl=http://localhost:8080/v1', 'results-load.jtl', 'a,b', 'user@host:8080', '100%']) {
      expect(shellQuote(word)).to.equal(word);
    }
  });

  it('quotes everything a shell would act on', () => {
    expect(shellQuote('')).to.equal("''");
    expect(shellQuote('http://x/$(touch C)')).to.equal("'http://x/$(touch C)'");
    expect(shellQuote("it's")).to.equal("'it'\\''s'");
    for (const word of ['~', '~/x', '#x', '=ls', 'a b', 'a*', 'a?', '[a]', '{a,b}', 'a;b', 'a|b', 'a&b', 'a>b', 'a<b', '`x`', '$x', '!x', 'a\\b', 'a\nb', 'a\tb', '^x']) {
      expect(shellQuote(word), word).to.match(/^'.*'$/s);
    }
  });

  it(`every shell here (${SHELLS.join(', ')}) passes each value as one argument, unchanged, and runs nothing`, () => {
    const hostile = ['$(touch CANARY_1)', '`touch CANARY_2`', 'a;touch CANARY_3', 'a|touch CANARY_4', 'a&&touch CANARY_5', "'; touch CANARY_6; '", 'a\ntouch CANARY_7', '>CANARY_8', '~', '~root', '*', '=ls', '#comment', '${HOME}', '\\', "''", 'é ünïcödé', '', ' '];
    for (const shell of SHELLS) {
      expect(argumentsSeen(shell, hostile, cwd), shell).to.deep.equal(hostile);
      expect(fs.readdirSync(cwd), `${shell} created files`).to.deep.equal([]);
    }
  });

  it('round-trips arbitrary strings through sh', () => {
    // An argument cannot hold NUL; anything else must come back byte for byte.
    const values = fc.sample(fc.string({ unit: 'binary', maxLength: 20 }).map((value) => value.replace(/\0/g, '').replace(/[\ud800-\udfff]/g, '')), { seed: 7, numRuns: 300 });
    expect(argumentsSeen('sh', values, cwd)).to.deep.equal(values);
    expect(fs.readdirSync(cwd)).to.deep.equal([]);
  });
});
