import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings, type PluginEntry } from '../../src/pipeline/index.js';
import { renderPlanMarkdown } from '../../src/plan-renderer/index.js';
import { TOKEN_URL_RULE } from '../../src/pipeline/token-url-rule.js';
import type { TestPlan } from '../../src/model/index.js';
import { tokenHostSpec } from '../helpers/token-host.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';

const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));

async function planFor(tokenUrl: string): Promise<TestPlan> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-token-rule-'));
  try {
    fs.writeFileSync(path.join(dir, 'spec.yaml'), tokenHostSpec(tokenUrl));
    return (await pipelineOf(createContainer({ plugins: builtins, settings: { ...defaultSettings(), types: ['load'] } })).plan(path.join(dir, 'spec.yaml'))).plan;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the plan documents where OAuth2 token requests may go', () => {
  it('AUTH_<SCHEME>_TOKEN_URL has no default (the spec\'s URL is conditional) and a description stating the rule', async () => {
    const plan = await planFor('https://auth.example.com/token');
    const variable = plan.environment.find((entry) => entry.name === 'AUTH_PARTNER_TOKEN_URL')!;
    expect(variable.default).to.equal(undefined);
    expect(variable.description).to.equal('Token endpoint of OAuth2 scheme "partner"; when unset, the spec\'s, only if relative or on BASE_URL\'s origin, else the run stops at start');
    expect(plan.environment.find((entry) => entry.name === 'AUTH_PARTNER_TOKEN')!.description).to.contain('no token is requested and the client id and secret are not needed');
  });

  it('PLAN.md states the rule and, per scheme, whether the spec\'s token URL is used with the default BASE_URL', async () => {
    const foreign = renderPlanMarkdown(await planFor('https://auth.example.com/token'), []);
    expect(foreign).to.contain(TOKEN_URL_RULE);
    expect(foreign).to.contain('| partner | `https://auth.example.com/token` | the run stops: set `AUTH_PARTNER_TOKEN_URL` |');
    expect(foreign).to.contain('| variable | required | secret | description |');
    const relative = renderPlanMarkdown(await planFor('/oauth/token'), []);
    expect(relative).to.contain('| partner | `/oauth/token` | used |');
    const sameOrigin = renderPlanMarkdown(await planFor('HTTP://127.0.0.1:9/oauth/token'), []);
    expect(sameOrigin).to.contain('| partner | `HTTP://127.0.0.1:9/oauth/token` | used |');
  });
});
