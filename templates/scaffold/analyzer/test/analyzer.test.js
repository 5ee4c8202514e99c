import assert from 'node:assert/strict';
import { test } from 'node:test';
import { samplePlan } from 'perfplan/plugin/testing';
import analyzer from '../index.js';

/** The part of the ApiModel this analyzer reads: each operation's id and tags. */
const model = {
  operations: [
    { id: 'listItems', tags: ['items'] },
    { id: 'createItem', tags: ['items', 'checkout'] },
    { id: 'getItem', tags: ['items'] },
  ],
};

async function analyse(options) {
  const { analysis } = await samplePlan();
  return analyzer.analyze({ model, analysis, options: { ...analyzer.options.defaults, ...options }, report: () => {} });
}

test('marks standard operations with a configured tag as critical, with the reason', async () => {
  const before = (await samplePlan()).analysis.operations.find((operation) => operation.operationId === 'createItem');
  assert.equal(before.category, 'standard');
  const analysis = await analyse({ criticalTags: ['checkout'] });
  const created = analysis.operations.find((operation) => operation.operationId === 'createItem');
  assert.equal(created.category, 'critical');
  assert.match(created.critical.reason, /tagged "checkout"/);
  const read = analysis.operations.find((operation) => operation.operationId === 'getItem');
  assert.equal(read.category, 'standard');
});

test('changes nothing with its defaults', async () => {
  const { analysis } = await samplePlan();
  assert.deepEqual(await analyse({}), analysis);
});
