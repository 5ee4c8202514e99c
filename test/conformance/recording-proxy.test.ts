import { expect } from 'chai';
import http from 'node:http';
import path from 'node:path';
import { createOperationMatcher } from '../../tools/conformance/operation-matcher.js';
import { startPrism, type PrismServer } from '../../tools/conformance/prism.js';
import { NAME_TAG_HEADER, startRecordingProxy, withoutWire, type RecordingProxy } from '../../tools/conformance/recording-proxy.js';
import { fixtureSpec } from '../helpers/paths.js';
import { tempDir } from './temp-dir.js';

const ROUTES = [
  { operationId: 'getPetById', method: 'get', path: '/pet/{petId}' },
  { operationId: 'addPet', method: 'post', path: '/pet' },
];

function send(input: { url: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(input.url, { method: input.method ?? 'GET', headers: input.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end(input.body);
  });
}

describe('conformance: the recording proxy in front of Prism', function () {
  this.timeout(60_000);
  const dir = tempDir('proxy');
  let prism: PrismServer;
  let proxy: RecordingProxy;

  before(async () => {
    prism = await startPrism({ spec: fixtureSpec('swagger-petstore-oas3-1.0.27.yaml'), logFile: path.join(dir.path, 'prism.log'), startupTimeoutMs: 45_000 });
    proxy = await startRecordingProxy({ target: prism.url, matchOperation: createOperationMatcher(ROUTES) });
  });
  after(async () => {
    await proxy?.stop();
    await prism?.stop();
    dir.remove();
  });
  beforeEach(() => proxy.reset());

  it('passes a valid request through and records it as accepted, with its operation and name tag', async () => {
    const answer = await send({ url: `${proxy.url}/pet/10`, headers: { api_key: 'k', [NAME_TAG_HEADER]: 'getPetById' } });
    expect(answer.status).to.equal(200);
    expect(JSON.parse(answer.body)).to.have.property('name');
    const [record] = proxy.records();
    expect(record).to.deep.include({ method: 'GET', url: '/pet/10', operationId: 'getPetById', nameTag: 'getPetById', status: 200, rejected: false });
    expect(record.reasons).to.deep.equal([]);
  });

  it('records a bad path parameter type as rejected with Prism\'s reason', async () => {
    const answer = await send({ url: `${proxy.url}/pet/not-a-number`, headers: { api_key: 'k' } });
    expect(answer.status).to.equal(400);
    const [record] = proxy.records();
    expect(record.operationId).to.equal('getPetById');
    expect(record.rejected).to.equal(true);
    expect(record.reasons.join('\n')).to.match(/request\.path\.petid: .*must be integer/i);
  });

  it('keeps what the wire check compares: headers as sent (not the name tag), the body, Prism\'s answer, and what the engine was running', async () => {
    proxy.setPhase('workflows');
    const body = JSON.stringify({ name: 'doggie', photoUrls: ['u'] });
    await send({ url: `${proxy.url}/pet`, method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Case': 'MiXeD', Authorization: 'Bearer t', [NAME_TAG_HEADER]: 'addPet' }, body });
    const [record] = proxy.records();
    expect(record.phase).to.equal('workflows');
    expect(record.wire!.headers).to.deep.include.members([['Content-Type', 'application/json'], ['X-Case', 'MiXeD']]);
    expect(record.wire!.headers.map(([name]) => name.toLowerCase())).not.to.include(NAME_TAG_HEADER);
    expect(record.wire!.body.toString('utf8')).to.equal(body);
    expect(record.wire!.bodyTruncated).to.equal(false);
    expect(record.status, record.wire!.responseBody).to.equal(200);
    expect(JSON.parse(record.wire!.responseBody)).to.have.property('name');
    expect(record.wire!.responseHeaders['content-type']).to.match(/json/);
    // requests.json keeps the record without it.
    expect(withoutWire(record)).to.not.have.property('wire');
    expect(withoutWire(record)).to.include({ phase: 'workflows', bodyBytes: Buffer.byteLength(body) });
  });

  it('records an invalid body as rejected with every violation Prism lists', async () => {
    const answer = await send({
      url: `${proxy.url}/pet`,
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 12 }),
    });
    expect(answer.status).to.equal(422);
    const [record] = proxy.records();
    expect(record).to.deep.include({ operationId: 'addPet', rejected: true });
    expect(record.reasons.join('\n')).to.contain("required property 'photoUrls'");
    expect(record.reasons.join('\n')).to.match(/body\.name: .*must be string/);
  });

  it('records a missing credential and an unknown path as rejected', async () => {
    await send({ url: `${proxy.url}/pet/10` });
    await send({ url: `${proxy.url}/api/v3/pet/10`, headers: { api_key: 'k' } });
    const [noKey, wrongPath] = proxy.records();
    expect(noKey).to.deep.include({ status: 401, rejected: true });
    expect(wrongPath).to.deep.include({ status: 404, rejected: true, problemType: 'NO_PATH_MATCHED_ERROR' });
    expect(wrongPath.operationId).to.equal(undefined);
  });
});

describe('conformance: the recording proxy as a pass-through', () => {
  it('strips the name-tag header and forwards everything else unchanged', async () => {
    let seen: http.IncomingHttpHeaders = {};
    let seenBody = '';
    const upstream = http.createServer((request, response) => {
      seen = request.headers;
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (seenBody += chunk));
      request.on('end', () => {
        response.writeHead(201, { 'x-upstream': 'yes' });
        response.end('created');
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    const address = upstream.address() as { port: number };
    const proxy = await startRecordingProxy({ target: `http://127.0.0.1:${address.port}`, matchOperation: () => 'op' });
    try {
      const answer = await send({ url: `${proxy.url}/x?q=1`, method: 'PUT', headers: { [NAME_TAG_HEADER]: 'tagged', 'x-custom': 'v', 'content-type': 'text/plain' }, body: 'payload' });
      expect(answer).to.deep.equal({ status: 201, body: 'created' });
      expect(seen).to.include({ 'x-custom': 'v' });
      expect(seen).to.not.have.property(NAME_TAG_HEADER);
      expect(seenBody).to.equal('payload');
      expect(proxy.records()[0]).to.deep.include({ method: 'PUT', url: '/x?q=1', nameTag: 'tagged', status: 201, rejected: false });
      // Evidence of what went on the wire: the Content-Type and the body's first bytes.
      expect(proxy.records()[0]).to.deep.include({ contentType: 'text/plain', bodyBytes: 7, bodyStart: Buffer.from('payload').toString('base64') });
    } finally {
      await proxy.stop();
      upstream.close();
    }
  });
});
