import type { TestType } from '../model/index.js';
import type { PerfplanPlugin, ProfileOptions } from '../plugin-api/types.js';

/** A step of a workflow declared in config, by operationId. */
export interface WorkflowStepConfig {
  operationId: string;
  /** Relative weight of the step; 1 when omitted. */
  weight?: number;
}

export interface WorkflowConfig {
  name: string;
  steps: WorkflowStepConfig[];
}

/**
 * Which operations a profile strategy plans (config `routing.<strategy>`), replacing the
 * strategy's own `appliesTo` selectors. An operation is routed to it when it matches every key
 * given (a list: any of its items); `{}` takes every operation.
 */
export interface RoutingConfig {
  /** The test type it plans per operation; the strategy's own when omitted. Each operation's test of a type comes from one strategy. */
  testType?: TestType;
  /** Analysed categories. */
  categories?: Array<'standard' | 'critical' | 'data_intensive'>;
  /** Tags of the operation in the spec. */
  tags?: string[];
  /** Operation filters as in `include`: an operationId, `tag:NAME` or `METHOD /path/glob`. */
  operations?: string[];
}

/**
 * One `plugins` entry: a package name (`csv`, `perfplan-plugin-csv`, `@acme/perfplan-plugin-x`),
 * a path relative to the config file (`./org/standard.js`), a plugin object, or several.
 */
export type PluginEntry = string | PerfplanPlugin | PerfplanPlugin[];

/** What users write in `perfplan.config.ts`, `.perfplanrc.*` or `package.json#perfplan`. */
export interface UserConfig {
  /** OpenAPI document, relative to the config file. */
  spec?: string;
  /** Output folder, relative to the config file; `perfplan-out` by default. */
  output?: string;
  /** Base URL the generated scripts use when `BASE_URL` is not set. */
  baseUrl?: string;
  /** Renderers to run, by name; all registered renderers when omitted. */
  engines?: string[];
  plugins?: PluginEntry[];
  /** Numeric overrides per profile strategy name (`standard`, `critical-path`, `stress`, ...). */
  profiles?: Record<string, ProfileOptions>;
  /**
   * Which operations each profile strategy plans, by strategy name: `{ payments: { testType: 'load', tags: ['payments'] } }`.
   * When several strategies claim an operation's test of one type, the first named here wins.
   */
  routing?: Record<string, RoutingConfig>;
  /** Options per analyzer name. */
  analyzers?: Record<string, Record<string, unknown>>;
  /** Options per renderer name. */
  renderOptions?: Record<string, Record<string, unknown>>;
  /** Operation filters: an operationId, `tag:NAME`, or `METHOD /path/glob`. */
  include?: string[];
  exclude?: string[];
  /** Test types to generate; all when omitted. */
  types?: TestType[];
  workflows?: WorkflowConfig[];
  /** Follow `$ref`s to local files outside the spec's own folder tree (default false: a spec must not read arbitrary files). */
  allowExternalRefs?: boolean;
  /** Follow `$ref`s to http(s) URLs (default false). */
  allowRemoteRefs?: boolean;
  /**
   * Default of the scripts' time scale (TIME_SCALE for k6 and Locust, -JtimeScale for JMeter):
   * every stage, start offset and judged window is multiplied by it; 0.05 rehearses a plan 20 times faster.
   */
  timeScale?: number;
  /**
   * Raise (or lower) the size limits of values perfplan synthesizes from schemas; each also
   * has an environment variable (PERFPLAN_MAX_STRING_LENGTH, ...), which this overrides.
   */
  dataLimits?: DataLimitsConfig;
  /** How request values vary per virtual user and iteration (see PLAN.md's Data section). */
  data?: DataConfig;
}

/** Request data that varies: the run seed's default, the feeder and the sizes of uploads and bulk bodies. */
export interface DataConfig {
  /** Default run seed of the scripts (PERFPLAN_RUN_SEED, JMeter -JrunSeed); derived from the API's title and version when unset. */
  seed?: number;
  /** Rows of the feeder file each engine reads (default 100, at most 10000). */
  feederRows?: number;
  /** Bytes of each file an upload operation sends (default 1048576), at most dataLimits.maxBodyBytes. */
  uploadBytes?: number;
  /** Items of a bulk operation's array body (default 100), at most its maxItems and dataLimits.maxArrayItems. */
  bulkItems?: number;
}

/** Size limits of synthesized request values (see src/data/limits.ts for the defaults). */
export interface DataLimitsConfig {
  /** Characters in one string (default 65536). */
  maxStringLength?: number;
  /** Items in one array (default 1000). */
  maxArrayItems?: number;
  /** Properties in one object (default 1000). */
  maxObjectProperties?: number;
  /** Bytes of one request body or parameter value (default 1048576). */
  maxBodyBytes?: number;
}

export interface ConfigContext {
  /** The folder perfplan was started in. */
  cwd: string;
}

/** A config module may export the object, or a function (sync or async) returning it. */
export type UserConfigExport = UserConfig | ((context: ConfigContext) => UserConfig | Promise<UserConfig>);

/** Values given on the command line that win over both config and strategy defaults. */
export interface ConfigOverrides {
  virtualUsers?: number;
  durationSeconds?: number;
  /** Offered request rate of open-model tests (load, mixed, soak). */
  targetRps?: number;
}

/** The config the pipeline uses: defaults applied, paths absolute. */
export interface ResolvedConfig {
  /** Absolute path of the config file, when one was found. */
  configFile?: string;
  /** Folder relative paths in the config are resolved against: the config file's folder, else cwd. */
  rootDir: string;
  /** Absolute path (or URL) of the spec, when configured. */
  spec?: string;
  /** Absolute output folder. */
  output: string;
  baseUrl?: string;
  /** Renderer names to run; undefined means every registered renderer. */
  engines?: string[];
  /** As written in config; string entries resolve against `rootDir`. */
  plugins: PluginEntry[];
  profiles: Record<string, ProfileOptions>;
  /** Only when configured. */
  routing?: Record<string, RoutingConfig>;
  analyzers: Record<string, Record<string, unknown>>;
  renderOptions: Record<string, Record<string, unknown>>;
  include: string[];
  exclude: string[];
  /** Test types to generate; undefined means all. */
  types?: TestType[];
  workflows: WorkflowConfig[];
  allowExternalRefs: boolean;
  allowRemoteRefs: boolean;
  /** Only when configured. */
  dataLimits?: DataLimitsConfig;
  /** Only when configured. */
  data?: DataConfig;
  overrides: ConfigOverrides;
  timeScale?: number;
  /** List settings that command-line flags set, replacing the config's (so messages name the flag). */
  fromFlags?: Array<'engines' | 'include' | 'exclude' | 'types'>;
}

/** Command-line flags that override config values (paths relative to `cwd`). */
export interface ConfigFlags {
  /** Folder relative flag paths resolve against; `process.cwd()` when omitted. */
  cwd?: string;
  spec?: string;
  output?: string;
  baseUrl?: string;
  engines?: string[];
  include?: string[];
  exclude?: string[];
  types?: string[];
  /** Virtual users for every profile. */
  users?: number;
  /** Duration of each test type's main phase: seconds, or a string such as `90s`, `5m`, `1h`. */
  duration?: number | string;
  /** Offered request rate of load, mixed and soak tests. */
  rps?: number;
  /** Default time scale of the scripts. */
  timeScale?: number;
}

export const DEFAULT_OUTPUT_DIR = 'perfplan-out';
