import assert from 'node:assert/strict';
import { test } from 'node:test';
import { samplePlan } from 'perfplan/plugin/testing';
import strategy from '../index.js';

/** What perfplan gives plan(): the operations routing gave this strategy, and its options. */
async function planWith(options) {
  const { analysis } = await samplePlan();
  const input = { model: undefined, analysis, operations: analysis.operations, options, declaredWorkflows: [], report: () => {} };
  return { operations: analysis.operations, testCases: await strategy.plan(input) };
}

test('plans one load test per operation it is given, with unique ids', async () => {
  const { operations, testCases } = await planWith(strategy.defaults);
  assert.equal(testCases.length, operations.length);
  assert.deepEqual(testCases.map((testCase) => testCase.targets[0].operationId), operations.map((operation) => operation.operationId));
  assert.equal(new Set(testCases.map((testCase) => testCase.id)).size, testCases.length);
  for (const testCase of testCases) {
    assert.equal(testCase.type, 'load');
    assert.match(testCase.id, /^[A-Za-z0-9_-]+$/);
    assert.equal(testCase.criteria.p95Ms, 300);
    assert.equal(testCase.profile.durationSeconds, 300);
  }
});

test('config profiles.<name> changes its numbers', async () => {
  const { testCases } = await planWith({ ...strategy.defaults, durationSeconds: 120, p95Ms: 800 });
  assert.equal(testCases[0].profile.durationSeconds, 120);
  assert.equal(testCases[0].criteria.p95Ms, 800);
});

test('plans the load test of operations with its tag', () => {
  assert.deepEqual(strategy.appliesTo, { testType: 'load', tags: [strategy.name] });
});
