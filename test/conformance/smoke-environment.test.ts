import { expect } from 'chai';
import type { TestPlan } from '../../src/model/index.js';
import { smokeEnvironment } from '../../tools/conformance/plan-file.js';

describe('conformance: the environment of a smoke run', () => {
  it('gives a dummy to required variables and to secrets without a default; others keep the scripts\' defaults', () => {
    const plan = {
      environment: [
        { name: 'BASE_URL', description: '', required: false, secret: false, default: 'http://spec' },
        { name: 'AUTH_TOKEN', description: '', required: true, secret: true },
        { name: 'AUTH_KEY', description: '', required: false, secret: true },
        { name: 'REQUEST_JWT', description: '', required: false, secret: true, default: 'a.b.c' },
        { name: 'PERFPLAN_RUN_SEED', description: '', required: false, secret: false, default: '7' },
      ],
    } as unknown as TestPlan;
    expect(smokeEnvironment(plan, 'http://127.0.0.1:1')).to.deep.equal({
      AUTH_TOKEN: 'conformance-auth-token',
      AUTH_KEY: 'conformance-auth-key',
      BASE_URL: 'http://127.0.0.1:1',
    });
  });
});
