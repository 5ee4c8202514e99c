import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { shellQuote } from '../../src/plugin-api/index.js';
import { SHELL_PAYLOADS } from '../helpers/hostile-strings.js';
import { shellAndList, shellWords, splitAssignments } from '../helpers/shell-words.js';

/** The seeded run's reading of PLAN.md commands (helpers/shell-words.ts) must read words as sh does. */
describe('shellWords: sh words read without running them', () => {
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.array(fc.constantFrom(...SHELL_PAYLOADS), { maxLength: 4 }).map((parts) => parts.join('')));

  it('reads back every value shellQuote wrote, as one word', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(shellWords(`jmeter -JbaseUrl=${shellQuote(value)} -l x`)).to.deep.equal({ words: ['jmeter', `-JbaseUrl=${value}`, '-l', 'x'] });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('gives the words sh gives (sh prints each argument it was handed)', () => {
    // An argument cannot hold NUL, and a lone surrogate reaches sh as U+FFFD.
    const passable = (value: string) => !/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
    const values = fc.sample(text.filter(passable), { seed: 7, numRuns: 30 });
    const command = values.map((value) => shellQuote(value)).join(' ');
    const run = spawnSync('sh', ['-c', `for a in "$@"; do printf '%s\\036' "$a"; done`, 'sh', ...values], { encoding: 'utf8' });
    const viaArgv = run.stdout.split('\u001e').slice(0, -1);
    const script = spawnSync('sh', ['-c', `set -- ${command}; for a in "$@"; do printf '%s\\036' "$a"; done`], { encoding: 'utf8' });
    expect(script.stdout.split('\u001e').slice(0, -1)).to.deep.equal(viaArgv);
    expect(shellWords(command)).to.deep.equal({ words: viaArgv });
  });

  it('refuses what sh would act on outside quotes', () => {
    for (const command of ['k6 run $(id)', 'k6 run `id`', 'k6 run a;b', 'k6 run a|b', 'k6 run a&', 'k6 run >x', 'k6 run *', 'k6 run ~/x', 'k6 run #x', 'k6 run {a,b}', 'k6 run "$HOME"', "k6 run 'open", 'k6 run a\nb']) {
      expect(shellWords(command), command).to.have.property('problem');
    }
  });

  it('tells environment assignments from arguments', () => {
    expect(splitAssignments(['TIME_SCALE=0.05', 'locust', '-f', 'x', 'A=b'])).to.deep.equal({ assignments: ['TIME_SCALE=0.05'], argv: ['locust', '-f', 'x', 'A=b'] });
  });

  it('reads an and-list as its commands, and a quoted or glued && as text or a refusal', () => {
    expect(shellAndList('k6 run --out json=r.json k6/stress.js && perfplan evaluate --engine k6 r.json')).to.deep.equal({
      commands: [['k6', 'run', '--out', 'json=r.json', 'k6/stress.js'], ['perfplan', 'evaluate', '--engine', 'k6', 'r.json']],
    });
    expect(shellAndList("jmeter -JbaseUrl='http://x/a && b'")).to.deep.equal({ commands: [['jmeter', '-JbaseUrl=http://x/a && b']] });
    expect(shellAndList('k6 run a&&b')).to.have.property('problem');
    expect(shellAndList('k6 run a && ')).to.have.property('problem');
    expect(shellWords('k6 run a && b')).to.have.property('problem');
  });
});

