import type { LoadProfile, SuccessCriteria, TestCase, TestPlan } from 'perfplan/plugin';

/** Spec text that breaks naive code generation: quotes, backticks, `${}`, comment ends, newlines, U+2028. */
export const HOSTILE = 'q"s\'b`${process.exit(1)}*/\n//x\u2028y\u2029z';

const profile: LoadProfile = {
  name: 'standard',
  title: 'Standard Load',
  virtualUsers: 10,
  durationSeconds: 60,
  rampUpSeconds: 30,
  rampDownSeconds: 30,
  thinkTimeSeconds: 1,
  expectedResponseTimeMs: 500,
  stages: [
    { durationSeconds: 30, target: 10, label: 'ramp-up' },
    { durationSeconds: 60, target: 10, label: 'hold' },
    { durationSeconds: 30, target: 0, label: 'ramp-down' },
  ],
};

const criteria: SuccessCriteria = { p95Ms: 1000, errorRate: 0.01, minThroughputRps: 15, throughputWindow: { fromSeconds: 30, toSeconds: 90 } };

/** Load test cases run one after another: each starts when the one before it ends (120 s each). */
function loadCase(id: string, operationId: string, index: number): TestCase {
  return {
    id,
    name: `Standard Load: ${operationId}`,
    type: 'load',
    startSeconds: index * 120,
    requiresChosenBaseUrl: false,
    rationale: `Because ${HOSTILE}`,
    targets: [{ operationId, weight: 1 }],
    profile,
    criteria,
  };
}

/** Stress: two steps up, back to the baseline for the recovery, judged from 30 s into it. */
const stressProfile: LoadProfile = {
  ...profile,
  name: 'stress',
  title: 'Stress',
  virtualUsers: 100,
  durationSeconds: 120,
  stages: [
    { durationSeconds: 10, target: 50, label: 'ramp to step 1' },
    { durationSeconds: 50, target: 50, label: 'hold step 1' },
    { durationSeconds: 10, target: 100, label: 'ramp to step 2' },
    { durationSeconds: 50, target: 100, label: 'hold step 2' },
    { durationSeconds: 1, target: 10, label: 'drop to baseline' },
    { durationSeconds: 60, target: 10, label: 'recovery' },
    { durationSeconds: 30, target: 0, label: 'ramp-down' },
  ],
};

function stressCase(id: string, targets: TestCase['targets'], onlyByName: boolean): TestCase {
  return {
    id,
    name: `Stress ${id}`,
    type: 'stress',
    startSeconds: 0,
    requiresChosenBaseUrl: true,
    ...(onlyByName ? { onlyByName } : {}),
    rationale: 'Find the breaking point.',
    targets,
    profile: stressProfile,
    criteria: { p95Ms: 1000, errorRate: 0.01, minThroughputRps: 0, latencyWindow: { fromSeconds: 151, toSeconds: 181 } },
    breakingPoint: { p95Ms: 5000, errorRate: 0.1, throughputDrop: 0.5 },
    recovery: { users: 10, durationSeconds: 60, settleSeconds: 30 },
  };
}

/**
 * A hand-made plan over every feature the k6 renderer handles: path params, query
 * arrays in each style, headers and cookies, JSON/form/multipart/binary/text bodies,
 * bearer, basic, apiKey and OAuth2 (client credentials, password) auth, a workflow, and hostile strings in ids, paths and values.
 */
export function fixturePlan(): TestPlan {
  return {
    planVersion: 1,
    source: { title: `Pets ${HOSTILE}`, version: '1.0.0', specVersion: '3.0.3', specFile: 'pets*/.yaml', operationCount: 9 },
    defaultBaseUrlSource: 'config', timeScale: 1, defaultBaseUrl: 'http://localhost:4010/api/v1/',
    analysis: {
      totals: { operations: 9, read: 4, write: 5, deprecated: 0 },
      authenticationRequired: true,
      complexity: { level: 'low', reasons: [] },
      recommendedLoadPatterns: [],
      operations: [],
      dependencies: [],
    },
    requests: [
      {
        operationId: 'listPets',
        method: 'get',
        path: '/pets',
        parameters: [
          { name: 'tags', in: 'query', value: ['dog', 'cat & mouse'] },
          { name: 'ids', in: 'query', value: [1, 2, 3], style: 'form', explode: false },
          { name: 'sizes', in: 'query', value: ['s', 'm'], style: 'spaceDelimited', explode: false },
          { name: 'colors', in: 'query', value: ['red', 'blue'], style: 'pipeDelimited', explode: false },
          { name: 'filter', in: 'query', value: { kind: 'dog', age: 3 }, style: 'deepObject', explode: true },
          { name: 'q', in: 'query', value: HOSTILE },
          { name: 'X-Request-Id', in: 'header', value: HOSTILE },
          { name: 'Accept', in: 'header', value: 'text/html' },
          { name: 'session', in: 'cookie', value: 'abc;def' },
        ],
        expectedStatuses: [200],
        auth: ['bearerAuth'],
      },
      {
        operationId: 'get /pets/{petId}',
        method: 'get',
        path: '/pets/{petId}/`${x}`*/',
        parameters: [
          { name: 'petId', in: 'path', value: `a/b ${HOSTILE}` },
          { name: 'x', in: 'path', value: 7 },
        ],
        expectedStatuses: [200, 404],
        auth: ['apiKeyQuery'],
      },
      {
        operationId: 'class',
        method: 'post',
        path: '/pets',
        parameters: [],
        body: { mediaType: 'application/json', value: { name: HOSTILE, tags: ['a', 'b'], nested: { ok: true, n: null } } },
        expectedStatuses: [201],
        auth: ['bearerAuth', 'apiKeyHeader'],
      },
      {
        operationId: '1abc',
        method: 'put',
        path: '/pets/{petId}/form',
        parameters: [{ name: 'petId', in: 'path', value: 42 }],
        body: { mediaType: 'application/x-www-form-urlencoded', value: { name: 'Rex the 2nd', tags: ['x', 'y'], meta: { a: 1 } } },
        expectedStatuses: [],
        auth: ['basicAuth'],
      },
      {
        operationId: 'uploadPhoto',
        method: 'post',
        path: '/pets/{petId}/photo',
        parameters: [{ name: 'petId', in: 'path', value: [1, 2], style: 'simple' }],
        body: {
          mediaType: 'multipart/form-data',
          value: {
            caption: HOSTILE,
            count: 2,
            file: { $file: { name: 'photo "1".png', contentType: 'image/png', content: 'perfplan-sample\n' } },
          },
        },
        expectedStatuses: [200, 201],
        auth: ['apiKeyCookie'],
      },
      {
        operationId: 'upload-photo',
        method: 'post',
        path: '/pets/{petId}/raw',
        parameters: [{ name: 'petId', in: 'path', value: 'p1', style: 'matrix' }],
        body: { mediaType: 'application/octet-stream', value: { $file: { name: 'sample.bin', contentType: 'application/octet-stream', content: 'perfplan-sample\n' } } },
        expectedStatuses: [204],
        auth: ['oauthClient'],
      },
      {
        operationId: 'uploadPhoto',
        method: 'post',
        path: '/duplicate-of-uploadPhoto',
        parameters: [],
        expectedStatuses: [200],
        auth: [],
      },
      {
        operationId: 'signup',
        method: 'post',
        path: '/signup',
        parameters: [],
        body: { mediaType: 'multipart/form-data', value: { user: 'ann', profile: { age: 3 } } },
        expectedStatuses: [201],
        auth: ['oauthPassword'],
      },
      {
        operationId: 'notes',
        method: 'patch',
        path: '/notes',
        parameters: [{ name: 'size', in: 'path', value: 1, style: 'label' }],
        body: { mediaType: 'text/plain', value: HOSTILE },
        expectedStatuses: [200],
        auth: ['unknownScheme'],
      },
      {
        operationId: 'createPet',
        method: 'post',
        path: '/pets/new',
        parameters: [],
        body: { mediaType: 'application/json', value: { name: 'Rex', owner: { id: 1 } } },
        expectedStatuses: [201],
        auth: [],
      },
      {
        operationId: 'getPet',
        method: 'get',
        path: '/pets/{petId}',
        parameters: [
          { name: 'petId', in: 'path', value: 1 },
          { name: 'x-trace', in: 'header', value: 'trace-1' },
        ],
        expectedStatuses: [200],
        auth: [],
        knownUnsupported: `Prism cannot ${HOSTILE}`,
      },
      {
        operationId: 'charge',
        method: 'post',
        path: '/charges',
        parameters: [],
        body: {
          mediaType: 'application/x-www-form-urlencoded',
          value: { amount: 5, metadata: { a: '1' }, expand: ['x', 'y'], note: 'a b&c' },
          encoding: { expand: { style: 'deepObject', explode: true }, metadata: { style: 'deepObject', explode: true } },
        },
        expectedStatuses: [200],
        auth: [],
      },
    ],
    testCases: [
      loadCase('load_listPets', 'listPets', 0),
      loadCase('load_get_pets_petId', 'get /pets/{petId}', 1),
      loadCase('load class "x" */', 'class', 2),
      loadCase('load_1abc', '1abc', 3),
      loadCase('load_uploadPhoto', 'uploadPhoto', 4),
      {
        id: 'mixed_all',
        name: 'Mixed workload',
        type: 'mixed',
        startSeconds: 0, requiresChosenBaseUrl: false, rationale: 'All operations together.',
        targets: [
          { operationId: 'listPets', weight: 0.6 },
          { operationId: 'get /pets/{petId}', weight: 0.3 },
          { operationId: 'class', weight: 0.1 },
          { operationId: 'missing-op', weight: 1 },
        ],
        profile: { ...profile, name: 'mixed', title: 'Mixed', targetRps: 12 },
        criteria: { p95Ms: 800, errorRate: 0.005, minThroughputRps: 10, meanMs: 300, maxMs: 3000, throughputWindow: { fromSeconds: 30, toSeconds: 90 } },
      },
      {
        id: 'load_rate',
        name: 'Paced load',
        type: 'load',
        startSeconds: 600, requiresChosenBaseUrl: false, rationale: 'Open model.',
        targets: [{ operationId: 'charge', weight: 1 }],
        profile: { ...profile, targetRps: 25 },
        criteria,
      },
      stressCase('stress_system', [
        { operationId: 'listPets', weight: 3 },
        { operationId: 'class', weight: 1 },
      ], false),
      stressCase('stress_listPets', [{ operationId: 'listPets', weight: 1 }], true),
      {
        id: 'spike_listPets',
        name: 'Spike listPets',
        type: 'spike',
        startSeconds: 0, requiresChosenBaseUrl: true, rationale: 'Survive a spike.',
        targets: [{ operationId: 'listPets', weight: 1 }],
        profile: {
          ...profile,
          name: 'spike',
          title: 'Spike',
          stages: [
            { durationSeconds: 10, target: 10, label: 'ramp to baseline' },
            { durationSeconds: 60, target: 10, label: 'baseline' },
            { durationSeconds: 1, target: 50, label: 'spike' },
            { durationSeconds: 120, target: 50, label: 'hold spike' },
            { durationSeconds: 1, target: 10, label: 'drop to baseline' },
            { durationSeconds: 180, target: 10, label: 'recovery' },
            { durationSeconds: 10, target: 0, label: 'ramp-down' },
          ],
        },
        criteria: { p95Ms: 2000, errorRate: 0.05, minThroughputRps: 3.167, throughputWindow: { fromSeconds: 10, toSeconds: 70 } },
        spike: {
          errorRateDuringSpike: 0.2,
          recoverySeconds: 60,
          spikeWindow: { fromSeconds: 70, toSeconds: 191 },
          recoveredWindow: { fromSeconds: 251, toSeconds: 372 },
        },
      },
      {
        id: 'soak_listPets',
        name: 'Soak listPets',
        type: 'soak',
        startSeconds: 0, requiresChosenBaseUrl: true, rationale: 'No slow degradation.',
        targets: [{ operationId: 'listPets', weight: 1 }],
        profile: {
          ...profile,
          name: 'soak',
          title: 'Soak',
          virtualUsers: 14,
          durationSeconds: 3600,
          rampUpSeconds: 60,
          rampDownSeconds: 30,
          targetRps: 6.667,
          stages: [
            { durationSeconds: 60, target: 14, label: 'ramp-up' },
            { durationSeconds: 3600, target: 14, label: 'hold' },
            { durationSeconds: 30, target: 0, label: 'ramp-down' },
          ],
        },
        criteria: { p95Ms: 1000, errorRate: 0.01, minThroughputRps: 6.334, throughputWindow: { fromSeconds: 60, toSeconds: 3660 } },
        soak: {
          windowSeconds: 300,
          maxP95Drift: 0.2,
          maxErrorRateGrowth: 0.01,
          firstWindow: { fromSeconds: 60, toSeconds: 360 },
          lastWindow: { fromSeconds: 3360, toSeconds: 3660 },
        },
      },
      {
        id: 'workflow_pets',
        name: 'Pet journey',
        type: 'workflow',
        startSeconds: 0, requiresChosenBaseUrl: false, rationale: 'Carry values.',
        workflowId: 'wf_pets',
        targets: [],
        profile: { ...profile, name: 'workflow', title: 'Workflow', thinkTimeSeconds: 0 },
        criteria: { p95Ms: 2000, errorRate: 0.05, minThroughputRps: 0 },
      },
      {
        id: 'workflow_signup',
        name: 'Sign-up journey',
        type: 'workflow',
        startSeconds: 120, requiresChosenBaseUrl: false, rationale: 'Sign up, then list pets.',
        workflowId: 'wf_signup',
        targets: [
          { operationId: 'signup', weight: 1 },
          { operationId: 'listPets', weight: 1 },
        ],
        profile: { ...profile, name: 'workflow', title: 'Workflow', thinkTimeSeconds: 0.5 },
        criteria: { p95Ms: 2000, errorRate: 0, minThroughputRps: 0 },
      },
    ],
    workflows: [
      {
        id: 'wf_pets',
        name: 'Create, read and follow a pet',
        category: 'lifecycle',
        rationale: 'Values carried every way the plan allows.',
        steps: [
          {
            id: 'create',
            operationId: 'createPet',
            weight: 1,
            extract: [
              { variable: 'petId', from: '$response.body#/id' },
              { variable: 'petName', from: '$request.body#/name' },
              { variable: 'where', from: '$response.header.location' },
              { variable: 'odd', from: '$response.body#/a~1b~0c' },
            ],
            inject: [],
          },
          {
            id: 'read',
            operationId: 'getPet',
            weight: 1,
            extract: [{ variable: 'trace', from: '$request.header.X-Trace' }],
            inject: [
              { variable: 'petId', to: 'path.petId' },
              { variable: 'petName', to: 'header.X-Name' },
              { variable: 'odd', to: 'query.odd' },
            ],
          },
          {
            id: 'follow',
            operationId: 'createPet',
            weight: 1,
            extract: [],
            inject: [
              { variable: 'where', to: 'url' },
              { variable: 'trace', to: 'body#/owner/name' },
              { variable: 'trace', to: 'cookie.t' },
            ],
          },
        ],
        criteria: { completionRate: 0.9, meanWorkflowMs: 3000, errorRate: 0.05 },
      },
      {
        id: 'wf_signup',
        name: 'Sign up and browse',
        category: 'custom',
        rationale: 'A new user signs up, then lists pets every other iteration.',
        steps: [
          { id: 'signup', operationId: 'signup', weight: 1, extract: [{ variable: 'user', from: '$request.body#/user' }], inject: [] },
          { id: 'browse', operationId: 'listPets', weight: 0.5, extract: [], inject: [{ variable: 'user', to: 'query.q' }] },
        ],
        criteria: { completionRate: 0.99, meanWorkflowMs: 1500, errorRate: 0.01 },
      },
    ],
    auth: [
      {
        scheme: 'oauthClient',
        type: 'oauth2-client-credentials',
        tokenUrl: '/oauth/token',
        tokenUrlEnv: 'AUTH_OAUTH_TOKEN_URL',
        tokenEnv: 'AUTH_OAUTH_TOKEN',
        clientIdEnv: 'AUTH_OAUTH_CLIENT_ID',
        clientSecretEnv: 'AUTH_OAUTH_CLIENT_SECRET',
        scopes: ['read:pets', 'write:pets'],
      },
      {
        scheme: 'oauthPassword',
        type: 'oauth2-password',
        tokenUrl: 'https://auth.example.test/token',
        tokenUrlEnv: 'AUTH_PASSWORD_TOKEN_URL',
        tokenEnv: 'AUTH_PASSWORD_TOKEN',
        clientIdEnv: 'AUTH_OAUTH_CLIENT_ID',
        clientSecretEnv: 'AUTH_OAUTH_CLIENT_SECRET',
        usernameEnv: 'AUTH_USER',
        passwordEnv: 'AUTH_PASSWORD',
        scopes: [],
      },
      { scheme: 'bearerAuth', type: 'bearer', tokenEnv: 'AUTH_BEARER_TOKEN' },
      { scheme: 'basicAuth', type: 'basic', usernameEnv: 'AUTH_BASIC_USERNAME', passwordEnv: 'AUTH_BASIC_PASSWORD' },
      { scheme: 'apiKeyHeader', type: 'apiKey', in: 'header', name: 'X-API-Key', valueEnv: 'AUTH_API_KEY_HEADER' },
      { scheme: 'apiKeyQuery', type: 'apiKey', in: 'query', name: 'api key', valueEnv: 'AUTH_API_KEY_QUERY' },
      { scheme: 'apiKeyCookie', type: 'apiKey', in: 'cookie', name: 'sid', valueEnv: 'AUTH_API_KEY_COOKIE' },
    ],
    environment: [
      { name: 'AUTH_BEARER_TOKEN', description: `Bearer token ${HOSTILE}`, required: true, secret: true },
      { name: 'AUTH_API_KEY_QUERY', description: 'API key', required: true, secret: true },
    ],
    diagnostics: [],
  };
}
