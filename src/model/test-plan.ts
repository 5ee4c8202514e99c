import type { Analysis } from './analysis.js';
import type { Diagnostic } from './diagnostic.js';
import type { HttpMethod, ParameterLocation } from './api-model.js';
import type { JsonValue } from './json.js';

export type TestType = 'load' | 'stress' | 'spike' | 'soak' | 'mixed' | 'workflow';
export const TEST_TYPES: readonly TestType[] = ['load', 'stress', 'spike', 'soak', 'mixed', 'workflow'];

/** A heading for each test type's file or section, as renderers title them. */
export const TEST_TYPE_TITLES: Readonly<Record<TestType, string>> = {
  load: 'Load tests',
  stress: 'Stress tests',
  spike: 'Spike tests',
  soak: 'Soak tests',
  mixed: 'Mixed workload tests',
  workflow: 'Workflow tests',
};

/** One step of a load shape: move linearly to `target` users over `durationSeconds`. */
export interface LoadStage {
  durationSeconds: number;
  target: number;
  label?: string;
}

/**
 * How a profile's numbers follow from each other (Little's law: users = rate × (response time +
 * think time)). Open models offer `rateRps` with a pool of `poolUsers`; closed models run `users`
 * who think between requests, so `rateRps` is what they give at the expected response time.
 */
export interface LoadModel {
  kind: 'open' | 'closed';
  /** Users as configured for the profile. */
  users: number;
  thinkTimeSeconds: number;
  expectedResponseTimeMs: number;
  p95Ms: number;
  /** Open: the offered request rate at the hold. Closed: the rate `users` give at the expected response time. */
  rateRps: number;
  /** Open: users in flight that carry `rateRps` up to a response time of p95 + think time. Closed: `users`. */
  poolUsers: number;
  /** Share of the expected rate the throughput criterion may miss: 0.05 = at least 95 %. */
  tolerance: number;
  /** The arithmetic in sentences, for PLAN.md. */
  explanation: string[];
}

export interface LoadProfile {
  /** Name of the profile strategy that produced it (`standard`, `critical`, ...). */
  name: string;
  title: string;
  virtualUsers: number;
  durationSeconds: number;
  rampUpSeconds: number;
  rampDownSeconds: number;
  thinkTimeSeconds: number;
  expectedResponseTimeMs: number;
  /** The full shape, ramp-up and ramp-down included; engines follow it literally. */
  stages: LoadStage[];
  /**
   * Open model: when set, engines pace arrivals so the whole test case sends this many
   * requests per second at the hold stage (scaled along the stages' targets), using at most
   * `virtualUsers` concurrent users; think time does not apply. Load and mixed tests use it so
   * that their throughput criterion is what is offered. Absent: a closed model of `stages` users
   * who each wait `thinkTimeSeconds` between requests.
   */
  targetRps?: number;
  /** How users, rate, think time and latency targets agree; absent for strategies that do not say. */
  loadModel?: LoadModel;
}

/** A window of a test case's run, in seconds from the test case's start (before any time scale). */
export interface TimeWindow {
  fromSeconds: number;
  toSeconds: number;
}

export interface SuccessCriteria {
  p95Ms: number;
  /** Fraction of failed requests allowed, 0.01 = 1 %. */
  errorRate: number;
  /** Requests per second the throughput window must reach (0: no throughput criterion). */
  minThroughputRps: number;
  /** Where throughput is judged (the hold); absent: over the whole test case. */
  throughputWindow?: TimeWindow;
  /**
   * Where p95, mean, max and the error rate are judged; absent: over the whole test case. Stress
   * judges them only once back at the baseline load (its recovery), since it overloads on purpose.
   */
  latencyWindow?: TimeWindow;
  meanMs?: number;
  maxMs?: number;
}

/** A value sent with a request: where it goes and what it is. */
export interface RequestParameter {
  name: string;
  in: ParameterLocation;
  value: JsonValue;
  style?: string;
  explode?: boolean;
}

/**
 * How a file is written inside a request value: a whole binary body, or a binary field of a
 * multipart or form body. Engines send `content` (ASCII) as the file's bytes, named `name`.
 * `{ "$file": { "name": "sample.bin", "contentType": "application/octet-stream", "content": "perfplan-sample\n" } }`
 */
export interface FileMarker {
  $file: {
    name: string;
    contentType: string;
    content: string;
    /**
     * `base64`: `content` is the bytes in base64, to be decoded before sending (bytes that are
     * not text, such as a CBOR body). Only a whole body is written this way.
     */
    contentEncoding?: 'base64';
  };
}

/** How one field of a form or multipart body is serialized (OpenAPI Encoding Object). */
export interface FieldEncoding {
  contentType?: string;
  style?: string;
  explode?: boolean;
}

/**
 * How one element of an XML body is written (from the spec's OpenAPI XML Objects, defaults
 * applied): a renderer walks the body's value and this tree together.
 */
export interface XmlNode {
  /** Element name (attribute name when `attribute`); for an array item, the name of each item element. */
  name: string;
  namespace?: string;
  prefix?: string;
  /** This property is an attribute of its parent element, not a child element. */
  attribute?: boolean;
  /** Arrays: the items sit inside one element named `name`; otherwise each item is an element of the parent. */
  wrapped?: boolean;
  /** Objects: one entry per property of the value. */
  properties?: Record<string, XmlNode>;
  /** Arrays: how each item is written. */
  items?: XmlNode;
}

export interface RequestBody {
  mediaType: string;
  /** JSON and XML bodies: the value (renderers serialize XML); form/multipart: an object of fields; binary: a FileMarker. */
  value: JsonValue;
  /** Per-field encoding of form and multipart bodies, where the spec gives one. */
  encoding?: Record<string, FieldEncoding>;
  /** XML bodies: the root element and the spec's `xml` hints for every element of `value`. */
  xml?: XmlNode;
}

/** A fully resolved request for one operation; renderers only translate it. */
export interface RequestTemplate {
  operationId: string;
  method: HttpMethod;
  /**
   * Path template with `{name}` placeholders, as sent: the spec's path key without its `?query` or
   * `#fragment`, and its `:name` / `<name>` placeholders of declared path parameters written `{name}`.
   */
  path: string;
  /**
   * The literal query of the spec's path key (`/responses?beta=true` → `beta=true`), already
   * percent-encoded: sent as it is, before the query parameters (none of which has one of its names).
   */
  query?: string;
  /** The `env` of the TestPlan.servers entry this request goes to (path- or operation-level `servers`); absent: the base URL. */
  server?: string;
  parameters: RequestParameter[];
  body?: RequestBody;
  /** Statuses the spec documents as success (2xx → 200 for `2XX`); empty when none: any status below 400 passes. */
  expectedStatuses: number[];
  /** Security scheme names this request needs (the first alternative the plan can satisfy). */
  auth: string[];
  /**
   * Why the request may not succeed against a validating server even though the script is right
   * (for example a scheme no engine can satisfy); conformance runs report it instead of failing.
   */
  knownUnsupported?: string;
  /**
   * Values that change per virtual user and iteration (or per request) instead of repeating the
   * plan's value, which a real server would reject or replay under load. Engines apply them to
   * the values above before a workflow step's injections, so injected values win.
   */
  variations?: ValueVariation[];
}

/** What every variation says: where the value goes. */
interface VariationBase {
  /**
   * Where the value goes, in the syntax of workflow injections: `path.petId`, `query.id`,
   * `header.Idempotency-Key`, `cookie.sid`, `body#/id`, `body#/0/email`, `body` (the whole body).
   */
  target: string;
}

/**
 * The iteration counter a variation uses: c = n × `of` + `index` (n: the iteration number unique
 * across the run's virtual users). Items of a bulk body each take their own lane, so the items of
 * one request differ from each other as well as from other iterations'.
 */
export interface VariationLane {
  index: number;
  of: number;
}

/** An integer in [min, min + step × (count − 1)]: min + step × ((mix32(seed) + c) mod count). */
export interface IntegerVariation extends VariationBase {
  kind: 'integer';
  min: number;
  step: number;
  count: number;
  lane?: VariationLane;
}

/**
 * Text from a feeder row with a unique suffix: row + '-' + base36((mix32(seed) + c) mod 36^width),
 * the suffix padded with 0 to `width` digits. `email` puts the suffix before the row's last `@`.
 */
export interface TextVariation extends VariationBase {
  kind: 'string' | 'email';
  /** The feeder column (TestPlan.data.columns) whose row is the base; the plan's value when absent. */
  column: string;
  width: number;
  lane?: VariationLane;
}

/** A version-4-shaped UUID made from the run seed and c (different c, different UUID). */
export interface UuidVariation extends VariationBase {
  kind: 'uuid';
  lane?: VariationLane;
}

/**
 * A fresh UUID for every request (idempotency keys, request ids): the uuid of c = n × 65536 + r,
 * r the request's index within its iteration.
 */
export interface RequestKeyVariation extends VariationBase {
  kind: 'request-key';
}

/** A credential of a login operation: the environment variable `env` when set and not empty, else the plan's value. */
export interface CredentialVariation extends VariationBase {
  kind: 'credential';
  env: string;
}

/** A file of `bytes` bytes: the file marker's content at `target` repeated (a fixed pattern), cut at `bytes`. */
export interface FileVariation extends VariationBase {
  kind: 'file';
  bytes: number;
}

/**
 * How one request value varies. Every engine computes it alike from the run seed
 * (`PERFPLAN_RUN_SEED`, JMeter `-JrunSeed`; default `TestPlan.data.seed`) and an iteration number
 * unique across the run's virtual users (src/data/variations/varied-values.ts is the reference).
 */
export type ValueVariation = IntegerVariation | TextVariation | UuidVariation | RequestKeyVariation | CredentialVariation | FileVariation;

/** The environment variable (JMeter: the property `runSeed`) that sets the run seed. */
export const RUN_SEED_ENV = 'PERFPLAN_RUN_SEED';

/** One column of the feeder: realistic base values of a varying text field, one per row. */
export interface FeederColumn {
  /** `c0`, `c1`, ...: an identifier in every engine's language. */
  name: string;
  /** What the column feeds, for the plan reader. */
  description: string;
  /** Exactly `DataPlan.rows` values, each valid for the field's schema with any suffix. */
  values: string[];
}

/** How request data varies in a run: the seed's default and the feeder every engine reads. */
export interface DataPlan {
  /** The run seed when PERFPLAN_RUN_SEED / -JrunSeed is not set: a whole number in [0, 2^32). */
  seed: number;
  /** Rows of the feeder; an iteration takes row n mod rows. */
  rows: number;
  columns: FeederColumn[];
  /** Bytes of each uploaded file (file variations), as planned. */
  uploadBytes: number;
  /** Items of a bulk body (an array body of a bulk operation), at most. */
  bulkItems: number;
}

/**
 * Bounds of a relative weight (`x-perfplan.weight`, workflow steps in config): finite, at least
 * 0.001 (the finest share perfplan honours) and at most 10000, so every renderer's arithmetic on
 * weights (sums, ratios, whole-number scaling, gcd) stays finite and exact enough.
 */
export const WEIGHT_LIMITS = { min: 0.001, max: 10_000 } as const;

export interface TestTarget {
  operationId: string;
  /** Relative weight in a mixed workload; 1 for single-operation tests. */
  weight: number;
}

/** Where stress testing stops: any one of these means the breaking point is reached. */
export interface BreakingPointCriteria {
  p95Ms: number;
  errorRate: number;
  /** Fraction of the best throughput seen: 0.5 = a drop of more than 50 %. */
  throughputDrop: number;
}

export interface SpikeCriteria {
  /** Error rate allowed while the spike lasts. */
  errorRateDuringSpike: number;
  /** Seconds after the spike within which p95 and errors must be back within the baseline criteria. */
  recoverySeconds: number;
  /** The spike: from the jump until the drop back to the baseline. */
  spikeWindow: TimeWindow;
  /** From `recoverySeconds` after the spike until the ramp-down: p95 and errors must meet the criteria again. */
  recoveredWindow?: TimeWindow;
}

export interface SoakCriteria {
  /** Length of the first and last windows compared. */
  windowSeconds: number;
  /** The first and last `windowSeconds` of the hold. */
  firstWindow: TimeWindow;
  lastWindow: TimeWindow;
  /** Allowed growth of p95 from the first to the last window: 0.2 = 20 %. */
  maxP95Drift: number;
  /** Allowed growth of the error rate from the first to the last window (absolute fraction). */
  maxErrorRateGrowth: number;
}

export interface TestCase {
  id: string;
  name: string;
  type: TestType;
  /** Why this test exists, for the plan reader. */
  rationale: string;
  targets: TestTarget[];
  profile: LoadProfile;
  criteria: SuccessCriteria;
  /** For stress tests. */
  breakingPoint?: BreakingPointCriteria;
  /**
   * For stress tests: the load after the peak (or, in engines that adapt, after the breaking
   * point) at which recovery is judged, and the part of the run that judges it.
   */
  recovery?: { users: number; durationSeconds: number; settleSeconds: number };
  spike?: SpikeCriteria;
  soak?: SoakCriteria;
  /** For workflow tests: the workflow in `TestPlan.workflows` that each iteration runs. */
  workflowId?: string;
  /**
   * Seconds after its test type's run starts at which this test case starts: the test cases of
   * a type run one after another, in plan order. Run alone (selected by name), it starts at 0.
   */
  startSeconds: number;
  /**
   * Not part of its test type's default run, only run when selected by name (per-operation
   * stress and spike cases: the default run is the system-wide case).
   */
  onlyByName?: boolean;
  /**
   * The scripts refuse to start this test case without a base URL the user chose (BASE_URL or a
   * configured `baseUrl`): stress, spike and soak never load the spec's server by default, and
   * no test does unless it is a loopback address.
   */
  requiresChosenBaseUrl: boolean;
  /** The servers of TestPlan.servers its requests go to, and what each needs to run; absent: only the base URL. */
  servers?: TestCaseServer[];
}

/**
 * Where a workflow step takes a value from, as an OpenAPI runtime expression:
 * `$response.body#/id`, `$response.header.Location`, `$request.path.petId`, `$request.body#/name`.
 */
export interface ValueExtraction {
  variable: string;
  from: string;
}

/** Where a carried value goes in a later step: `path.petId`, `query.id`, `header.X-Id`, `cookie.sid`, `body#/owner/id`. */
export interface ValueInjection {
  variable: string;
  to: string;
}

export interface WorkflowStep {
  /** Unique within the workflow. */
  id: string;
  operationId: string;
  /**
   * Share of iterations that run this step, in (0, 1]. Every step runs in a virtual user's first
   * iteration so that the values later steps need exist; after that step i runs in iteration n
   * when floor((n + 1) * weight) > floor(n * weight).
   */
  weight: number;
  extract: ValueExtraction[];
  inject: ValueInjection[];
}

export interface WorkflowCriteria {
  /** Share of iterations that must finish every step successfully. */
  completionRate: number;
  meanWorkflowMs: number;
  errorRate: number;
}

export interface Workflow {
  id: string;
  name: string;
  category: 'authentication' | 'lifecycle' | 'links' | 'custom';
  rationale: string;
  steps: WorkflowStep[];
  criteria: WorkflowCriteria;
}

/**
 * A server some operations go to instead of the base URL: the first of their path- or
 * operation-level `servers`, when it is not the API's first server. Scripts take its URL from the
 * environment variable `env` (JMeter: the property of that name); when it is not set, from `url`.
 */
export interface PlanServer {
  /** `BASE_URL_<NAME>`, unique in the plan's environment. */
  env: string;
  /**
   * The spec's URL with its variables at their defaults, without a trailing slash. Absolute, or
   * (`relative`) a path that scripts put on the base URL's scheme, host and port.
   */
  url: string;
  relative: boolean;
  /** The operations that go there. */
  operations: string[];
}

/** How a test case uses a server of TestPlan.servers. */
export interface TestCaseServer {
  env: string;
  /**
   * The test case does not start unless `env` is set: the server's default is the spec's, and is
   * not a loopback address or the test type never runs against the spec's servers by default.
   */
  requiresChosen: boolean;
  /**
   * Requests of the test case carry credentials there: unless `env` is set, the default must be on
   * the same scheme, host and port as the base URL, or the test case does not start (credentials
   * go only to hosts the user named).
   */
  credentials: boolean;
}

export interface EnvironmentVariable {
  name: string;
  description: string;
  required: boolean;
  secret: boolean;
  default?: string;
}

export type AuthPlan =
  | { scheme: string; type: 'bearer'; tokenEnv: string }
  | {
      scheme: string;
      type: 'oauth2-client-credentials';
      /** As in the spec; a relative URL is relative to the base URL. */
      tokenUrl: string;
      /** Overrides `tokenUrl` when set. */
      tokenUrlEnv: string;
      clientIdEnv: string;
      clientSecretEnv: string;
      scopes: string[];
      /** A token obtained beforehand: when set, no token request is made. */
      tokenEnv: string;
    }
  | {
      scheme: string;
      type: 'oauth2-password';
      tokenUrl: string;
      tokenUrlEnv: string;
      clientIdEnv: string;
      clientSecretEnv: string;
      usernameEnv: string;
      passwordEnv: string;
      scopes: string[];
      tokenEnv: string;
    }
  | { scheme: string; type: 'basic'; usernameEnv: string; passwordEnv: string }
  | { scheme: string; type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; valueEnv: string };

export interface PlanSource {
  title: string;
  version: string;
  specVersion: string;
  /** File name of the spec (no directories, so the plan does not leak local paths). */
  specFile: string;
  operationCount: number;
  /** Webhooks the spec describes (3.1 `webhooks`, `x-webhooks`): requests the API sends, not tested; absent when none. */
  webhookCount?: number;
}

/**
 * The engine-neutral test plan: the only input a renderer sees. Fully resolved:
 * concrete values, durations in seconds, no `$ref`s.
 */
export interface TestPlan {
  planVersion: 1;
  source: PlanSource;
  /** Base URL the scripts use when `BASE_URL` is not set (and the test case allows a default). */
  defaultBaseUrl: string;
  /** Where `defaultBaseUrl` comes from: the user's config or flag, or the spec's first server. */
  defaultBaseUrlSource: 'config' | 'spec';
  /**
   * The run-time time scale's default: every stage, start offset and window is multiplied by it
   * (1 = as planned; 0.05 = a rehearsal 20 times shorter). Engines take TIME_SCALE / -JtimeScale.
   */
  timeScale: number;
  analysis: Analysis;
  requests: RequestTemplate[];
  testCases: TestCase[];
  workflows: Workflow[];
  auth: AuthPlan[];
  /** Servers other than the base URL that some requests go to (RequestTemplate.server); absent: none. */
  servers?: PlanServer[];
  environment: EnvironmentVariable[];
  /** How request values vary per virtual user and iteration; absent: every request sends the plan's values. */
  data?: DataPlan;
  diagnostics: Diagnostic[];
}
