import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { TEST_TYPE_TITLES, type TestType } from '../../src/model/index.js';
import { prismAvailable } from '../../tools/conformance/prism.js';
import { readSpecDocument } from '../../tools/conformance/prism-spec.js';
import { FIDELITY_ENGINES } from '../../tools/fidelity/engines/index.js';
import { expectedText } from '../../tools/fidelity/expectations.js';
import { FIDELITY_RUNS, fidelityConfig } from '../../tools/fidelity/fidelity-config.js';
import { generateWithConfig } from '../../tools/fidelity/generate.js';
import { DEFAULT_SPEC, runFidelity, type FidelityResult } from '../../tools/fidelity/run-fidelity.js';
import { cellText } from '../../tools/fidelity/verdict-table.js';
import { ENGINE_NAMES } from '../../tools/fidelity/verdict.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { recordingServer } from '../../plugins/jmeter/test/jmeter-process.js';

const OUT = path.join(PROJECT_ROOT, '.fidelity');

// Issue 11's criteria-fidelity suite (tools/fidelity): the bundled Petstore example planned with
// small, short profiles; k6 (through its test double), real Locust and real JMeter (+ perfplan
// evaluate) run each test type's default run against the reference server (Prism behind a proxy
// that is healthy, slow, erroring or capacity-limited); every verdict must be the one the mode
// calls for. The table goes to .fidelity/verdicts.md and is printed.
describe('criteria fidelity: engine × test type × server mode → verdict (tools/fidelity)', function () {
  this.timeout(20 * 60_000);
  let result: FidelityResult | undefined;

  before(async function () {
    const prism = prismAvailable();
    if (prism !== true) {
      console.log(`    (${prism}; skipped)`);
      this.skip();
    }
    result = await runFidelity({ outDir: OUT, engines: ENGINE_NAMES, log: (line) => console.log(`      ${line}`) });
    console.log(`\n${result.table}\n      ${result.runs.length} runs in ${Math.round(result.seconds)} s`);
  });

  for (const { mode, types } of FIDELITY_RUNS) {
    for (const type of types) {
      for (const engine of ENGINE_NAMES) {
        it(`${engine} ${type} × ${mode}: ${expectedText({ mode, type })}`, function () {
          const skipped = result?.skipped[engine];
          if (skipped) {
            console.log(`      (${skipped}; skipped)`);
            this.skip();
          }
          const run = result!.runs.find((candidate) => candidate.verdict.engine === engine && candidate.verdict.type === type && candidate.verdict.mode === mode);
          expect(run, 'the run').to.not.equal(undefined);
          expect(run!.problems, cellText(run!)).to.deep.equal([]);
        });
      }
    }
  }

  it('writes the verdict table to .fidelity/verdicts.md', function () {
    if (!result) this.skip();
    const table = fs.readFileSync(path.join(OUT, 'verdicts.md'), 'utf8');
    expect(table).to.equal(result!.table);
    expect(table).to.include('| test type | server mode | expected |');
  });
});

// Item 5 of issue 11's semantics: stress, spike and soak never load the spec's server by default.
// The spec's server is a recording server here, so a script that ignored the rule would be seen.
describe('stress, spike and soak without BASE_URL and without a configured base URL: a clear message, nothing sent (every engine)', function () {
  this.timeout(5 * 60_000);
  const types: TestType[] = ['stress', 'spike', 'soak'];
  let server: Awaited<ReturnType<typeof recordingServer>>;
  let outDir = '';
  let work = '';

  before(async () => {
    server = await recordingServer();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-no-base-url-'));
    const spec = readSpecDocument(DEFAULT_SPEC);
    const local = path.join(work, 'petstore.json');
    fs.writeFileSync(local, JSON.stringify({ ...spec, servers: [{ url: server.baseUrl }] }));
    const config = { ...fidelityConfig(local), types };
    expect(config).to.not.have.property('baseUrl');
    ({ outDir } = await generateWithConfig({ dir: path.join(work, 'project'), config }));
  });

  after(async () => {
    await server?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  for (const engine of ENGINE_NAMES) {
    it(`${engine}: ${types.join(', ')} stop at start, say what to set, and send nothing`, async function () {
      const available = FIDELITY_ENGINES[engine].available();
      if (available !== true) {
        console.log(`      (${available}; skipped)`);
        this.skip();
      }
      const runs = await Promise.all(
        types.map((type) => FIDELITY_ENGINES[engine].run({ outDir, type, timeScale: 0.05, env: {}, workDir: fs.mkdtempSync(path.join(work, `${engine}-${type}-`)), timeoutMs: 120_000 })),
      );
      for (const [index, type] of types.entries()) {
        const run = runs[index]!;
        const what = `${TEST_TYPE_TITLES[type].toLowerCase()} never run against the spec's server`;
        const variable = engine === 'jmeter' ? 'baseUrl' : 'BASE_URL';
        expect(run.output, `${engine} ${type}`).to.include(`${variable} is not set: ${what}`);
        expect(run.output, `${engine} ${type}`).to.include(server.baseUrl);
        expect(run.output, `${engine} ${type}`).to.include(engine === 'jmeter' ? 'Set -JbaseUrl=https://your-test-server' : 'Set BASE_URL=https://your-test-server');
        // k6 stops in its init context (107), Locust at start (2); JMeter's verdict is perfplan evaluate's (1).
        expect(run.exitCode, `${engine} ${type}`).to.equal(engine === 'k6' ? 107 : engine === 'locust' ? 2 : 1);
        expect(run.judged, `${engine} ${type}`).to.equal(0);
        expect(server.requests.map((request) => `${request.method} ${request.url}`), `${engine} ${type}`).to.deep.equal([]);
      }
    });
  }
});
