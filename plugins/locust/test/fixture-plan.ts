import type { LoadProfile, SuccessCriteria, TestCase, TestPlan } from 'perfplan/plugin';
import { NOTE_XML } from '../../../test/plugin-api/wire-helpers.js';

/**
 * Spec text that breaks naive Python generation: both quote kinds, triple quotes, backslashes,
 * newlines, U+2028, NUL, str.format and %-format syntax, an f-string and a comment start.
 */
export const PY_HOSTILE = 'a"b\'c"""d\'\'\'e\\f\\\\g\nh\r\ni\u2028j\u2029k\u0000l{m}{{n}}%s%(o)d f"{__import__(\'os\')}" # p \x7f\u00e9\u{1f600}';

/** Python keywords and Locust attribute names used as operation and test case ids. */
export const KEYWORD_IDS = ['class', 'None', 'lambda', 'import os', 'self', 'send'];

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

const criteria: SuccessCriteria = { p95Ms: 1000, errorRate: 0.01, minThroughputRps: 15 };

function testCase(id: string, type: TestCase['type'], operationId: string, extra: Partial<TestCase> = {}): TestCase {
  return { id, name: `Case ${PY_HOSTILE}`, type, startSeconds: 0, requiresChosenBaseUrl: false, rationale: `Because ${PY_HOSTILE}`, targets: [{ operationId, weight: 1 }], profile, criteria, ...extra };
}

/**
 * A hand-made plan over every feature the Locust renderer handles: every parameter style,
 * JSON/form/multipart/binary/XML/text bodies, every auth type, each test type, a workflow
 * with pointer and header extractions, and hostile strings in ids, names, paths and values.
 */
export function hostilePlan(): TestPlan {
  return {
    planVersion: 1,
    source: { title: `Pets ${PY_HOSTILE}`, version: '1.0.0', specVersion: '3.0.3', specFile: 'pets"""\n.yaml', operationCount: 8 },
    defaultBaseUrlSource: 'config', timeScale: 0.25, defaultBaseUrl: `http://localhost:8080/${PY_HOSTILE}`,
    analysis: {
      totals: { operations: 8, read: 3, write: 5, deprecated: 0 },
      authenticationRequired: true,
      complexity: { level: 'low', reasons: [] },
      recommendedLoadPatterns: [],
      operations: [],
      dependencies: [],
    } as unknown as TestPlan['analysis'],
    requests: [
      {
        operationId: 'class',
        method: 'get',
        path: '/pets/{petId}/{label}/{matrix}',
        parameters: [
          { name: 'petId', in: 'path', value: PY_HOSTILE },
          { name: 'label', in: 'path', value: ['x', 'y'], style: 'label', explode: true },
          { name: 'matrix', in: 'path', value: { a: 1, b: 'two' }, style: 'matrix', explode: false },
          { name: 'tags', in: 'query', value: ['dog', 'cat & mouse'] },
          { name: 'ids', in: 'query', value: [1, 2, 3], style: 'form', explode: false },
          { name: 'sizes', in: 'query', value: ['s', 'm'], style: 'spaceDelimited', explode: false },
          { name: 'colors', in: 'query', value: ['red', 'blue'], style: 'pipeDelimited', explode: false },
          { name: 'filter', in: 'query', value: { kind: 'dog', nested: { age: 3 }, list: ['a', 'b'] }, style: 'deepObject', explode: true },
          { name: 'q', in: 'query', value: PY_HOSTILE },
          { name: 'X-Request-Id', in: 'header', value: PY_HOSTILE },
          { name: 'Accept', in: 'header', value: 'text/html' },
          { name: 'bad header', in: 'header', value: 'x' },
          { name: 'session', in: 'cookie', value: 'abc;def' },
        ],
        expectedStatuses: [200, 201],
        auth: ['bearer"Auth', 'unknownScheme'],
      },
      {
        operationId: 'None',
        method: 'post',
        path: '/pets',
        parameters: [],
        body: { mediaType: 'application/json', value: { name: PY_HOSTILE, [PY_HOSTILE]: [1, 2.5, true, null, { 'a/b': 'c~d' }] } },
        expectedStatuses: [201],
        auth: ['basic'],
      },
      {
        operationId: 'lambda',
        method: 'post',
        path: '/forms',
        parameters: [],
        body: {
          mediaType: 'application/x-www-form-urlencoded',
          value: { plain: PY_HOSTILE, list: ['a', 'b'], card: { number: '4242', exp: { month: 1 } }, meta: { k: 'v' } },
          encoding: { card: { style: 'deepObject', explode: true }, meta: { contentType: 'application/json' } },
        },
        expectedStatuses: [],
        auth: ['key"Query'],
      },
      {
        operationId: 'import os',
        method: 'post',
        path: '/upload',
        parameters: [],
        body: {
          mediaType: 'multipart/form-data',
          value: {
            file: { $file: { name: `f${PY_HOSTILE}.bin`, contentType: 'application/octet-stream', content: 'perfplan-sample\n' } },
            meta: { owner: PY_HOSTILE },
            tags: ['a', 'b'],
            note: 'plain',
          },
          encoding: { meta: { contentType: 'application/json' } },
        },
        expectedStatuses: [200],
        auth: ['oauth"CC'],
      },
      {
        operationId: 'self',
        method: 'put',
        path: '/raw',
        parameters: [],
        body: { mediaType: 'application/octet-stream', value: { $file: { name: 'sample.bin', contentType: 'application/octet-stream', content: 'bytes\u0001' } } },
        expectedStatuses: [204],
        auth: ['oauthPassword'],
      },
      {
        operationId: 'send',
        method: 'post',
        path: '/xml',
        parameters: [],
        body: {
          mediaType: 'application/xml',
          value: { name: `<${PY_HOSTILE}>`, tags: ['a', 'b'], owner: { id: 7 }, none: null },
          xml: NOTE_XML,
        },
        expectedStatuses: [200],
        auth: [],
      },
      {
        operationId: PY_HOSTILE,
        method: 'get',
        path: `/odd/${PY_HOSTILE}`,
        parameters: [],
        expectedStatuses: [200],
        auth: [],
      },
    ],
    testCases: [
      testCase('load_class', 'load', 'class', {
        profile: { ...profile, targetRps: 15 },
        criteria: { ...criteria, throughputWindow: { fromSeconds: 30, toSeconds: 90 }, latencyWindow: { fromSeconds: 90, toSeconds: Number.NaN } },
      }),
      testCase(PY_HOSTILE, 'load', PY_HOSTILE, { startSeconds: 120, requiresChosenBaseUrl: true }),
      testCase('import os', 'load', 'import os', { startSeconds: 240 }),
      testCase('stress_None', 'stress', 'None', {
        onlyByName: true,
        breakingPoint: { p95Ms: 5000, errorRate: 0.1, throughputDrop: 0.5 },
        recovery: { users: 10, durationSeconds: 60, settleSeconds: 0 },
      }),
      testCase('spike_lambda', 'spike', 'lambda', { spike: { errorRateDuringSpike: 0.05, recoverySeconds: 60, spikeWindow: { fromSeconds: 70, toSeconds: 191 } } }),
      testCase('soak_self', 'soak', 'self', { soak: { windowSeconds: 300, maxP95Drift: 0.2, maxErrorRateGrowth: 0.01, firstWindow: { fromSeconds: 0, toSeconds: 300 }, lastWindow: { fromSeconds: 0, toSeconds: 300 } } }),
      {
        ...testCase('mixed_all', 'mixed', 'class'),
        targets: [
          { operationId: 'class', weight: 0.5 },
          { operationId: 'None', weight: 1.25 },
          { operationId: 'send', weight: 2 },
          { operationId: 'missingOp', weight: 1 },
        ],
      },
      { ...testCase('workflow_pets', 'workflow', 'None'), workflowId: 'pets' },
    ],
    workflows: [
      {
        id: 'pets',
        name: `Pets ${PY_HOSTILE}`,
        category: 'lifecycle',
        rationale: PY_HOSTILE,
        steps: [
          {
            id: 'create',
            operationId: 'None',
            weight: 1,
            extract: [
              { variable: 'petId', from: '$response.body#/a~1b/c~0d' },
              { variable: PY_HOSTILE, from: '$response.header.Location' },
              { variable: 'sent', from: '$request.body#/name' },
            ],
            inject: [],
          },
          {
            id: 'read',
            operationId: 'class',
            weight: 0.5,
            extract: [{ variable: 'odd', from: '$weird.expression' }],
            inject: [
              { variable: 'petId', to: 'path.petId' },
              { variable: PY_HOSTILE, to: 'header.X-Request-Id' },
              { variable: 'sent', to: 'nowhere' },
            ],
          },
        ],
        criteria: { completionRate: 0.95, meanWorkflowMs: 5000, errorRate: 0.02 },
      },
    ],
    auth: [
      { scheme: 'bearer"Auth', type: 'bearer', tokenEnv: 'AUTH_BEARER' },
      { scheme: 'basic', type: 'basic', usernameEnv: 'AUTH_USER', passwordEnv: 'AUTH_PASS' },
      { scheme: 'key"Query', type: 'apiKey', in: 'query', name: `api${PY_HOSTILE}`, valueEnv: 'AUTH_KEY' },
      {
        scheme: 'oauth"CC',
        type: 'oauth2-client-credentials',
        tokenUrl: `/oauth/token?${PY_HOSTILE}`,
        tokenUrlEnv: 'AUTH_CC_TOKEN_URL',
        clientIdEnv: 'AUTH_CC_ID',
        clientSecretEnv: 'AUTH_CC_SECRET',
        scopes: ['read', PY_HOSTILE],
        tokenEnv: 'AUTH_CC_TOKEN',
      },
      {
        scheme: 'oauthPassword',
        type: 'oauth2-password',
        tokenUrl: 'https://auth.example.com/token',
        tokenUrlEnv: 'AUTH_PW_TOKEN_URL',
        clientIdEnv: 'AUTH_PW_ID',
        clientSecretEnv: 'AUTH_PW_SECRET',
        usernameEnv: 'AUTH_PW_USER',
        passwordEnv: 'AUTH_PW_PASS',
        scopes: [],
        tokenEnv: 'AUTH_PW_TOKEN',
      },
    ],
    environment: [
      { name: 'BASE_URL', description: 'server', required: false, secret: false },
      { name: 'AUTH_BEARER', description: `token ${PY_HOSTILE}`, required: true, secret: true },
    ],
    diagnostics: [],
  };
}
