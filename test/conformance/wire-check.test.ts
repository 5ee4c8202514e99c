import { expect } from 'chai';
import type { TestPlan } from '../../src/model/index.js';
import type { RecordedRequest } from '../../tools/conformance/recording-proxy.js';
import { checkWire } from '../../tools/conformance/wire-check/wire-check.js';
import { workflowOf } from '../plugin-api/wire-helpers.js';

// A plan with a varied JSON body, a bearer credential and a workflow that carries an id into a
// path parameter and a query parameter the request does not otherwise send.
function plan(): TestPlan {
  return {
    requests: [
      {
        operationId: 'createItem',
        method: 'post',
        path: '/items',
        parameters: [],
        body: { mediaType: 'application/json', value: { name: 'alpha', size: 1 } },
        expectedStatuses: [201],
        auth: ['bearer'],
        variations: [{ target: 'body#/name', kind: 'string', column: 'c0', width: 4 }],
      },
      { operationId: 'getItem', method: 'get', path: '/items/{id}', parameters: [{ name: 'id', in: 'path', value: 1 }, { name: 'verbose', in: 'query', value: true }], expectedStatuses: [200], auth: [] },
    ],
    auth: [{ scheme: 'bearer', type: 'bearer', tokenEnv: 'TOKEN' }],
    workflows: [
      workflowOf([
        { id: 'create', operationId: 'createItem', weight: 1, extract: [{ variable: 'id', from: '$response.body#/id' }], inject: [] },
        { id: 'get', operationId: 'getItem', weight: 1, extract: [], inject: [{ variable: 'id', to: 'path.id' }, { variable: 'id', to: 'query.trace' }] },
      ]),
    ],
    data: { seed: 1, rows: 1, columns: [{ name: 'c0', description: '', values: ['beta'] }], uploadBytes: 1, bulkItems: 1 },
  } as unknown as TestPlan;
}

const ENV = { TOKEN: 'token-1' };

function record(seq: number, input: { operationId: string; method: string; url: string; phase: string; headers?: Array<[string, string]>; body?: string; response?: string }): RecordedRequest {
  return {
    seq,
    method: input.method,
    url: input.url,
    operationId: input.operationId,
    phase: input.phase,
    status: 200,
    rejected: false,
    reasons: [],
    prismProblem: [],
    wire: { headers: [['User-Agent', 'engine'], ...(input.headers ?? [])], body: Buffer.from(input.body ?? ''), bodyTruncated: false, responseHeaders: {}, responseBody: input.response ?? '' },
  };
}

const create = (seq: number, phase: string, body = '{"name":"beta-0a1z","size":1}', token = 'token-1') =>
  record(seq, { operationId: 'createItem', method: 'POST', url: '/items', phase, headers: [['Authorization', `Bearer ${token}`], ['Content-Type', 'application/json']], body, response: '{"id":42}' });
const get = (seq: number, phase: string, url: string) => record(seq, { operationId: 'getItem', method: 'GET', url, phase });

describe('conformance wire check: recorded requests against the kit\'s wire form', () => {
  it('passes what the kit says, holes filled with what may stand there; every request is counted', () => {
    const result = checkWire({ plan: plan(), env: ENV, records: [create(1, 'load'), get(2, 'load', '/items/1?verbose=true'), create(3, 'workflows'), get(4, 'workflows', '/items/42?verbose=true&trace=42')] });
    expect(result.mismatches).to.deep.equal([]);
    expect([result.compared, result.mismatched, result.operationsCompared]).to.deep.equal([4, 0, 2]);
  });

  it('reports a wrong URL, a wrong body and a wrong credential, with what was expected and what was sent', () => {
    const result = checkWire({ plan: plan(), env: ENV, records: [get(1, 'load', '/items/1?verbose=false'), create(2, 'load', '{"name":"beta-0a1z","size":2}'), create(3, 'load', undefined, 'stolen')] });
    expect(result.mismatched).to.equal(3);
    const byPart = Object.fromEntries(result.mismatches.map((m) => [`${m.operationId} ${m.part}`, m]));
    expect(byPart['getItem URL']).to.include({ expected: '/items/1?verbose=true', sent: '/items/1?verbose=false', count: 1 });
    expect(byPart['createItem body']!.expected).to.equal('{"name":"‹string body#/name›","size":1}');
    expect(byPart['createItem body']!.sent).to.equal('{"name":"beta-0a1z","size":2}');
    expect(byPart['createItem header Authorization']).to.include({ expected: 'Bearer ‹bearer token›', sent: 'Bearer stolen' });
  });

  it('reports a varied value that its variation cannot give (the plan\'s value sent instead)', () => {
    const result = checkWire({ plan: plan(), env: ENV, records: [create(1, 'load', '{"name":"alpha","size":1}')] });
    expect(result.mismatches.map((m) => [m.part, m.sent])).to.deep.equal([['body', '{"name":"alpha","size":1}']]);
  });

  it('reports a workflow step that drops an injected query pair, or sends the plan\'s value where the earlier step\'s value goes', () => {
    const dropped = checkWire({ plan: plan(), env: ENV, records: [create(1, 'workflows'), get(2, 'workflows', '/items/42?verbose=true')] });
    expect(dropped.mismatches.map((m) => [m.operationId, m.step, m.part, m.expected, m.sent])).to.deep.equal([
      ['getItem', 'w/get', 'URL', '/items/‹id›?verbose=true&trace=‹id›', '/items/42?verbose=true'],
    ]);
    const planValue = checkWire({ plan: plan(), env: ENV, records: [create(1, 'workflows'), get(2, 'workflows', '/items/1?verbose=true&trace=42')] });
    expect(planValue.mismatches.map((m) => [m.step, m.part, m.sent])).to.deep.equal([['w/get', 'URL', '/items/1?verbose=true&trace=42']]);
  });

  it('reports a missing header and an unexpected body', () => {
    const noAuth = record(1, { operationId: 'createItem', method: 'POST', url: '/items', phase: 'load', headers: [['Content-Type', 'application/json']], body: '{"name":"beta-0a1z","size":1}' });
    const withBody = record(2, { operationId: 'getItem', method: 'GET', url: '/items/1?verbose=true', phase: 'load', body: 'x' });
    const result = checkWire({ plan: plan(), env: ENV, records: [noAuth, withBody] });
    expect(result.mismatches.map((m) => [m.operationId, m.part, m.sent])).to.deep.equal([
      ['createItem', 'header Authorization', '(not sent)'],
      ['getItem', 'body', 'x'],
    ]);
  });
});
