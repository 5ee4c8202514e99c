import { expect } from 'chai';
import fs from 'node:fs';
import yaml from 'js-yaml';
import { planPerformanceTests } from '../../src/index.js';
import { fixtureSpec } from '../helpers/paths.js';
import { validatePlanFile } from '../helpers/plan-schema.js';

describe('library: planPerformanceTests(task, spec)', () => {
  const spec = yaml.load(fs.readFileSync(fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'), 'utf8'));

  it('returns the Performance-Planner-Agent result for a parsed spec, without changing it', async () => {
    const before = JSON.stringify(spec);
    const result = await planPerformanceTests({ taskId: 'perf-test-001', specId: 'petstore', targetEnvironment: 'staging' }, spec);
    expect(JSON.stringify(spec)).to.equal(before);
    expect(result.taskId).to.equal('perf-test-001');
    expect(result.agentType).to.equal('Performance-Planner-Agent');
    expect(result.status).to.equal('success');
    expect(result.errorMessage).to.equal(null);
    expect(result.metadata.totalTestCases).to.equal(result.testCases.length);
    expect(result.metadata.testTypes).to.include.members(['load', 'stress', 'spike', 'soak', 'mixed', 'workflow']);
    expect(result.metadata.performanceFrameworks).to.include('k6');
    expect(result.metadata.targetEnvironment).to.equal('staging');
    const { plan, ...agentResult } = result;
    const { testCases: _testCases, ...rest } = plan!;
    expect(validatePlanFile({ ...agentResult, plan: rest })).to.deep.equal([]);
  });

  it('reports a spec it cannot use as status "failed" with the reason', async () => {
    const result = await planPerformanceTests({ taskId: 't2' }, { hello: 'world' });
    expect(result.status).to.equal('failed');
    expect(result.testCases).to.deep.equal([]);
    expect(result.errorMessage).to.match(/OpenAPI/);
  });
});
