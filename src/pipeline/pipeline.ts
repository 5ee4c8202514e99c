import path from 'node:path';
import { buildRequestTemplate } from '../data/index.js';
import { emptyAnalysis } from '../analysis/index.js';
import { LOAD_STRATEGY_BY_CATEGORY } from '../profiles/index.js';
import { loadSpec } from '../openapi/index.js';
import { assertSafeOutputPath, createTemplateRenderer } from '../render/index.js';
import { PerfplanError, isPerfplanError } from '../errors/index.js';
import type { Analysis, ApiModel, Diagnostic, TestCase, TestPlan, Workflow } from '../model/index.js';
import type { ProfileOptions, RenderContext, Renderer, RunInstruction } from '../plugin-api/index.js';
import { agentResult, planJson, type AgentResult, type AgentTask } from './agent-result.js';
import { buildAuthPlan } from './auth-plan.js';
import { defaultBaseUrl } from './base-url.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import type { PluginRegistry } from './plugin-registry.js';
import type { PipelineSettings } from './settings.js';


export interface AnalyzeResult {
  model: ApiModel;
  analysis: Analysis;
  diagnostics: Diagnostic[];
}

export interface PlanResult extends AnalyzeResult {
  plan: TestPlan;
}

export interface OutputFile {
  path: string;
  contents: string;
  producer: string;
}

export interface GenerateResult extends PlanResult {
  files: OutputFile[];
  result: AgentResult;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** load → analyze → plan → render. Plugins come from the registry; nothing here knows an engine. */
export class Pipeline {
  constructor(
    private readonly registry: PluginRegistry,
    private readonly settings: PipelineSettings,
  ) {}

  async analyze(specFile: string): Promise<AnalyzeResult> {
    const loaded = await loadSpec({
      file: specFile,
      allowExternalFiles: this.settings.allowExternalRefs,
      allowRemoteRefs: this.settings.allowRemoteRefs,
    });
    const diagnostics = [...loaded.diagnostics];
    const report = (diagnostic: Diagnostic) => diagnostics.push(diagnostic);
    let analysis = emptyAnalysis();
    for (const analyzer of this.registry.analyzers()) {
      try {
        analysis = await analyzer.analyze({
          model: loaded.model,
          analysis,
          options: this.settings.analyzers[analyzer.name] ?? {},
          report,
        });
      } catch (error) {
        throw new PerfplanError('analyzer/failed', `Analyzer "${analyzer.name}" failed: ${errorMessage(error)}`, { cause: error });
      }
    }
    return { model: loaded.model, analysis, diagnostics };
  }

  private profileOptions(name: string, defaults: ProfileOptions | undefined): ProfileOptions {
    const defined = (options: ProfileOptions | undefined) =>
      Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined));
    return { ...defined(defaults), ...defined(this.settings.profiles[name]), ...defined(this.settings.overrides) };
  }

  async plan(specFile: string): Promise<PlanResult> {
    const { model, analysis, diagnostics } = await this.analyze(specFile);
    const report = (diagnostic: Diagnostic) => diagnostics.push(diagnostic);
    const loadStrategies = new Set(Object.values(LOAD_STRATEGY_BY_CATEGORY));
    const testCases: TestCase[] = [];
    const workflows: Workflow[] = [];
    for (const strategy of this.registry.strategies()) {
      const operations = loadStrategies.has(strategy.name)
        ? analysis.operations.filter((operation) => LOAD_STRATEGY_BY_CATEGORY[operation.category] === strategy.name)
        : analysis.operations;
      if (loadStrategies.has(strategy.name) && operations.length === 0) continue;
      try {
        const planned = await strategy.plan({
          model,
          analysis,
          operations,
          options: this.profileOptions(strategy.name, strategy.defaults),
          declaredWorkflows: this.settings.workflows,
          report,
        });
        const output = Array.isArray(planned) ? { testCases: planned, workflows: [] } : planned;
        testCases.push(...output.testCases);
        workflows.push(...(output.workflows ?? []));
      } catch (error) {
        throw new PerfplanError('profile/failed', `Profile strategy "${strategy.name}" failed: ${errorMessage(error)}`, { cause: error });
      }
    }
    const requests = model.operations.map((operation) => buildRequestTemplate({ model, operation, report }));
    const { auth, environment } = buildAuthPlan(model, requests);
    const baseUrl = defaultBaseUrl(model, this.settings.baseUrl);
    const plan: TestPlan = {
      planVersion: 1,
      source: {
        title: model.title,
        version: model.version,
        specVersion: model.specVersion,
        specFile: path.basename(model.sourceFile),
        operationCount: model.operations.length,
      },
      defaultBaseUrl: baseUrl,
      analysis,
      requests,
      testCases: orderTestCases(testCases, analysis, this.settings.types),
      workflows,
      auth,
      environment: [
        { name: 'BASE_URL', description: 'Base URL of the system under test', required: false, secret: false, default: baseUrl },
        ...environment,
      ],
      diagnostics,
    };
    return { model, analysis, diagnostics, plan };
  }

  selectedRenderers(): Renderer[] {
    const all = this.registry.renderers();
    if (!this.settings.engines) return all;
    return this.settings.engines.map((name) => {
      const renderer = all.find((candidate) => candidate.name === name);
      if (!renderer) {
        throw new PerfplanError('renderer/unknown', `No renderer named "${name}" is registered.`, {
          pointer: 'engines',
          fix: `Registered renderers: ${all.map((candidate) => candidate.name).join(', ') || 'none'}. Add the plugin to "plugins" in the config, or fix the name.`,
          exitCode: 2,
        });
      }
      return renderer;
    });
  }

  async generate(input: { specFile: string; task?: AgentTask }): Promise<GenerateResult> {
    const planned = await this.plan(input.specFile);
    const { plan } = planned;
    const renderers = this.selectedRenderers();
    const files: OutputFile[] = [];
    const instructions: Array<{ engine: string; steps: RunInstruction[] }> = [];
    for (const renderer of renderers) {
      const support = renderer.supports?.(plan) ?? { ok: true };
      if (!support.ok) {
        planned.diagnostics.push({ code: 'renderer/unsupported', severity: 'warning', message: `Renderer "${renderer.name}" skipped: ${support.reason}` });
        continue;
      }
      const rendered = await renderWith(renderer, plan, this.settings.renderOptions[renderer.name] ?? {}, planned.diagnostics);
      for (const file of rendered) files.push({ ...file, path: assertSafeOutputPath(file.path, renderer.name), producer: renderer.name });
      instructions.push({ engine: renderer.name, steps: renderer.instructions?.(plan) ?? [] });
    }
    const task = input.task ?? { taskId: `perfplan-${plan.source.specFile}` };
    const result = agentResult({ task, plan, frameworks: renderers.map((renderer) => renderer.name) });
    files.push(
      { path: 'PLAN.md', contents: renderPlanMarkdown(plan, instructions), producer: 'perfplan' },
      { path: 'plan.json', contents: planJson(result, plan), producer: 'perfplan' },
    );
    return { ...planned, files, result };
  }
}

async function renderWith(
  renderer: Renderer,
  plan: TestPlan,
  options: Record<string, unknown>,
  diagnostics: Diagnostic[],
): Promise<{ path: string; contents: string }[]> {
  try {
    const template = renderer.templatesDir ? createTemplateRenderer({ templatesDir: renderer.templatesDir }) : undefined;
    const ctx: RenderContext = {
      renderTemplate(name, data) {
        if (!template) throw new Error(`renderer "${renderer.name}" has no templatesDir`);
        return template(name, data);
      },
      report: (diagnostic) => diagnostics.push(diagnostic),
    };
    const files = await renderer.render({ plan, options, ctx });
    if (!Array.isArray(files)) throw new Error('render() must return an array of { path, contents }');
    for (const file of files) {
      if (!file || typeof file.path !== 'string' || typeof file.contents !== 'string') {
        throw new Error('render() returned a file without a string path and contents');
      }
    }
    return files;
  } catch (error) {
    if (isPerfplanError(error) && error.code.startsWith('output/')) throw error;
    throw new PerfplanError('renderer/failed', `Renderer "${renderer.name}" failed: ${errorMessage(error)}`, {
      cause: error,
      fix: 'Run with PERFPLAN_DEBUG=1 for the stack trace, and report it to the renderer\'s author.',
    });
  }
}

const TYPE_ORDER = ['load', 'stress', 'spike', 'soak', 'mixed', 'workflow'];

/** Stable order: by test type, then by the operation's position in the spec. */
function orderTestCases(testCases: TestCase[], analysis: Analysis, types: PipelineSettings['types']): TestCase[] {
  const position = new Map(analysis.operations.map((operation, index) => [operation.operationId, index]));
  const kept = types ? testCases.filter((testCase) => types.includes(testCase.type)) : testCases;
  const seen = new Set<string>();
  const ordered = kept
    .map((testCase, index) => ({ testCase, index }))
    .sort((a, b) => {
      const byType = TYPE_ORDER.indexOf(a.testCase.type) - TYPE_ORDER.indexOf(b.testCase.type);
      if (byType !== 0) return byType;
      const pa = position.get(a.testCase.targets[0]?.operationId ?? '') ?? Number.MAX_SAFE_INTEGER;
      const pb = position.get(b.testCase.targets[0]?.operationId ?? '') ?? Number.MAX_SAFE_INTEGER;
      return pa - pb || a.index - b.index;
    })
    .map(({ testCase }) => testCase);
  return ordered.map((testCase) => {
    let id = testCase.id;
    for (let n = 2; seen.has(id.toLowerCase()); n++) id = `${testCase.id}_${n}`;
    seen.add(id.toLowerCase());
    return id === testCase.id ? testCase : { ...testCase, id };
  });
}
