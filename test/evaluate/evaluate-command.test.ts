import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { BIN_RUN, FIXTURES_DIR } from '../helpers/paths.js';

const JTL = path.join(FIXTURES_DIR, 'jtl');
const PLAN = path.join(JTL, 'plan.json');

function evaluate(...args: string[]) {
  return spawnSync(process.execPath, [BIN_RUN, 'evaluate', ...args], { encoding: 'utf8' });
}

describe('perfplan evaluate (CLI)', function () {
  this.timeout(60_000);

  it('exits 0 when every criterion is met', () => {
    const result = evaluate('--engine', 'jmeter', '--plan', PLAN, path.join(JTL, 'load-healthy.jtl'));
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(0);
    expect(result.stdout).to.include('All criteria met');
  });

  it('exits 1 naming each failed criterion, and writes JUnit XML', () => {
    const junit = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-eval-')), 'report.xml');
    const result = evaluate('--engine', 'jmeter', '--plan', PLAN, path.join(JTL, 'load-broken.jtl'), '--junit', junit);
    expect(result.status).to.equal(1);
    expect(result.stdout).to.match(/FAIL errorRate: error rate: measured [\d.]+%, expected <= 1\.00%/);
    expect(result.stdout).to.match(/FAIL p95: p95 response time: measured \d+ ms, expected <= 200 ms/);
    expect(result.stderr).to.equal('');
    expect(fs.readFileSync(junit, 'utf8')).to.include('<failure message="error rate: measured');
  });

  it('exits 1 when the run stopped at start (a failed check before any load), with the check\'s message in the report and JUnit XML', () => {
    // Written by real JMeter 5.6.3: the spec's OAuth2 token URL was on another host than baseUrl.
    const junit = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-eval-')), 'report.xml');
    const result = evaluate('--engine', 'jmeter', '--plan', PLAN, path.join(JTL, 'stopped-at-start.jtl'), '--junit', junit);
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(1);
    expect(result.stdout).to.contain(
      "FAIL run: the run stopped at start: perfplan check: OAuth2 token URL of partner: the spec's token URL is on http://127.0.0.1:18081, not on the server under test (http://127.0.0.1:18082);",
    );
    expect(result.stdout).to.contain('Set -JAUTH_PARTNER_TOKEN_URL=<token endpoint>');
    expect(result.stdout).to.contain('FAILED: the run (1).');
    const xml = fs.readFileSync(junit, 'utf8');
    expect(xml).to.contain('failures="1"');
    expect(xml).to.contain('<failure message="the run stopped at start: perfplan check: OAuth2 token URL of partner: the spec&apos;s token URL is on http://127.0.0.1:18081');
  });

  it('--json prints the evaluation', () => {
    const result = evaluate('--plan', PLAN, path.join(JTL, 'workflows-healthy.jtl'), '--json');
    expect(result.status).to.equal(0);
    const parsed = JSON.parse(result.stdout) as { passed: boolean; evaluated: Array<{ testCaseId: string }> };
    expect(parsed.passed).to.equal(true);
    expect(parsed.evaluated.map((entry) => entry.testCaseId)).to.deep.equal(['workflow_item']);
  });

  it('takes the time scale from the results, or from --time-scale, and refuses one that is not a positive number', () => {
    const fromResults = evaluate('--plan', PLAN, path.join(JTL, 'load-healthy.jtl'));
    expect(fromResults.stdout).to.include('time scale 1 (from the results)');
    const asked = evaluate('--plan', PLAN, path.join(JTL, 'load-healthy.jtl'), '--time-scale', '0.5');
    expect(asked.stdout).to.include('time scale 0.5 (from the --time-scale flag)');
    expect(asked.stdout).to.include('Note: The results say the run used time scale 1; judged at 0.5 as --time-scale asks.');
    for (const bad of ['0', '-1', 'fast', '']) {
      const result = evaluate('--plan', PLAN, path.join(JTL, 'load-healthy.jtl'), '--time-scale', bad);
      expect(result.status, bad).to.equal(2);
      expect(result.stderr).to.include('--time-scale must be a positive number');
    }
  });

  it('exits 2 for a missing results file, a file that is not a plan, or an unknown engine', () => {
    expect(evaluate('--plan', PLAN, path.join(JTL, 'missing.jtl')).status).to.equal(2);
    expect(evaluate('--plan', path.join(JTL, 'load-healthy.jtl'), path.join(JTL, 'load-healthy.jtl')).status).to.equal(2);
    expect(evaluate('--engine', 'nope', '--plan', PLAN, path.join(JTL, 'load-healthy.jtl')).status).to.equal(2);
  });
});
