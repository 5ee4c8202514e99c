import { expect } from 'chai';
import fs from 'node:fs';
import { runDouble, startTestServer, WRITE_SUMMARY, type DoubleRun, type Summary, type TestServer } from './load-mode-helpers.js';

/** The load test perfplan generates for a 15 requests/s target: 0→15/s over 30 s, 60 s hold, 30 s down. */
const RAMPED_LOAD = `
import http from 'k6/http';
import exec from 'k6/execution';

export const options = {
  scenarios: {
    load: {
      executor: 'ramping-arrival-rate', startRate: 0, timeUnit: '1s', preAllocatedVUs: 12, maxVUs: 12,
      stages: [{ duration: '30s', target: 15 }, { duration: '60s', target: 15 }, { duration: '30s', target: 0 }],
    },
  },
  thresholds: {
    'http_reqs{scenario:load}': ['rate>15'],
    'http_reqs{scenario:load,phase:hold}': ['count>=450', 'count<1000'],
  },
};

export default function () {
  const elapsed = (Date.now() - exec.scenario.startTime) / 1000;
  exec.vu.tags.phase = elapsed < 30 ? 'ramp-up' : elapsed < 90 ? 'hold' : 'ramp-down';
  http.get(__ENV.BASE_URL + '/fast');
}
${WRITE_SUMMARY}`;

function explain(run: DoubleRun): string {
  return `exit ${run.status}\nstdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-1500)}`;
}

describe('k6 test double: a Counter threshold on a ramped scenario', function () {
  this.timeout(60_000);
  let server: TestServer;
  const runs: DoubleRun[] = [];
  const run = async (script: string, args: string[] = []): Promise<DoubleRun> => {
    const done = await runDouble(script, args, { BASE_URL: server.url });
    runs.push(done);
    return done;
  };

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
    for (const done of runs) fs.rmSync(done.dir, { recursive: true, force: true });
  });

  it('judges a Counter rate over the whole ramped run as k6 does: rate>15 fails at about 11.25/s, counts of the hold phase pass', async () => {
    const result = await run(RAMPED_LOAD, ['--time-scale', '0.03']);
    expect(result.status, explain(result)).to.equal(99);
    expect(result.stderr).to.contain("threshold failed: http_reqs{scenario:load}: 'rate>15'");
    const summary = result.json<Summary>('summary.json');
    const load = summary.metrics['http_reqs{scenario:load}'];
    const hold = summary.metrics['http_reqs{scenario:load,phase:hold}'];
    const dropped = summary.metrics.dropped_iterations?.values.count ?? 0;
    const seconds = summary.state.testRunDurationMs / 1000;
    expect(load.thresholds, explain(result)).to.deep.equal({ 'rate>15': { ok: false } });
    // The hold phase (900 of the 1350 iterations) is selected by the phase tag the VUs set.
    expect(hold.thresholds, JSON.stringify(hold.values)).to.deep.equal({ 'count>=450': { ok: true }, 'count<1000': { ok: true } });
    // The whole run: 30 + 60 + 30 s of (virtual) time, and the rate is the count over all of it.
    expect(seconds).to.be.within(119.5, 130);
    expect(load.values.rate).to.be.closeTo(load.values.count / seconds, 1e-9);
    // k6 schedules 1350 iterations (the area under the rate curve); started + dropped covers them
    // all, so even when a loaded machine drops some, the scheduled rate is 1350 / 120 s = 11.25/s.
    expect(load.values.count + dropped).to.be.within(1348, 1350);
    expect((load.values.count + dropped) / seconds).to.be.within(10.3, 11.3);
    expect(load.values.count, `${dropped} dropped`).to.be.at.least(675);
  });
});
