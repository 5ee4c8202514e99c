import type { ApiModel, EnvironmentVariable, PlanServer, RequestTemplate, TestCase, TestCaseServer, Workflow } from '../model/index.js';
import { isAbsoluteServerUrl, isLoopbackUrl, serverUrlWithDefaults } from './base-url.js';

// OpenAPI 3 lets a path item or an operation list its own `servers` (Swagger 2.0: its own
// `schemes`), which replace the API's for it: an upload endpoint on `uploads.example.com`. Each
// such server gets an environment variable of its own, BASE_URL_<NAME>, as the API's has BASE_URL.
// It follows BASE_URL's rules: the spec's URL is used by default only when it is a loopback
// address, and never by stress, spike and soak tests; a relative server URL is taken on the base
// URL's scheme, host and port. Credentials go only to hosts the user named: a request that carries
// them goes to a server's default URL only when it is on the base URL's origin (see SERVER_RULE).

/** PLAN.md's statement of the rule every engine applies to a server of TestPlan.servers. */
export const SERVER_RULE =
  'Some operations go to a server of their own (the path- or operation-level `servers` of the spec), set by its `BASE_URL_<NAME>` variable ' +
  '(JMeter: `-JBASE_URL_<NAME>=...`). Like `BASE_URL`, a server\'s default from the spec is used only when it is a loopback address, and never by ' +
  'stress, spike and soak tests: otherwise the test cases that call it stop at start until the variable is set. A relative server URL is taken on ' +
  "`BASE_URL`'s scheme, host and port. Credentials go only to hosts you name: a request that carries them goes to a server's default only when " +
  "it is on `BASE_URL`'s scheme, host and port; otherwise the run stops at start and names the variable to set.";

const PREFIX = 'BASE_URL_';
const MAX_NAME = 40;

/** `scheme`, host (lower case) and port and path of an absolute URL, by text (spec URLs may not parse). */
function parts(url: string): { scheme: string; host: string; port: string; path: string } | undefined {
  const match = /^(?:([a-z][a-z0-9+.-]*):)?\/\/([^/?#]*)([^?#]*)/i.exec(url);
  if (match === null) return undefined;
  const authority = match[2]!.replace(/^.*@/, '');
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority);
  return { scheme: (match[1] ?? 'https').toLowerCase(), host: (hostPort?.[1] ?? authority).toLowerCase(), port: hostPort?.[2] ?? '', path: match[3]! };
}

function words(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_NAME)
    .replace(/_+$/, '');
}

/**
 * What tells a server apart from the API's first one, as a variable name: the host's labels
 * before the part both share (`uploads.example.com` next to `api.example.com` → UPLOADS), else
 * the port, the path or the scheme.
 */
function label(url: string, relative: boolean, root: string | undefined): string {
  if (relative) return words(url) || 'ROOT';
  const own = parts(url);
  if (own === undefined) return 'SERVER';
  const base = root === undefined ? undefined : parts(root);
  const baseHost = base?.host ?? 'localhost';
  if (own.host !== baseHost) {
    const labels = own.host.split('.');
    const others = baseHost.split('.');
    while (labels.length > 1 && others.length > 0 && labels.at(-1) === others.at(-1)) {
      labels.pop();
      others.pop();
    }
    return words(labels.join('.')) || 'SERVER';
  }
  if (base !== undefined && own.port !== base.port) return words(`port ${own.port || 'default'}`);
  if (base !== undefined && own.path !== base.path) return words(own.path) || 'ROOT';
  return words(own.scheme) || 'SERVER';
}

export interface PlannedServers {
  /** The requests, each going to a server of `servers` with its `server` set. */
  requests: RequestTemplate[];
  servers: PlanServer[];
  environment: EnvironmentVariable[];
}

function listed(operations: readonly string[]): string {
  const shown = operations.slice(0, 3).join(', ');
  return operations.length > 3 ? `${shown} and ${operations.length - 3} more` : shown;
}

/** The servers the requests go to besides the base URL, with their variables. */
export function planServers(model: ApiModel, requests: readonly RequestTemplate[]): PlannedServers {
  const operations = new Map(model.operations.map((operation) => [operation.id, operation] as const));
  const rootServer = model.servers[0];
  const root = rootServer === undefined ? undefined : serverUrlWithDefaults(rootServer);
  const rootAbsolute = root !== undefined && isAbsoluteServerUrl(root) ? absolute(root) : undefined;
  const byUrl = new Map<string, PlanServer>();
  const taken = new Set<string>(['BASE_URL']);
  const planned = requests.map((request) => {
    const server = operations.get(request.operationId)?.servers?.[0];
    if (server === undefined) return request;
    const written = serverUrlWithDefaults(server);
    if (written === root) return request;
    const relative = !isAbsoluteServerUrl(written);
    const url = relative ? `/${written.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/' : absolute(written);
    let entry = byUrl.get(url);
    if (entry === undefined) {
      const name = `${PREFIX}${label(url, relative, rootAbsolute)}`;
      let env = name;
      for (let n = 2; taken.has(env); n++) env = `${name}_${n}`;
      taken.add(env);
      entry = { env, url: relative && url === '/' ? '' : url, relative, operations: [] };
      byUrl.set(url, entry);
    }
    entry.operations.push(request.operationId);
    return { ...request, server: entry.env };
  });
  const servers = [...byUrl.values()];
  const environment = servers.map((server): EnvironmentVariable => {
    const where = `its own server for ${listed(server.operations)}`;
    if (server.relative) {
      return {
        name: server.env,
        description: `Base URL of ${where} (default: BASE_URL's scheme, host and port${server.url === '' ? '' : ` + ${server.url}`})`,
        required: false,
        secret: false,
      };
    }
    return {
      name: server.env,
      description: `Base URL of ${where} (the spec's, used by default only when a loopback address, never by stress, spike and soak)`,
      required: false,
      secret: false,
      default: server.url,
    };
  });
  return { requests: planned, servers, environment };
}

/** `//host/...` on https, as for the API's server; no trailing slash. */
function absolute(url: string): string {
  return (url.startsWith('//') ? `https:${url}` : url).replace(/\/+$/, '');
}

/** The operations a test case calls: its targets and its workflow's steps. */
function operationsOf(testCase: TestCase, workflows: readonly Workflow[]): Set<string> {
  const ids = new Set(testCase.targets.map((target) => target.operationId));
  const workflow = testCase.workflowId === undefined ? undefined : workflows.find((candidate) => candidate.id === testCase.workflowId);
  for (const step of workflow?.steps ?? []) ids.add(step.operationId);
  return ids;
}

/** Each test case with the servers its requests go to (TestCase.servers) and what each needs to run. */
export function withServerNeeds(input: { testCases: TestCase[]; requests: readonly RequestTemplate[]; servers: readonly PlanServer[]; workflows: readonly Workflow[] }): TestCase[] {
  if (input.servers.length === 0) return input.testCases;
  const requests = new Map(input.requests.map((request) => [request.operationId, request] as const));
  const servers = new Map(input.servers.map((server) => [server.env, server] as const));
  return input.testCases.map((testCase) => {
    const used = new Map<string, TestCaseServer>();
    const heavy = testCase.type === 'stress' || testCase.type === 'spike' || testCase.type === 'soak';
    for (const operationId of operationsOf(testCase, input.workflows)) {
      const request = requests.get(operationId);
      const server = request?.server === undefined ? undefined : servers.get(request.server);
      if (request === undefined || server === undefined) continue;
      const entry = used.get(server.env) ?? { env: server.env, requiresChosen: !server.relative && (heavy || !isLoopbackUrl(server.url)), credentials: false };
      entry.credentials ||= request.auth.length > 0;
      used.set(server.env, entry);
    }
    if (used.size === 0) return testCase;
    return { ...testCase, servers: [...used.values()].sort((a, b) => (a.env < b.env ? -1 : a.env > b.env ? 1 : 0)) };
  });
}
