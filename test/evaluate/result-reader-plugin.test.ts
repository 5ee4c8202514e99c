import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { BIN_RUN, FIXTURES_DIR } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

// The plan of test/fixtures/jtl: load_getItem judges p95 <= 200 ms, errors <= 1 % and at least
// 9.5 requests/s started from 1 s to 5 s of its start.
const PLAN = path.join(FIXTURES_DIR, 'jtl', 'plan.json');
const T0 = 1_796_369_241_227;

/** An engine perfplan knows nothing of: its log has one `<epoch ms> <test case> <elapsed ms> ok|ko` line per request. */
const ACME_READER = `import { defineResultReader, resultsError } from 'perfplan/plugin';
export default defineResultReader({
  name: 'acme',
  description: 'Reads the request log of the ACME load tool',
  resultsFile: 'the log ACME wrote (acme run --log results.log)',
  readResults({ files }) {
    return files.flatMap(({ path, text }) =>
      text.split('\\n').filter((line) => line !== '').map((line, index) => {
        const [at, testCase, elapsed, status] = line.split(' ');
        if (status !== 'ok' && status !== 'ko') {
          throw resultsError({ file: path, line: index + 1, message: path + ' line ' + (index + 1) + ': the status is "' + status + '", not ok or ko.', fix: 'Pass the log ACME wrote, unchanged.' });
        }
        return { startMs: Number(at), elapsedMs: Number(elapsed), testCase, success: status === 'ok', label: 'getItem', responseCode: status === 'ok' ? '200' : '500' };
      }),
    );
  },
});
`;

/** A reader whose samples have no usable start time. */
const BROKEN_READER = `export default { kind: 'result-reader', name: 'broken', readResults: () => [{ startMs: 'soon', elapsedMs: 1, testCase: 'load_getItem', success: true }] };`;

/** 120 requests of load_getItem, one every 50 ms: `every`-th one failed, each taking `ms`. */
function acmeLog(input: { ms: number; failEvery?: number }): string {
  const lines: string[] = [];
  for (let index = 0; index < 120; index++) {
    const failed = input.failEvery !== undefined && index % input.failEvery === 0;
    lines.push(`${T0 + index * 50} load_getItem ${input.ms} ${failed ? 'ko' : 'ok'}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('perfplan evaluate with an outside result reader (a config plugin)', function () {
  this.timeout(60_000);
  let project: TempProject;
  before(() => {
    project = new TempProject();
    project.write('acme-reader.js', ACME_READER);
    project.write('broken-reader.js', BROKEN_READER);
    project.write('.perfplanrc.json', JSON.stringify({ plugins: ['./acme-reader.js', './broken-reader.js'] }));
    project.write('healthy.log', acmeLog({ ms: 40 }));
    project.write('sick.log', acmeLog({ ms: 400, failEvery: 4 }));
    project.write('garbled.log', `${T0} load_getItem 40 ok\n${T0 + 50} load_getItem 40 maybe\n`);
  });
  after(() => project.remove());

  /** Run in the project folder, where perfplan finds the config and its plugins. */
  const evaluate = (...args: string[]) => spawnSync(process.execPath, [BIN_RUN, 'evaluate', ...args], { cwd: project.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('judges a healthy run of the made-up engine: every criterion passes, exit 0', () => {
    const result = evaluate('--engine', 'acme', '--plan', PLAN, 'healthy.log');
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(0);
    expect(result.stdout).to.contain('load_getItem (load, 120 requests)');
    expect(result.stdout).to.match(/PASS p95: p95 response time: measured 40 ms, expected <= 200 ms/);
    expect(result.stdout).to.match(/PASS throughput: throughput: 80 requests started in 1–5 s: measured 20\.00 req\/s, expected >= 9\.50 req\/s/);
    expect(result.stdout).to.contain('All criteria met (1 test case(s)).');
  });

  it('judges a sick run of the made-up engine: slow and failing requests fail the verdict, exit 1', () => {
    const result = evaluate('--engine', 'acme', '--plan', PLAN, 'sick.log', '--json');
    expect(result.status).to.equal(1);
    const evaluation = JSON.parse(result.stdout) as { passed: boolean; evaluated: Array<{ testCaseId: string; results: Array<{ criterion: string; status: string; measured?: number }> }> };
    expect(evaluation.passed).to.equal(false);
    const byName = new Map(evaluation.evaluated[0]!.results.map((entry) => [entry.criterion, entry]));
    expect(byName.get('p95')).to.include({ status: 'fail', measured: 400 });
    expect(byName.get('errorRate')).to.include({ status: 'fail', measured: 0.25 });
    expect(byName.get('throughput')?.status).to.equal('pass');
  });

  it('passes on the reader\'s error for a file it cannot read: the file, the line and the fix, exit 2', () => {
    const result = evaluate('--engine', 'acme', '--plan', PLAN, 'garbled.log');
    expect(result.status).to.equal(2);
    expect(result.stderr).to.contain('garbled.log line 2: the status is "maybe", not ok or ko.');
    expect(result.stderr).to.contain('Pass the log ACME wrote, unchanged.');
    expect(result.stderr).to.contain('evaluate/bad-results');
  });

  it('names the reader\'s own description of its file when the file is missing', () => {
    const result = evaluate('--engine', 'acme', '--plan', PLAN, 'missing.log');
    expect(result.status).to.equal(2);
    expect(result.stderr).to.contain('Pass the log ACME wrote (acme run --log results.log).');
  });

  it('refuses an engine nobody reads with exit 2, naming every engine that has a reader', () => {
    const result = evaluate('--engine', 'acmee', '--plan', PLAN, 'healthy.log');
    expect(result.status).to.equal(2);
    expect(result.stderr).to.contain('--engine acmee: no result reader or renderer that reads results is named "acmee"; did you mean "acme"?');
    expect(result.stderr).to.contain('Engines whose results perfplan evaluate reads: acme, broken, jmeter, k6.');
  });

  it('stops with exit 1 naming the reader and the sample when a reader returns a sample of the wrong shape', () => {
    const result = evaluate('--engine', 'broken', '--plan', PLAN, 'healthy.log');
    expect(result.status).to.equal(1);
    expect(result.stderr).to.contain('The result reader for engine "broken"');
    expect(result.stderr).to.contain('samples[0] startMs is the string "soon", not a finite number of milliseconds');
    expect(result.stderr).to.contain('evaluate/reader-failed');
  });

  it('is listed by perfplan plugins beside the first-party readers', () => {
    const result = spawnSync(process.execPath, [BIN_RUN, 'plugins', '--json'], { cwd: project.dir, encoding: 'utf8' });
    expect(result.status).to.equal(0);
    const listed = JSON.parse(result.stdout) as { plugins: Array<{ kind: string; name: string }>; resultReaders: Array<{ engine: string; providedBy: string; source: string }> };
    expect(listed.plugins).to.deep.include({ kind: 'result-reader', name: 'acme', source: 'config: ./acme-reader.js', replaced: [], description: 'Reads the request log of the ACME load tool' });
    expect(listed.resultReaders.map((reader) => [reader.engine, reader.providedBy])).to.deep.equal([
      ['acme', 'result-reader'],
      ['broken', 'result-reader'],
      ['k6', 'renderer'],
      ['jmeter', 'renderer'],
    ]);
  });
});
