import { expect } from 'chai';
import { runCommand } from '@oclif/test';
import fs from 'node:fs';
import path from 'node:path';
import { builtinPlugins, createContainer, pipelineOf, registryOf } from '../../src/di/index.js';
import { planRenderer, renderPlanMarkdown } from '../../src/plan-renderer/index.js';
import { defineRenderer, PLAN_RENDERER, type Renderer } from '../../src/plugin-api/index.js';
import type { PluginEntry } from '../../src/pipeline/index.js';
import { PROJECT_ROOT, fixtureSpec } from '../helpers/paths.js';
import { TempProject } from '../helpers/temp-project.js';

const LINK_EXAMPLE = fixtureSpec('oai-link-example-1.0.0.yaml');

/** An engine renderer with one file and one run instruction. */
const toy: Renderer = defineRenderer({
  name: 'toy',
  render: ({ plan }) => [{ path: 'toy/cases.txt', contents: `${plan.testCases.length}\n` }],
  instructions: () => [{ description: 'Run the toy | engine', command: 'toy run toy/cases.txt' }],
});

describe('the plan renderer: PLAN.md and plan.json as a built-in renderer named plan', () => {
  it('is registered as a built-in renderer named plan, renders after the engines, and is no engine', async () => {
    const plugins: PluginEntry[] = [...builtinPlugins(), { plugin: toy, source: 'test' }];
    const container = createContainer({ plugins, settings: { types: ['load'] } });
    const registry = registryOf(container);
    expect(registry.find('renderer', PLAN_RENDERER)).to.deep.include({ plugin: planRenderer, source: 'built-in', replaced: [] });
    expect(registry.planRenderer()).to.equal(planRenderer);
    expect(registry.renderers().map((renderer) => renderer.name)).to.deep.equal(['toy']);
    const generated = await pipelineOf(container).generate({ specFile: LINK_EXAMPLE });
    expect(generated.files.map((file) => file.path)).to.deep.equal(['toy/cases.txt', 'PLAN.md', 'plan.json']);
    expect(generated.result.metadata.performanceFrameworks).to.deep.equal(['toy']);
    const markdown = generated.files.find((file) => file.path === 'PLAN.md')!.contents;
    // The engine's instructions reach PLAN.md, escaped for Markdown.
    expect(markdown).to.contain('### toy\n\nRun the toy \\| engine:\n\n```sh\ntoy run toy/cases.txt\n```\n');
    expect(markdown).to.equal(renderPlanMarkdown(generated.plan, [{ engine: 'toy', steps: toy.instructions!(generated.plan) }]));
    const engines = await pipelineOf(createContainer({ plugins, settings: { engines: ['plan'] } }))
      .generate({ specFile: LINK_EXAMPLE })
      .catch((error: Error & { code?: string }) => error);
    expect(engines).to.have.property('code', 'config/unknown-engine');
  });

  it('a plugin renderer named plan replaces it: it gets the agent result and every engine\'s instructions', async () => {
    const seen: string[] = [];
    const own = defineRenderer({
      name: PLAN_RENDERER,
      render({ plan, result, instructions }) {
        seen.push(`${result?.metadata.totalTestCases} ${plan.testCases.length}`);
        const engines = (instructions ?? []).map(({ engine, steps }) => `${engine}: ${steps.map((step) => step.command).join('; ')}`);
        return [{ path: 'PLAN.txt', contents: `${engines.join('\n')}\n` }];
      },
    });
    const plugins: PluginEntry[] = [...builtinPlugins(), { plugin: toy, source: 'test' }, { plugin: own, source: 'config: ./plan.mjs' }];
    const container = createContainer({ plugins, settings: { types: ['load'] } });
    expect(registryOf(container).find('renderer', PLAN_RENDERER)).to.deep.include({ plugin: own, replaced: ['built-in'] });
    const generated = await pipelineOf(container).generate({ specFile: LINK_EXAMPLE });
    expect(generated.files.map((file) => file.path)).to.deep.equal(['toy/cases.txt', 'PLAN.txt']);
    expect(generated.files[1].contents).to.equal('toy: toy run toy/cases.txt\n');
    expect(seen).to.deep.equal([`${generated.plan.testCases.length} ${generated.plan.testCases.length}`]);
  });

  it('PLAN.md comes from templates/plan, fed by the view model: the template, not code, holds the document', () => {
    const dir = path.join(PROJECT_ROOT, 'templates', 'plan');
    expect(path.resolve(String(planRenderer.templatesDir))).to.equal(dir);
    const main = fs.readFileSync(path.join(dir, 'PLAN.md.ejs'), 'utf8');
    expect(main.startsWith('# Performance test plan\n\n')).to.equal(true);
    for (const section of ['run-time', 'analysis', 'test-cases', 'workflows', 'dependencies', 'data', 'environment', 'how-to-run', 'diagnostics']) {
      expect(main, section).to.contain(`include('${section}.md'`);
      expect(fs.existsSync(path.join(dir, `${section}.md.ejs`)), section).to.equal(true);
    }
  });

  it('perfplan plugins lists it as a built-in renderer', async () => {
    const project = new TempProject('perfplan-plan-renderer-');
    try {
      const previous = process.cwd();
      process.chdir(project.dir);
      try {
        const { stdout } = await runCommand(['plugins', '--json'], { root: PROJECT_ROOT });
        const listed = (JSON.parse(stdout) as { plugins: Array<{ kind: string; name: string; source: string }> }).plugins;
        expect(listed.filter((plugin) => plugin.kind === 'renderer').map((plugin) => `${plugin.name} ${plugin.source}`)).to.include('plan built-in');
      } finally {
        process.chdir(previous);
      }
    } finally {
      project.remove();
    }
  });
});
