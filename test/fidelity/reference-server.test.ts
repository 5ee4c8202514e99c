import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { CapacityGate } from '../../tools/fidelity/capacity-gate.js';
import { MAX_BODY_BYTES, startModeProxy, type ModeProxy } from '../../tools/fidelity/reference-server.js';
import { capacityRps, kneeUsers } from '../../tools/fidelity/server-modes.js';

// The reference server's mode proxy in front of a stand-in for Prism (a local server that answers
// 200 with a JSON body at once): what each mode adds, and its bounds.

async function backend(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":7}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function timed(url: string, init?: RequestInit): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  const response = await fetch(url, init);
  const body = await response.text();
  return { status: response.status, ms: Date.now() - started, body };
}

describe('fidelity reference server: the mode proxy', function () {
  this.timeout(20_000);
  let prism: Awaited<ReturnType<typeof backend>>;
  let proxy: ModeProxy;

  before(async () => {
    prism = await backend();
    proxy = await startModeProxy({ target: prism.url, mode: { kind: 'healthy', serviceMs: 50 } });
  });
  after(async () => {
    await proxy?.stop();
    await prism?.close();
  });

  it('listens on loopback and passes the answer on after the service time (healthy, slow)', async () => {
    expect(proxy.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const healthy = await timed(`${proxy.url}/user/x`);
    expect([healthy.status, healthy.body]).to.deep.equal([200, '{"id":7}']);
    expect(healthy.ms).to.be.within(45, 400);
    proxy.setMode({ kind: 'slow', serviceMs: 50, addedMs: 250 });
    const slow = await timed(`${proxy.url}/user/x`);
    expect(slow.status).to.equal(200);
    expect(slow.ms).to.be.within(295, 1000);
  });

  it('answers every n-th request with an undocumented 500 when erroring', async () => {
    proxy.setMode({ kind: 'erroring', serviceMs: 0, errorEvery: 5 });
    const statuses: number[] = [];
    for (let n = 0; n < 10; n++) statuses.push((await timed(`${proxy.url}/user/x`)).status);
    expect(statuses).to.deep.equal([200, 200, 200, 200, 500, 200, 200, 200, 200, 500]);
    expect(proxy.stats()).to.deep.include({ requests: 10, statuses: { 200: 8, 500: 2 } });
  });

  it('serves at most `concurrency` requests at once when capacity-limited, the rest in line', async () => {
    proxy.setMode({ kind: 'capacity', serviceMs: 150, concurrency: 2 });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 6 }, () => timed(`${proxy.url}/user/x`)));
    // 6 requests, 2 at a time, 150 ms each: three rounds.
    expect(Date.now() - started).to.be.within(440, 1500);
    expect(answers.map((answer) => answer.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);
    expect(answers.map((answer) => answer.ms).sort((a, b) => a - b)[5]).to.be.at.least(440);
    expect(capacityRps({ kind: 'capacity', serviceMs: 200, concurrency: 2 })).to.equal(10);
    expect(kneeUsers({ kind: 'capacity', serviceMs: 200, concurrency: 2 }, 0.5)).to.be.closeTo(7, 1e-9);
  });

  it('refuses a body over its limit (413) without passing it on', async () => {
    proxy.setMode({ kind: 'healthy', serviceMs: 0 });
    const big = await timed(`${proxy.url}/user`, { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1), headers: { 'content-type': 'application/json' } });
    expect(big.status).to.equal(413);
    expect(proxy.stats().refused).to.equal(1);
  });

  it('refuses to forward to anything but this machine', async () => {
    let error: unknown;
    try {
      await startModeProxy({ target: 'http://example.com', mode: { kind: 'healthy', serviceMs: 0 } });
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).to.include('is not on this machine');
  });
});

describe('fidelity reference server: the capacity gate', () => {
  it('lets `concurrency` holders in, queues up to its limit in order, and refuses beyond', async () => {
    const gate = new CapacityGate(1, 2);
    const order: number[] = [];
    const first = await gate.acquire();
    const second = gate.acquire().then((release) => {
      order.push(2);
      return release;
    });
    const third = gate.acquire().then((release) => {
      order.push(3);
      return release;
    });
    expect(await gate.acquire()).to.equal(undefined);
    expect(gate.queued).to.equal(2);
    first!();
    (await second)!();
    (await third)!();
    expect(order).to.deep.equal([2, 3]);
    expect(gate.mostAtOnce).to.equal(3);
  });
});
