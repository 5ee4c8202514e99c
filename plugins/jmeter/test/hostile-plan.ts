import type { LoadProfile, TestCase, TestPlan } from 'perfplan/plugin';

/** Spec text that breaks naive XML and JMeter generation: CDATA end, closing tags, JMeter functions, backslashes, quotes, newlines, emoji. */
export const HOSTILE = ']]></stringProp><x a="1">${__groovy(System.exit(1))}${__P(x)}\\${y}\\\\,$,{}\'q"\n\r\tline🚀 & <b>';
/** Control characters XML 1.0 cannot carry (replaced by U+FFFD, with a warning). */
export const CONTROL = 'bell\u0007nul\u0000end';

const profile: LoadProfile = {
  name: 'standard',
  title: 'Standard Load',
  virtualUsers: 2,
  durationSeconds: 5,
  rampUpSeconds: 0,
  rampDownSeconds: 0,
  thinkTimeSeconds: 0,
  expectedResponseTimeMs: 500,
  stages: [{ durationSeconds: 5, target: 2, label: 'hold' }],
};

function testCase(id: string, operationId: string): TestCase {
  return { id, name: `Load ${HOSTILE}`, type: 'load', startSeconds: 0, requiresChosenBaseUrl: false, rationale: `Because ${HOSTILE} ${CONTROL}`, targets: [{ operationId, weight: 1 }], profile, criteria: { p95Ms: 1000, errorRate: 0.01, minThroughputRps: 1 } };
}

/** A plan whose every string slot holds hostile text: ids, paths, parameter values, headers, bodies, credentials' defaults. */
export function hostilePlan(): TestPlan {
  return {
    planVersion: 1,
    source: { title: `API ${HOSTILE}`, version: '1.0', specVersion: '3.0.3', specFile: 'hostile.yaml', operationCount: 4 },
    defaultBaseUrlSource: 'config', timeScale: 1, defaultBaseUrl: 'http://127.0.0.1:9/base',
    analysis: { operations: [], dependencies: [], workflows: [] } as unknown as TestPlan['analysis'],
    requests: [
      {
        operationId: 'echoJson',
        method: 'post',
        path: '/echo/{id}',
        parameters: [
          { name: 'id', in: 'path', value: HOSTILE },
          { name: 'q', in: 'query', value: HOSTILE },
          { name: 'X-Hostile', in: 'header', value: HOSTILE.replace(/[\r\n]/g, ' ') },
        ],
        body: { mediaType: 'application/json', value: { text: HOSTILE, control: CONTROL, list: [HOSTILE] } },
        expectedStatuses: [200],
        auth: [],
      },
      {
        operationId: 'echoText',
        method: 'put',
        path: '/echo/text',
        parameters: [],
        body: { mediaType: 'text/plain', value: HOSTILE },
        expectedStatuses: [200],
        auth: [],
      },
      {
        operationId: 'echoForm',
        method: 'post',
        path: '/echo/form',
        parameters: [],
        body: { mediaType: 'application/x-www-form-urlencoded', value: { field: HOSTILE } },
        expectedStatuses: [200],
        auth: [],
      },
      {
        operationId: 'echoMultipart',
        method: 'post',
        path: '/echo/multipart',
        parameters: [],
        body: {
          mediaType: 'multipart/form-data',
          value: { note: HOSTILE, file: { $file: { name: 'sample.bin', contentType: 'application/octet-stream', content: 'perfplan-sample\n' } } },
        },
        expectedStatuses: [200],
        auth: [],
      },
    ],
    testCases: [testCase('load_echoJson', 'echoJson'), testCase('load_echoText', 'echoText'), testCase('load_echoForm', 'echoForm'), testCase('load_echoMultipart', 'echoMultipart')],
    workflows: [],
    auth: [],
    environment: [{ name: 'HOSTILE_SETTING', description: `A setting ${HOSTILE}`, required: false, secret: false, default: 'plain-default' }],
    diagnostics: [],
  };
}
