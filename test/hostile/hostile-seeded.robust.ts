import { expect } from 'chai';
import fc from 'fast-check';
import { announceMissing, hostilePipeline, pipelinesWithout, type HostilePipeline } from '../helpers/hostile-pipeline.js';
import { hostileSpec, sampleHostileSpecs, type HostileSpec } from '../helpers/hostile-spec.js';
import { longName } from '../helpers/hostile-strings.js';
import { tempDirs } from '../render/temp-dir.js';
import { runHostileSpecs, summarize } from './hostile-run.js';

/** Fixed so a failure reproduces: `sampleHostileSpecs({ seed: SEED, count })[index]`. */
const SEED = Number(process.env.PERFPLAN_HOSTILE_SEED ?? 20240611);
const COUNT = Number(process.env.PERFPLAN_HOSTILE_COUNT ?? 1000);

describe('hostile specs (seeded): a spec string never becomes code', function () {
  this.timeout(600_000);
  const temp = tempDirs('hostile');
  let host: HostilePipeline;

  before(async () => {
    host = await hostilePipeline();
    announceMissing(host.missing);
  });
  after(() => temp.cleanup());

  it(`${COUNT} seeded generated specs (seed ${SEED}): every output parses, no spec text is code, paths are safe`, async () => {
    const started = Date.now();
    const specs = sampleHostileSpecs({ seed: SEED, count: COUNT });
    const report = await runHostileSpecs({ pipeline: host.pipeline, specs, root: temp.make(), label: `seed ${SEED}`, without: pipelinesWithout(host) });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`    ${report.specs} specs, ${report.files} files (${JSON.stringify(report.counts)}) in ${seconds} s; renderers: ${host.renderers.join(', ')}`);
    if (report.known.length > 0) console.log(`    known renderer bugs (see known-renderer-bugs.ts): ${summarize(report.known, 10)}`);
    expect(report.counts.javascript + report.counts.python + report.counts.xml, 'some engine output was checked').to.be.greaterThan(0);
    expect(report.failures, summarize(report.failures)).to.deep.equal([]);
  });

  it('10,000-character names in every string field', async () => {
    const big = (seedChar: string) => fc.constant(longName(10_000, seedChar));
    const specs: HostileSpec[] = ['a', '1', 'Z'].map((seedChar) => fc.sample(hostileSpec(big(seedChar)), { seed: 7, numRuns: 1 })[0]);
    const report = await runHostileSpecs({ pipeline: host.pipeline, specs, root: temp.make(), label: 'big names', without: pipelinesWithout(host) });
    expect(report.failures, summarize(report.failures)).to.deep.equal([]);
  });
});
