import fs from 'node:fs';
import { expect } from 'chai';
import { builtinAnalyzers } from '../../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../../src/profiles/index.js';
import * as pipelineModule from '../../../src/pipeline/index.js';
import { defaultSettings } from '../../../src/pipeline/index.js';
import type { Diagnostic, TestPlan } from 'perfplan/plugin';
import { corpusSpecs, skipUnlessCorpus } from '../../../test/helpers/corpus.js';
import { typecheckK6Files } from '../../../test/helpers/k6-typecheck.js';
import { renderK6, writeFiles } from './render-k6.js';
import { createContainer, pipelineOf } from '../../../src/di/index.js';

type PlanFromSpec = (input: { specFile: string }) => Promise<{ plan: TestPlan; diagnostics: Diagnostic[] }>;

/** The lead's planFromSpec when src/pipeline exports it; until then the same through the Pipeline with the built-in plugins. */
async function planFromSpec(specFile: string): Promise<TestPlan> {
  const exported = (pipelineModule as Record<string, unknown>).planFromSpec as PlanFromSpec | undefined;
  if (typeof exported === 'function') return (await exported({ specFile })).plan;
  const entries = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
  return (await pipelineOf(createContainer({ plugins: entries, settings: defaultSettings() })).plan(specFile)).plan;
}

// Every corpus spec: plan → k6 files in a temp folder → one TypeScript program over them.
describe('k6 renderer over the corpus: generated scripts type-check against @types/k6', function () {
  before(function () {
    skipUnlessCorpus(this);
  });

  for (const spec of corpusSpecs()) {
    it(`${spec.name}: zero diagnostics`, async () => {
      const plan = await planFromSpec(spec.file);
      const rendered = await renderK6(plan);
      const dir = writeFiles(rendered.files, 'perfplan-k6-corpus-');
      try {
        const result = typecheckK6Files(dir);
        expect(result.files, 'every generated .js file is checked').to.equal(rendered.files.filter((file) => file.path.endsWith('.js')).length);
        expect(result.diagnostics.slice(0, 20), `${result.diagnostics.length} diagnostics`).to.deep.equal([]);
        const functions = rendered.byPath('k6/lib/requests.js').match(/^export function /gm) ?? [];
        expect(functions.length).to.equal(new Set(plan.requests.map((request) => request.operationId)).size);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
