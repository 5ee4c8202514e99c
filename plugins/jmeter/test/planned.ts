import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinAnalyzers } from '../../../src/analysis/index.js';
import type { TestPlan } from 'perfplan/plugin';
import { defaultSettings, type PipelineSettings } from '../../../src/pipeline/index.js';
import { builtinProfileStrategies } from '../../../src/profiles/index.js';
import { createContainer, pipelineOf } from '../../../src/di/index.js';

/** The plan the real pipeline (built-in analyzers and strategies) makes of an OpenAPI document. */
export async function planFrom(spec: object, settings: Partial<PipelineSettings> = {}): Promise<TestPlan> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-jmeter-plan-'));
  try {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(spec));
    const entries = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
    return (await pipelineOf(createContainer({ plugins: entries, settings: { ...defaultSettings(), ...settings } })).plan(file)).plan;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A small API: list, create and read items (a lifecycle workflow), on a loopback server unless `server` says otherwise. */
export function itemsSpec(server = 'http://127.0.0.1:9/api'): object {
  const item = { type: 'object', required: ['name'], properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string', example: 'box' } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Items', version: '1.0.0' },
    servers: [{ url: server }],
    paths: {
      '/items': {
        get: { operationId: 'listItems', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: item } } } } } },
        post: {
          operationId: 'createItem',
          requestBody: { required: true, content: { 'application/json': { schema: item } } },
          responses: { '201': { description: 'created', content: { 'application/json': { schema: item } } } },
        },
      },
      '/items/{itemId}': {
        get: {
          operationId: 'getItem',
          parameters: [{ name: 'itemId', in: 'path', required: true, schema: { type: 'integer', example: 1 } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: item } } } },
        },
      },
    },
  };
}
