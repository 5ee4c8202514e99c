import type { ContainerModuleLoadOptions } from 'inversify';
import type {
  Analysis,
  ApiModel,
  Diagnostic,
  OperationAnalysis,
  OperationModel,
  TestCase,
  TestPlan,
  TestType,
  Workflow,
} from '../model/index.js';
import type { AgentResult } from '../pipeline/agent-result.js';
import type { ReadResults, ResultReader } from './results.js';
import type { EngineInstructions } from './services.js';

/** Collects diagnostics; plugins report problems instead of throwing for recoverable ones. */
export interface Reporter {
  report(diagnostic: Diagnostic): void;
}

export interface AnalyzerInput {
  model: ApiModel;
  /** The analysis so far: analyzers run in order, each refining the one before. */
  analysis: Analysis;
  /** This analyzer's options from config (`analyzers.<name>`) over its declared defaults, `{}` when none. */
  options: Readonly<Record<string, unknown>>;
  report: Reporter['report'];
}

/**
 * The options a plugin takes from config (`renderOptions.<name>` for a renderer,
 * `analyzers.<name>` for an analyzer): `defaults` fill what the config leaves out, and the result
 * must match `schema` (a JSON Schema, draft-07) before the plugin runs; a mismatch stops perfplan
 * with exit 2 naming the config key.
 */
export interface PluginOptionsSpec<Options = Record<string, unknown>> {
  schema: Record<string, unknown> | boolean;
  defaults?: Partial<Options>;
}

export interface Analyzer {
  kind: 'analyzer';
  name: string;
  description?: string;
  /** Its options (`analyzers.<name>`), checked before it runs; they arrive as `options` in analyze(). */
  options?: PluginOptionsSpec;
  analyze(input: AnalyzerInput): Analysis | Promise<Analysis>;
}

/**
 * Numbers a profile strategy works with. Built-in strategies read the documented fields;
 * config `profiles.<name>` overrides them field by field.
 */
export interface ProfileOptions {
  virtualUsers?: number;
  maxUsers?: number;
  durationSeconds?: number;
  rampUpSeconds?: number;
  rampDownSeconds?: number;
  thinkTimeSeconds?: number;
  expectedResponseTimeMs?: number;
  p95Ms?: number;
  meanMs?: number;
  maxMs?: number;
  /** Fraction, 0.01 = 1 %. */
  errorRate?: number;
  /**
   * Open models (load, mixed, soak): the request rate the test offers. By default users /
   * (think time + expected response time), and the pool of users is sized from it.
   */
  targetRps?: number;
  /** The throughput the test must show; the offered rate is raised so the tolerance still reaches it. Not with targetRps. */
  minThroughputRps?: number;
  /** Share of the expected rate the throughput criterion may miss: 0.05 (the default) = at least 95 %. */
  throughputTolerance?: number;
  /** Spike: users at the spike (default: 5 times virtualUsers, so `--users` keeps the jump). */
  spikeUsers?: number;
  /** Spike: seconds at the baseline before the spike. */
  baselineSeconds?: number;
  /** Spike: seconds the spike holds. */
  spikeSeconds?: number;
  /** Stress and spike: seconds back at the baseline after the peak, where recovery is judged. */
  recoverySeconds?: number;
  /** Stress: load levels between the baseline and maxUsers. */
  steps?: number;
  /** Soak: length of the first and last windows compared. */
  windowSeconds?: number;
}

export interface ProfileStrategyInput {
  model: ApiModel;
  analysis: Analysis;
  /** The operations routing gave this strategy (see `ProfileStrategy.appliesTo` and config `routing`). */
  operations: OperationAnalysis[];
  /** The strategy's `defaults` with config `profiles.<name>` applied on top. */
  options: Readonly<ProfileOptions>;
  /** Workflows the config declares by operationId (`workflows` key), for workflow strategies. */
  declaredWorkflows: readonly DeclaredWorkflow[];
  report: Reporter['report'];
}

export interface DeclaredWorkflow {
  name: string;
  steps: Array<{ operationId: string; weight?: number }>;
  /** Config key of the declaration, for diagnostics: `workflows[0]`. */
  key: string;
}

/**
 * A test case as a strategy returns it: perfplan schedules it (`startSeconds`, in plan order) and
 * decides whether it needs a base URL the user chose.
 */
export type StrategyTestCase = Omit<TestCase, 'startSeconds' | 'requiresChosenBaseUrl'> & Partial<Pick<TestCase, 'startSeconds' | 'requiresChosenBaseUrl'>>;

/** A strategy returns test cases, and may add the workflows its workflow test cases run. */
export type ProfilePlan = StrategyTestCase[] | { testCases: StrategyTestCase[]; workflows?: Workflow[] };

/** The analysed operation and the spec's operation, for `StrategyScope.match`. */
export interface ScopedOperation {
  operation: OperationAnalysis;
  spec: OperationModel;
}

/**
 * Which operations a profile strategy plans. An operation is in scope when it satisfies every
 * field given (a list: any one of its items); a scope with no selector takes every operation.
 * Config `routing.<strategy>` replaces the selectors (categories, tags, operations, match).
 */
export interface StrategyScope {
  /**
   * The test type this strategy plans per operation. Each operation's test of a type comes from
   * one strategy: when several match it, `x-perfplan.profile` decides, then config `routing` (in
   * its key order), then the strategy registered last. Without `testType` the strategy competes
   * with none and gets every operation in its scope.
   */
  testType?: TestType;
  /** Analysed categories (`standard`, `critical`, `data_intensive`, after `x-perfplan.category`). */
  categories?: ReadonlyArray<OperationAnalysis['category']>;
  /** Tags of the spec's operation. */
  tags?: readonly string[];
  /** Operation filters as in config `include`: an operationId, `tag:NAME` or `METHOD /path/glob`. */
  operations?: readonly string[];
  /** Any other rule over the analysed operation. Code only: a config cannot hold a function. */
  match?(input: ScopedOperation): boolean;
}

export interface ProfileStrategy {
  kind: 'profile';
  name: string;
  description?: string;
  defaults?: ProfileOptions;
  /**
   * The operations this strategy plans. Omitted: every operation, competing with no other
   * strategy, except that a strategy replacing one of the same name keeps the replaced one's scope.
   */
  appliesTo?: StrategyScope;
  /**
   * True when `plan` builds its test cases from `options` (the built-ins do). Otherwise perfplan
   * applies config `profiles.<name>` and the --users/--duration/--rps overrides to the test
   * cases `plan` returns (users scaled, the hold's duration, criteria replaced).
   */
  readsOptions?: boolean;
  plan(input: ProfileStrategyInput): ProfilePlan | Promise<ProfilePlan>;
}

/** A file a renderer produces, relative to the output folder; the host writes it. */
export interface GeneratedFile {
  path: string;
  contents: string;
}

/** What `render` gives: the files in an array, or one by one from a (possibly async) iterable. */
export type RenderOutput = GeneratedFile[] | Promise<GeneratedFile[]> | Iterable<GeneratedFile> | AsyncIterable<GeneratedFile>;

export type SupportResult = { ok: true } | { ok: false; reason: string };

export interface RenderContext {
  /** Renders an ejs template from the renderer's `templatesDir` with the given view model. */
  renderTemplate(name: string, data: Record<string, unknown>): string;
  report: Reporter['report'];
}

/** How to run what a renderer wrote; PLAN.md lists these. */
export interface RunInstruction {
  description: string;
  command: string;
}

/**
 * What `render` gets. The renderer named `plan` (PLAN_RENDERER: PLAN.md and plan.json) renders
 * after every engine and also gets `result`, the agent result plan.json holds, and `instructions`,
 * each engine renderer's run instructions; engine renderers get neither.
 */
export interface RenderInput<Options = Record<string, unknown>> {
  plan: TestPlan;
  options: Options;
  ctx: RenderContext;
  result?: AgentResult;
  instructions?: readonly EngineInstructions[];
}

export interface Renderer<Options = Record<string, unknown>> {
  kind: 'renderer';
  name: string;
  description?: string;
  /** Its options (`renderOptions.<name>`), checked before it runs; they arrive as `options` in render(). */
  options?: PluginOptionsSpec<Options>;
  /** Folder of this renderer's ejs templates (a path or a `file:` URL). */
  templatesDir?: string | URL;
  supports?(plan: TestPlan): SupportResult;
  /**
   * The files for a plan. A generator (sync or async) that yields each file as soon as it is
   * built keeps memory bounded on large plans: perfplan writes every file as it arrives.
   */
  render(input: RenderInput<Options>): RenderOutput;
  instructions?(plan: TestPlan): RunInstruction[];
  /** Reads the results of this renderer's scripts for `perfplan evaluate --engine <name>`. */
  readResults?: ReadResults;
  /** With readResults: which file to pass, for messages (see ResultReader). */
  resultsFile?: string;
}

/**
 * Replaces or adds core services (see `TOKENS` and services.ts): `load` is what you would pass to
 * inversify's `new ContainerModule(load)`. perfplan wraps it in a ContainerModule and loads it
 * after the core bindings and every other plugin, in plugin order, so `rebind(TOKENS.outputWriter)`
 * replaces the output writer. `load` must be synchronous (use `rebind`, not `rebindAsync`).
 */
export interface ContainerPlugin {
  kind: 'container';
  name: string;
  description?: string;
  load(options: ContainerModuleLoadOptions): void;
}

export type PerfplanPlugin = Analyzer | ProfileStrategy | Renderer<any> | ResultReader | ContainerPlugin;
export type PluginKind = PerfplanPlugin['kind'];
