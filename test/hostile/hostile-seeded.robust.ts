import { expect } from 'chai';
import fc from 'fast-check';
import fs from 'node:fs';
import { sampleHostileCases } from '../helpers/hostile-case.js';
import { HOSTILE_CLASSES } from '../helpers/hostile-classes/types.js';
import { announceMissing, hostilePipeline, pipelinesWithout, type HostilePipeline } from '../helpers/hostile-pipeline.js';
import { writeSeededSecrets } from '../helpers/hostile-secrets.js';
import { hostileSpec, type HostileSpec } from '../helpers/hostile-spec.js';
import { longName, WORKFLOW_COMMAND_WORD } from '../helpers/hostile-strings.js';
import { markersIn } from '../helpers/secret-refs-fixture.js';
import { tempDirs } from '../render/temp-dir.js';
import { checkCliRuns } from './cli-oracle.js';
import { controlDocuments } from './hostile-controls.js';
import { buildControls, checkCase, type Controls } from './hostile-oracles.js';
import { hostileSpecFile, runHostileSpecs, summarize, type SpecOutcome } from './hostile-run.js';
import { carriesBaseUrl, runPlanCommands } from './plan-command-oracle.js';

/** Fixed so a failure reproduces: `sampleHostileCases({ seed: SEED, count })[index]`. */
const SEED = Number(process.env.PERFPLAN_HOSTILE_SEED ?? 20240611);
const COUNT = Number(process.env.PERFPLAN_HOSTILE_COUNT ?? 1000);
/** Every this many specs, the run commands also run under sh (engines stubbed) and the spec goes through the real CLI. */
const SUBSET_EVERY = Number(process.env.PERFPLAN_HOSTILE_SUBSET_EVERY ?? 20);

describe('hostile specs (seeded): a spec string never becomes code', function () {
  this.timeout(600_000);
  const temp = tempDirs('hostile');
  const label = `seed ${SEED}`;
  let host: HostilePipeline;
  /** The folder specs are loaded from, beside the secret files their `$ref`s point at. */
  let specDir: string;
  let controls: Controls;

  before(async () => {
    host = await hostilePipeline();
    announceMissing(host.missing);
    specDir = writeSeededSecrets(temp.make());
    // Control specs named like the run's (`<label>-<n>.json`): plan.json's taskId comes from the file name.
    const outputs = [];
    for (const [index, document] of controlDocuments().entries()) {
      outputs.push((await host.pipeline.generate({ specFile: hostileSpecFile({ label, specDir }, 100_000 + index), document })).files);
    }
    controls = buildControls(outputs);
  });
  after(() => temp.cleanup());

  it(`${COUNT} seeded generated specs (seed ${SEED}): every output parses, no spec text is code, paths are safe, every class's oracle holds`, async () => {
    const started = Date.now();
    const cases = sampleHostileCases({ seed: SEED, count: COUNT });
    const drawn = Object.fromEntries(HOSTILE_CLASSES.map((name) => [name, cases.filter((hostile) => hostile.classes.includes(name)).length]));
    let shellUrlsInCommands = 0;
    let subsetRuns = 0;
    let printedPayloads = 0;
    const check = (index: number, outcome: SpecOutcome): string[] => {
      const hostile = cases[index]!;
      const problems = checkCase({ expect: hostile.expect, files: outcome.files, controls, ms: outcome.ms });
      const planMd = outcome.files.find((file) => file.path === 'PLAN.md')?.contents ?? '';
      const plan = JSON.parse(outcome.files.find((file) => file.path === 'plan.json')?.contents ?? '{}') as { plan?: { defaultBaseUrl?: string } };
      if (hostile.classes.includes('shell-urls') && carriesBaseUrl(planMd, plan.plan?.defaultBaseUrl ?? '')) shellUrlsInCommands++;
      if (index % SUBSET_EVERY === 0) {
        subsetRuns++;
        problems.push(...runPlanCommands({ planMd, root: temp.make() }));
        const specFile = hostileSpecFile({ label, specDir }, index);
        fs.writeFileSync(specFile, JSON.stringify(hostile.document));
        const cli = checkCliRuns({ specFile, cwd: temp.make() });
        problems.push(...cli.problems);
        if (markersIn(cli.printed).length > 0) problems.push(`the CLI printed the content of a secret file: ${markersIn(cli.printed).join(', ')}`);
        if (cli.printed.includes(WORKFLOW_COMMAND_WORD)) printedPayloads++;
        fs.rmSync(specFile);
      }
      return problems;
    };
    const report = await runHostileSpecs({ pipeline: host.pipeline, specs: cases.map((hostile) => hostile.document), root: temp.make(), label, without: pipelinesWithout(host), specDir, check });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`    ${report.specs} specs, ${report.files} files (${JSON.stringify(report.counts)}) in ${seconds} s; renderers: ${host.renderers.join(', ')}`);
    console.log(`    classes drawn: ${JSON.stringify(drawn)}; slowest generate ${report.slowestMs.toFixed(0)} ms, largest output ${report.largestBytes} bytes`);
    console.log(`    ${subsetRuns} specs also run through sh and the CLI (${printedPayloads} printed a terminal payload); ${shellUrlsInCommands} put a shell-hostile base URL into PLAN.md's commands`);
    if (report.known.length > 0) console.log(`    known renderer bugs (see known-renderer-bugs.ts): ${summarize(report.known, 10)}`);
    expect(report.counts.javascript + report.counts.python + report.counts.xml, 'some engine output was checked').to.be.greaterThan(0);
    for (const name of HOSTILE_CLASSES) expect(drawn[name], `specs drawing ${name}`).to.be.greaterThan(0);
    // The oracles had something to catch: hostile base URLs reached commands, terminal payloads were printed.
    if (host.renderers.includes('jmeter') && COUNT >= 100) expect(shellUrlsInCommands, 'specs whose shell-hostile base URL reached a command').to.be.greaterThan(0);
    if (subsetRuns >= 5) expect(printedPayloads, 'CLI runs that printed a terminal payload (escaped)').to.be.greaterThan(0);
    expect(report.failures, summarize(report.failures)).to.deep.equal([]);
  });

  it('10,000-character names in every string field', async () => {
    const big = (seedChar: string) => fc.constant(longName(10_000, seedChar));
    const specs: HostileSpec[] = ['a', '1', 'Z'].map((seedChar) => fc.sample(hostileSpec(big(seedChar)), { seed: 7, numRuns: 1 })[0]);
    const report = await runHostileSpecs({ pipeline: host.pipeline, specs, root: temp.make(), label: 'big names', without: pipelinesWithout(host) });
    expect(report.failures, summarize(report.failures)).to.deep.equal([]);
  });
});

