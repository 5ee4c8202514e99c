// The core services a container module may replace (`rebind(TOKENS.<service>)`), one job each.
// The default implementations live in src/pipeline and src/render; src/di binds them.
import type {
  Analysis,
  ApiModel,
  AuthPlan,
  DataPlan,
  Diagnostic,
  EnvironmentVariable,
  OperationAnalysis,
  OperationModel,
  RequestTemplate,
  TestPlan,
  TestType,
} from '../model/index.js';
import type { AgentResult } from '../pipeline/agent-result.js';
import type { OpenOutputOptions, OutputSession } from '../render/output-session.js';
import type { GeneratedFile, ProfileStrategy, Reporter, RunInstruction } from './types.js';

export interface SpecLoadInput {
  /** The spec file; with `document`, only its label and the folder relative `$ref`s resolve against. */
  file: string;
  document?: unknown;
  allowExternalFiles: boolean;
  allowRemoteRefs: boolean;
}

/** Reads a spec into the ApiModel; problems that leave a usable model are diagnostics. */
export interface SpecLoader {
  load(input: SpecLoadInput): Promise<{ model: ApiModel; diagnostics: Diagnostic[] }>;
}

/** Runs the registered analyzers in order over a model. */
export interface AnalysisService {
  analyze(input: { model: ApiModel; report: Reporter['report'] }): Promise<Analysis>;
}

export interface RoutingInput {
  model: ApiModel;
  /** The operations to plan (filtered, skips removed), categories as x-perfplan set them. */
  operations: readonly OperationAnalysis[];
  /** Every registered strategy, in registry order. */
  strategies: readonly ProfileStrategy[];
  /** The strategy each operation's `x-perfplan.profile` names. */
  requested: ReadonlyMap<string, string>;
  report: Reporter['report'];
}

/** Why a strategy got its operations, for `perfplan plugins`. */
export type RouteOrigin = 'appliesTo' | 'config routing' | 'replaced strategy' | 'all operations';

export interface StrategyRoute {
  strategy: ProfileStrategy;
  /** The test type it plans per operation; undefined when it competes with no other strategy. */
  testType?: TestType;
  /** Where its scope came from. */
  origin: RouteOrigin;
  /** The scope in words: `categories standard`, `tags payments`, `every operation`. */
  scope: string;
  /** The operations it plans, in analysis order (those `x-perfplan.profile` sent to it included). */
  operations: OperationAnalysis[];
}

/** Which strategy plans which operations. */
export interface StrategyRouting {
  route(input: RoutingInput): StrategyRoute[];
}

export interface RequestDataInput {
  model: ApiModel;
  analysis: Analysis;
  /** The selected operations of the spec, in spec order. */
  operations: readonly OperationModel[];
  report: Reporter['report'];
}

/** The requests of the plan: values synthesized from the schemas, what varies, the feeder. */
export interface RequestDataBuilder {
  build(input: RequestDataInput): { requests: RequestTemplate[]; environment: EnvironmentVariable[]; data?: DataPlan };
}

/** How each security scheme the requests use gets its credentials, and the variables that carry them. */
export interface AuthPlanner {
  plan(input: { model: ApiModel; requests: readonly RequestTemplate[] }): { auth: AuthPlan[]; environment: EnvironmentVariable[] };
}

export interface EngineInstructions {
  engine: string;
  steps: RunInstruction[];
}

/**
 * The plan's own files (PLAN.md, plan.json), written after every renderer's. The default renders
 * them with the registered renderer named `plan` (PLAN_RENDERER), the built-in one unless a plugin
 * replaced it; `report` takes what that renderer reports.
 */
export interface PlanWriter {
  files(input: {
    plan: TestPlan;
    result: AgentResult;
    instructions: readonly EngineInstructions[];
    report?: Reporter['report'];
  }): GeneratedFile[] | Promise<GeneratedFile[]>;
}

export type OutputOptions = Omit<OpenOutputOptions, 'fs'>;

/** Where `generate` puts the files: `open`, `add` each file as it is rendered, then `finish` (or `abort`). */
export interface OutputWriter {
  open(options: OutputOptions): Promise<OutputSession>;
}

export type { AgentResult } from '../pipeline/agent-result.js';
export type { OutputDifferences, OutputFileSummary, OutputSession, WriteResult } from '../render/output-session.js';
