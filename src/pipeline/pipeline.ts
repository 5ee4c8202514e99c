import path from 'node:path';
import { assertSafeOutputPath } from '../render/index.js';
import { ExitCode, PerfplanError, type ExitCodeValue } from '../errors/index.js';
import { resolvePluginOptions } from '../config/index.js';
import { TEST_TYPES } from '../model/index.js';
import { tidyDiagnostics } from './tidy-diagnostics.js';
import type { Analysis, ApiModel, Diagnostic, OperationAnalysis, TestCase, TestPlan, Workflow } from '../model/index.js';
import type {
  AnalysisService,
  AuthPlanner,
  EngineInstructions,
  PlanWriter,
  ProfileOptions,
  Renderer,
  RequestDataBuilder,
  SpecLoader,
  StrategyRoute,
  StrategyRouting,
  StrategyTestCase,
} from '../plugin-api/index.js';
import { agentResult, type AgentResult, type AgentTask } from './agent-result.js';
import { applyProfileOptions, applyXPerfplan } from './apply-overrides.js';
import { selectOperations } from './operation-filter.js';
import { readXPerfplan, type XPerfplan } from './x-perfplan.js';
import { defaultBaseUrl, isLoopbackUrl } from './base-url.js';
import { planServers, withServerNeeds } from './plan-servers.js';
import type { PluginRegistry } from './plugin-registry.js';
import type { PipelineSettings } from './settings.js';
import { registryProblems, settingsError, specProblems } from './settings-checks.js';
import { emptyPlanVerdict } from './empty-plan.js';
import { portablePlan } from './portable-paths.js';
import { renderWith } from './render-with.js';


export interface AnalyzeResult {
  model: ApiModel;
  analysis: Analysis;
  diagnostics: Diagnostic[];
}

/** A problem that stops generate, with the exit code it stops with. */
export interface PlanProblem extends Diagnostic {
  exitCode: ExitCodeValue;
}

export interface PlanResult extends AnalyzeResult {
  plan: TestPlan;
  /**
   * With `collect`, the problems that would have stopped planning (config settings naming what
   * does not exist, invalid x-perfplan, an empty plan nobody asked for), in the order generate
   * meets them; without it, always empty: the first of them is thrown.
   */
  problems: PlanProblem[];
}

export interface PlanOptions {
  /** Report every problem in `problems` and plan around it, instead of throwing at the first (for `validate`). */
  collect?: boolean;
}

export interface OutputFile {
  path: string;
  contents: string;
  producer: string;
}

export interface GenerateInput {
  specFile: string;
  document?: unknown;
  task?: AgentTask;
}

export interface GenerateIntoResult extends PlanResult {
  result: AgentResult;
  /** How many files were handed out. */
  fileCount: number;
}

export interface GenerateResult extends GenerateIntoResult {
  files: OutputFile[];
}

/** Which strategy plans which operations of a spec (`perfplan plugins SPEC`). */
export interface RoutingResult {
  model: ApiModel;
  /** The operations planned (after include/exclude and x-perfplan skip). */
  operations: OperationAnalysis[];
  routes: StrategyRoute[];
  diagnostics: Diagnostic[];
}

/** The services a pipeline runs on; the composition root (src/di) binds each under its token. */
export interface PipelineServices {
  registry: PluginRegistry;
  settings: PipelineSettings;
  specLoader: SpecLoader;
  analysis: AnalysisService;
  routing: StrategyRouting;
  requestData: RequestDataBuilder;
  authPlanner: AuthPlanner;
  planWriter: PlanWriter;
}

/** The spec analysed, with the x-perfplan overrides applied and the operations to plan selected. */
interface Prepared extends AnalyzeResult {
  overrides: Map<string, XPerfplan>;
  /** Operation ids include/exclude keep, before x-perfplan skip. */
  filtered: number;
  selected: Set<string>;
  planned: OperationAnalysis[];
  mismatched: Diagnostic[];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Throws the first problem found, or (with `collect`) gathers every one into `problems`. */
function stopper(options: PlanOptions, problems: PlanProblem[]) {
  return (found: readonly Diagnostic[], exitCode: ExitCodeValue, error: () => PerfplanError): void => {
    if (found.length === 0) return;
    if (!options.collect) throw error();
    problems.push(...found.map((diagnostic) => ({ ...diagnostic, exitCode })));
  };
}

/**
 * load → analyze → route → plan → render, each step a service from the container (see
 * PipelineServices); plugins come from the registry. Nothing here knows an engine or a strategy.
 */
export class Pipeline {
  private readonly registry: PluginRegistry;
  private readonly settings: PipelineSettings;

  constructor(private readonly services: PipelineServices) {
    this.registry = services.registry;
    this.settings = services.settings;
  }

  async analyze(specFile: string, document?: unknown): Promise<AnalyzeResult> {
    const loaded = await this.services.specLoader.load({
      file: specFile,
      document,
      allowExternalFiles: this.settings.allowExternalRefs,
      allowRemoteRefs: this.settings.allowRemoteRefs,
    });
    const diagnostics = [...loaded.diagnostics];
    const report = (diagnostic: Diagnostic) => diagnostics.push(diagnostic);
    const analysis = await this.services.analysis.analyze({ model: loaded.model, report });
    return { model: loaded.model, analysis, diagnostics: tidyDiagnostics(diagnostics, loaded.model.document, loaded.model.sourceFile) };
  }

  private profileOptions(name: string, defaults: ProfileOptions | undefined): ProfileOptions {
    const defined = (options: ProfileOptions | undefined) =>
      Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined));
    return { ...defined(defaults), ...defined(this.settings.profiles[name]), ...defined(this.settings.overrides) };
  }

  /** Problems of the settings that need no spec: names no registered plugin has (see settings-checks.ts). */
  settingsProblems(): Diagnostic[] {
    return registryProblems(this.settings, this.registry);
  }

  /**
   * Loads and analyses the spec, reads x-perfplan, checks the settings against the spec and
   * selects the operations to plan. `problems` gets what would stop generate (with `collect`).
   */
  private async prepare(specFile: string, document: unknown, options: PlanOptions, problems: PlanProblem[]): Promise<Prepared> {
    const stopOn = stopper(options, problems);
    // Before the spec is read: a misspelt engine or profile is reported at once.
    const early = this.settingsProblems();
    stopOn(early, ExitCode.usage, () => settingsError(early, this.settings.origin));
    const analyzed = await this.analyze(specFile, document);
    const { model } = analyzed;
    let overrides: Map<string, XPerfplan>;
    try {
      overrides = readXPerfplan(model);
    } catch (error) {
      if (!options.collect || !(error instanceof PerfplanError)) throw error;
      problems.push({ code: error.code, severity: 'error', message: error.message, file: error.file, pointer: error.pointer, fix: error.fix, exitCode: error.exitCode });
      overrides = new Map();
    }
    const mismatched = specProblems(this.settings, model);
    stopOn(mismatched, ExitCode.usage, () => settingsError(mismatched, this.settings.origin));
    const analysis = withCategoryOverrides(analyzed.analysis, overrides);
    const selected = selectOperations(model, this.settings.include, this.settings.exclude);
    const filtered = selected.size;
    for (const [operationId, override] of overrides) if (override.skip) selected.delete(operationId);
    const planned = analysis.operations.filter((operation) => selected.has(operation.operationId));
    return { ...analyzed, analysis, overrides, filtered, selected, planned, mismatched };
  }

  private routeStrategies(prepared: Prepared): StrategyRoute[] {
    const requested = new Map<string, string>();
    for (const [operationId, override] of prepared.overrides) if (override.profile !== undefined) requested.set(operationId, override.profile);
    return this.services.routing.route({
      model: prepared.model,
      operations: prepared.planned,
      strategies: this.registry.strategies(),
      requested,
      report: (diagnostic) => prepared.diagnostics.push(diagnostic),
    });
  }

  /** Which strategy plans which operations of a spec, without planning. */
  async route(specFile: string, document?: unknown): Promise<RoutingResult> {
    const prepared = await this.prepare(specFile, document, {}, []);
    const routes = this.routeStrategies(prepared);
    return { model: prepared.model, operations: prepared.planned, routes, diagnostics: prepared.diagnostics };
  }

  async plan(specFile: string, document?: unknown, options: PlanOptions = {}): Promise<PlanResult> {
    const problems: PlanProblem[] = [];
    const stopOn = stopper(options, problems);
    const prepared = await this.prepare(specFile, document, options, problems);
    const { model, diagnostics, analysis, overrides, filtered, selected, planned, mismatched } = prepared;
    const report = (diagnostic: Diagnostic) => diagnostics.push(diagnostic);
    const routes = this.routeStrategies(prepared);
    const testCases: StrategyTestCase[] = [];
    const workflows: Workflow[] = [];
    for (const { strategy, operations } of routes) {
      if (operations.length === 0) continue;
      let output: { testCases: StrategyTestCase[]; workflows?: Workflow[] };
      try {
        const result = await strategy.plan({
          model,
          analysis,
          operations,
          options: this.profileOptions(strategy.name, strategy.defaults),
          declaredWorkflows: this.settings.workflows,
          report,
        });
        output = Array.isArray(result) ? { testCases: result } : result;
        assertTestCases(output.testCases);
      } catch (error) {
        throw new PerfplanError('profile/failed', `Profile strategy "${strategy.name}" failed: ${errorMessage(error)}`, { cause: error });
      }
      // A strategy that does not read its options gets them applied to what it returns.
      const configured = this.profileOptions(strategy.name, undefined);
      for (const testCase of output.testCases) testCases.push(strategy.readsOptions ? testCase : applyProfileOptions(testCase, configured));
      workflows.push(...(output.workflows ?? []));
    }
    const ordered = orderTestCases(
      testCases.map((testCase) => applyXPerfplan(testCase, overrides)),
      analysis,
      this.settings.types,
    );
    const verdict = emptyPlanVerdict({
      model,
      settings: this.settings,
      counts: { filtered, planned: planned.length, testCases: testCases.length, kept: ordered.length, plannedTypes: [...new Set(testCases.map((testCase) => testCase.type))] },
    });
    if (verdict.kind === 'asked') report(verdict.notice);
    // With collect, a filter that matched nothing has been reported already: the empty plan follows from it.
    if (verdict.kind === 'mistake' && mismatched.length === 0) {
      const { problem, exitCode } = verdict;
      stopOn([problem], exitCode, () => (exitCode === ExitCode.usage ? settingsError([problem], this.settings.origin) : new PerfplanError(problem.code, problem.message, { file: problem.file, fix: problem.fix, exitCode })));
    }
    const varied = this.services.requestData.build({ model, analysis, operations: model.operations.filter((operation) => selected.has(operation.id)), report });
    const routed = planServers(model, varied.requests);
    const requests = routed.requests;
    const { auth, environment } = this.services.authPlanner.plan({ model, requests });
    const plannedWorkflows = this.settings.types && !this.settings.types.includes('workflow') ? [] : workflows;
    const baseUrl = defaultBaseUrl(model, this.settings.baseUrl);
    const baseUrlSource = this.settings.baseUrl ? 'config' : 'spec';
    const plan: TestPlan = {
      planVersion: 1,
      source: {
        title: model.title,
        version: model.version,
        specVersion: model.specVersion,
        specFile: path.basename(model.sourceFile),
        operationCount: model.operations.length,
        ...(model.webhookCount > 0 ? { webhookCount: model.webhookCount } : {}),
      },
      defaultBaseUrl: baseUrl,
      defaultBaseUrlSource: baseUrlSource,
      timeScale: this.settings.timeScale ?? 1,
      analysis,
      requests,
      testCases: withServerNeeds({ testCases: scheduleTestCases(ordered, { baseUrl, baseUrlSource }), requests, servers: routed.servers, workflows }),
      workflows: plannedWorkflows,
      auth,
      ...(routed.servers.length === 0 ? {} : { servers: routed.servers }),
      environment: [
        {
          name: 'BASE_URL',
          description:
            baseUrlSource === 'config'
              ? 'Base URL of the system under test (default: the configured baseUrl)'
              : `Base URL of the system under test (default: the spec's server, used only by load, mixed and workflow tests and only when it is a loopback address; stress, spike and soak always need it)`,
          required: false,
          secret: false,
          default: baseUrl,
        },
        ...routed.environment,
        ...environment,
        ...varied.environment,
      ],
      ...(varied.data === undefined ? {} : { data: varied.data }),
      diagnostics: tidyDiagnostics(diagnostics, model.document, model.sourceFile),
    };
    return { model, analysis, diagnostics: plan.diagnostics, plan, problems };
  }

  /** The renderers `engines` names, in its order; all registered ones without it. */
  selectedRenderers(): Renderer[] {
    const all = this.registry.renderers();
    if (!this.settings.engines) return all;
    const unknown = this.settingsProblems().filter((problem) => problem.code === 'config/unknown-engine');
    if (unknown.length > 0) throw settingsError(unknown, this.settings.origin);
    return this.settings.engines.map((name) => all.find((candidate) => candidate.name === name)!);
  }

  /** `document`: an already parsed spec; `specFile` then only names it. */
  /** Plans and renders, with every file in memory at the end (see generateInto for large plans). */
  async generate(input: GenerateInput): Promise<GenerateResult> {
    const files: OutputFile[] = [];
    const generated = await this.generateInto(input, (file) => {
      files.push(file);
    });
    return { ...generated, files };
  }

  /**
   * Plans and renders, handing every file to `emit` as soon as it exists (a renderer that
   * yields its files one by one is never held in memory as a whole); PLAN.md and plan.json last.
   */
  async generateInto(input: GenerateInput, emit: (file: OutputFile) => void | Promise<void>): Promise<GenerateIntoResult> {
    const planned = await this.plan(input.specFile, input.document);
    const { plan } = planned;
    const renderers = this.selectedRenderers();
    const instructions: EngineInstructions[] = [];
    let fileCount = 0;
    const send = async (file: OutputFile): Promise<void> => {
      fileCount++;
      await emit(file);
    };
    // A spec without operations has nothing to render; the plan's own diagnostic says why.
    for (const renderer of plan.source.operationCount === 0 ? [] : renderers) {
      const support = renderer.supports?.(plan) ?? { ok: true };
      if (!support.ok) {
        planned.diagnostics.push({ code: 'renderer/unsupported', severity: 'warning', message: `Renderer "${renderer.name}" skipped: ${support.reason}` });
        continue;
      }
      await renderWith({
        renderer,
        input: { plan, options: resolvePluginOptions(renderer.options, this.settings.renderOptions[renderer.name]) },
        diagnostics: planned.diagnostics,
        emit: async (file) => {
          await send({ ...file, path: assertSafeOutputPath(file.path, renderer.name), producer: renderer.name });
        },
      });
      instructions.push({ engine: renderer.name, steps: renderer.instructions?.(plan) ?? [] });
    }
    // No path of this machine in the written plan (renderers have added their diagnostics by now).
    const configFile = this.settings.origin?.configFile;
    const written = portablePlan(plan, { specFile: input.specFile, ...(configFile === undefined ? {} : { configFile }) });
    const task = input.task ?? { taskId: `perfplan-${written.source.specFile}` };
    const result = agentResult({ task, plan: written, frameworks: renderers.map((renderer) => renderer.name) });
    const report = (diagnostic: Diagnostic) => planned.diagnostics.push(diagnostic);
    for (const file of await this.services.planWriter.files({ plan: written, result, instructions, report })) {
      await send({ path: assertSafeOutputPath(file.path, 'perfplan'), contents: file.contents, producer: 'perfplan' });
    }
    return { ...planned, plan: written, result, fileCount };
  }
}

const TYPE_ORDER = ['load', 'stress', 'spike', 'soak', 'mixed', 'workflow'];

function withCategoryOverrides(analysis: Analysis, overrides: ReadonlyMap<string, XPerfplan>): Analysis {
  if (![...overrides.values()].some((override) => override.category !== undefined)) return analysis;
  return {
    ...analysis,
    operations: analysis.operations.map((operation) => {
      const category = overrides.get(operation.operationId)?.category;
      return category === undefined ? operation : { ...operation, category };
    }),
  };
}

/** A replacement strategy's output is checked before any renderer sees it. */
function assertTestCases(testCases: unknown): void {
  if (!Array.isArray(testCases)) throw new Error('plan() must return an array of test cases or { testCases, workflows }');
  for (const [index, testCase] of testCases.entries()) {
    const candidate = testCase as Partial<TestCase> | undefined;
    const problems: string[] = [];
    if (typeof candidate?.id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(candidate.id)) problems.push('id must match [A-Za-z0-9_-]+');
    if (!candidate?.type || !(TEST_TYPES as readonly string[]).includes(candidate.type)) problems.push(`type must be one of ${TEST_TYPES.join(', ')}`);
    if (!Array.isArray(candidate?.targets)) problems.push('targets must be an array');
    if (!candidate?.profile || !Array.isArray(candidate.profile.stages)) problems.push('profile.stages must be an array');
    if (!candidate?.criteria || typeof candidate.criteria.p95Ms !== 'number') problems.push('criteria.p95Ms must be a number');
    if (problems.length > 0) throw new Error(`test case ${index}${typeof candidate?.id === 'string' ? ` ("${candidate.id}")` : ''}: ${problems.join('; ')}`);
  }
}

/**
 * When each test case starts in its type's run (one after another, in plan order; cases run only
 * by name start at 0), and whether it may use the spec's server as its default target.
 */
function scheduleTestCases(testCases: StrategyTestCase[], target: { baseUrl: string; baseUrlSource: 'config' | 'spec' }): TestCase[] {
  const next = new Map<string, number>();
  const specDefaultIsLocal = isLoopbackUrl(target.baseUrl);
  return testCases.map((testCase) => {
    const seconds = testCase.profile.stages.reduce((sum, stage) => sum + Math.max(0, stage.durationSeconds), 0);
    let startSeconds = 0;
    if (!testCase.onlyByName) {
      startSeconds = next.get(testCase.type) ?? 0;
      next.set(testCase.type, startSeconds + seconds);
    }
    const heavy = testCase.type === 'stress' || testCase.type === 'spike' || testCase.type === 'soak';
    const requiresChosenBaseUrl = target.baseUrlSource === 'spec' && (heavy || !specDefaultIsLocal);
    return { ...testCase, startSeconds, requiresChosenBaseUrl };
  });
}

/** Stable order: by test type, then by the operation's position in the spec. */
function orderTestCases(testCases: StrategyTestCase[], analysis: Analysis, types: PipelineSettings['types']): StrategyTestCase[] {
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
