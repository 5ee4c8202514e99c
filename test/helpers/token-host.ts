import fs from 'node:fs';
import path from 'node:path';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings, type PluginEntry } from '../../src/pipeline/index.js';
import type { TestPlan } from '../../src/model/index.js';
import type { Renderer } from '../../src/plugin-api/index.js';
import { renderWith } from './render-plugin.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';

/**
 * A spec whose only operation needs an OAuth2 client-credentials token from `tokenUrl`: the
 * threat of a third-party spec naming a token host the user never chose. Its variables are
 * AUTH_PARTNER_TOKEN_URL, AUTH_PARTNER_CLIENT_ID, AUTH_PARTNER_CLIENT_SECRET and AUTH_PARTNER_TOKEN.
 */
export function tokenHostSpec(tokenUrl: string): string {
  return [
    'openapi: 3.0.3',
    'info: { title: Token host, version: 1.0.0 }',
    'servers: [{ url: "http://127.0.0.1:9/api" }]',
    'security: [{ partner: [read] }]',
    'paths:',
    '  /items:',
    '    get:',
    '      operationId: listItems',
    "      responses: { '200': { description: ok } }",
    'components:',
    '  securitySchemes:',
    '    partner:',
    '      type: oauth2',
    '      flows:',
    '        clientCredentials:',
    `          tokenUrl: ${JSON.stringify(tokenUrl)}`,
    '          scopes: { read: read items }',
    '',
  ].join('\n');
}

const builtins: PluginEntry[] = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));

/** Plans tokenHostSpec(tokenUrl) (only load tests) and writes `renderer`'s files under `dir`. */
export async function renderTokenHostSpec(input: { tokenUrl: string; dir: string; renderer: Renderer }): Promise<TestPlan> {
  const spec = path.join(input.dir, 'token-host.yaml');
  fs.mkdirSync(input.dir, { recursive: true });
  fs.writeFileSync(spec, tokenHostSpec(input.tokenUrl));
  const pipeline = pipelineOf(createContainer({ plugins: builtins, settings: { ...defaultSettings(), types: ['load'] } }));
  const { plan } = await pipeline.plan(spec);
  const rendered = await renderWith(input.renderer, plan);
  for (const file of rendered.files) {
    const target = path.join(input.dir, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.contents);
  }
  return plan;
}
