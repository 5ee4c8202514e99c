import { expect } from 'chai';
import path from 'node:path';
import { WEBHOOKS_ONLY_CODE, type Pipeline } from '../../src/pipeline/index.js';
import { hostilePipeline } from '../helpers/hostile-pipeline.js';
import { FIXTURES_DIR, fixtureSpec } from '../helpers/paths.js';
import { validatePlanFile } from '../helpers/plan-schema.js';
import { nothingToCheck } from '../../tools/conformance/run-conformance.js';

// Class "nothing to call": a spec that only describes webhooks (requests the API sends, not
// requests to it). Not a mistake: the plan says why it has no test cases, and how many webhooks.

const CLASS_DIR = path.join(FIXTURES_DIR, 'request-classes');

/** The real pipeline with every first-party renderer. */
async function pipeline(): Promise<Pipeline> {
  const { pipeline: real, missing } = await hostilePipeline();
  expect(missing).to.deep.equal([]);
  return real;
}

describe('a spec with webhooks and no paths', function () {
  this.timeout(30_000);

  const cases = [
    { file: 'webhooks-only-3.1.yaml', pointer: '#/webhooks', webhooks: 3, text: '3 webhooks' },
    { file: 'x-webhooks-only.yaml', pointer: '#/x-webhooks', webhooks: 1, text: '1 webhook' },
  ];
  for (const entry of cases) {
    it(`${entry.file}: a plan without test cases that says why, with the webhook count, a note and no script`, async () => {
      const generated = await (await pipeline()).generate({ specFile: path.join(CLASS_DIR, entry.file) });
      expect(generated.files.map((file) => file.path).sort()).to.deep.equal(['PLAN.md', 'plan.json']);
      expect(generated.plan.testCases).to.deep.equal([]);
      expect(generated.plan.source).to.include({ operationCount: 0, webhookCount: entry.webhooks });
      // One diagnostic, a note (validate exits 0): no "missing paths", no renderer skipped.
      expect(generated.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.pointer])).to.deep.equal([[WEBHOOKS_ONLY_CODE, 'info', entry.pointer]]);
      const [note] = generated.diagnostics;
      expect(note!.message).to.equal(
        `${entry.file} describes ${entry.text} and no operations under paths. Webhooks are requests the API sends to its subscribers, not requests to the API, so there is nothing to load test: the plan has no test cases and no scripts.`,
      );
      const planMd = generated.files.find((file) => file.path === 'PLAN.md')!.contents;
      expect(planMd).to.contain(`**Nothing to test.** \`${entry.file}\` describes ${entry.text} and no operations under \`paths\`. Webhooks are requests the API sends to its subscribers, not requests to the API`);
      expect(planMd).to.contain(`- Webhooks: ${entry.webhooks} (requests the API sends to its subscribers: not load tested)`);
      expect(planMd).to.contain('- 0 test cases\n');
      for (const absent of ['## How to run', '## Run time', '## Diagnostics', '## Environment', 'Default base URL']) expect(planMd).not.to.contain(absent);
      const planFile = JSON.parse(generated.files.find((file) => file.path === 'plan.json')!.contents);
      expect(validatePlanFile(planFile)).to.deep.equal([]);
      expect(nothingToCheck({ ...planFile.plan, testCases: [] })).to.equal(note!.message);
    });
  }

  it('a spec with paths and webhooks: its webhooks are counted in the summary, and there is something to check', async () => {
    const generated = await (await pipeline()).generate({ specFile: fixtureSpec('swagger-petstore-oas31-1.0.10.yaml') });
    expect(generated.plan.source.webhookCount).to.equal(1);
    expect(generated.files.find((file) => file.path === 'PLAN.md')!.contents).to.contain('- Webhooks: 1 (requests the API sends to its subscribers: not load tested)');
    expect(generated.diagnostics.map((diagnostic) => diagnostic.code)).not.to.include(WEBHOOKS_ONLY_CODE);
    expect(nothingToCheck(generated.plan)).to.equal(undefined);
  });
});
