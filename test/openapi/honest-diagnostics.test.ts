import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { recommendLoadPatterns } from '../../src/analysis/complexity-analyzer.js';
import type { Analysis, Diagnostic, TestPlan } from '../../src/model/index.js';
import { resolveLocalPointer, parseLocalPointer } from '../../src/openapi/json-pointer.js';
import { planPerformanceTests } from '../../src/index.js';
import { FIXTURES_DIR } from '../helpers/paths.js';

const DIR = path.join(FIXTURES_DIR, 'honest-diagnostics');

async function planOf(file: string): Promise<{ document: Record<string, unknown>; plan: TestPlan }> {
  const document = yaml.load(fs.readFileSync(path.join(DIR, file), 'utf8')) as Record<string, unknown>;
  const result = await planPerformanceTests({ taskId: 't', specId: file }, document, { baseDir: DIR });
  expect(result.status, result.errorMessage ?? '').to.equal('success');
  return { document, plan: result.plan! };
}

/** A pointer is a real place: it resolves, or names a missing key of an object that exists (`#/schemes`). */
function expectRealLocations(document: Record<string, unknown>, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) {
    if (diagnostic.pointer === undefined) continue;
    const tokens = parseLocalPointer(diagnostic.pointer)!;
    const owner = tokens.length === 0 ? document : resolveLocalPointer(document, `#/${tokens.slice(0, -1).map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`);
    const here = resolveLocalPointer(document, diagnostic.pointer);
    expect(here !== undefined || (typeof owner === 'object' && owner !== null), `${diagnostic.code} at ${diagnostic.pointer} is a place in the file`).to.equal(true);
  }
}

const rows = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => [d.code, d.pointer]);

// Issue 19: diagnostics a user can act on: once each, at places that exist in the file.
describe('spec diagnostics: once each, at real locations', () => {
  it('a component shared by two operations reports its invalid example once, at the component', async () => {
    const { document, plan } = await planOf('shared-components.yaml');
    const examples = plan.diagnostics.filter((d) => d.code === 'data/example-invalid');
    expect(rows(examples)).to.deep.equal([['data/example-invalid', '#/components/schemas/Thing/properties/code/example']]);
    expectRealLocations(document, plan.diagnostics);
  });

  it('a property merged through allOf is reported where it is written (the branch it comes from), message included', async () => {
    const { plan } = await planOf('shared-components.yaml');
    const unsatisfiable = plan.diagnostics.filter((d) => d.code === 'data/unsatisfiable-schema');
    expect(rows(unsatisfiable)).to.deep.equal([['data/unsatisfiable-schema', '#/components/schemas/Base/properties/n']]);
    expect(unsatisfiable[0].message).to.contain('#/components/schemas/Base/properties/n').and.not.contain('Merged');
  });

  it('x- keys inside x-webhooks are extensions, not webhooks', async () => {
    const { plan } = await planOf('shared-components.yaml');
    expect(plan.diagnostics.filter((d) => d.pointer?.startsWith('#/x-webhooks'))).to.deep.equal([]);
  });

  it('a placeholder server URL is reported and not used: the tests need BASE_URL', async () => {
    const { plan } = await planOf('shared-components.yaml');
    const server = plan.diagnostics.filter((d) => d.code === 'spec/invalid-server');
    expect(rows(server)).to.deep.equal([['spec/invalid-server', '#/servers/0/url']]);
    expect(server[0].message).to.contain('"Your API URL"').and.contain('BASE_URL');
    expect(plan.environment.find((variable) => variable.name === 'BASE_URL')?.default).to.equal('http://localhost:8080');
  });

  it('Swagger 2.0: {apikey} in basePath is reported at #/basePath; an x-example is reported once, at x-example', async () => {
    const { document, plan } = await planOf('swagger2-placeholders.yaml');
    expect(rows(plan.diagnostics.filter((d) => d.code === 'spec/invalid-server'))).to.deep.equal([['spec/invalid-server', '#/basePath']]);
    expect(plan.environment.find((variable) => variable.name === 'BASE_URL')?.default).to.equal('http://localhost:8080');
    expect(rows(plan.diagnostics.filter((d) => d.code === 'data/example-invalid'))).to.deep.equal([['data/example-invalid', '#/paths/~1x/get/parameters/0/x-example']]);
    expectRealLocations(document, plan.diagnostics);
  });

  it('counts agree with their nouns: one critical-path operation, one data-intensive operation', () => {
    const analysis = {
      operations: [{ category: 'critical' }, { category: 'data_intensive' }],
      totals: { read: 1, write: 1 },
      dependencies: [],
    } as unknown as Analysis;
    const text = recommendLoadPatterns(analysis).join('\n');
    expect(text).to.contain('on 1 critical-path operation\n').and.contain('on 1 data-intensive operation');
    expect(text).to.not.match(/\b1 [a-z-]+ operations\b/);
  });
});
