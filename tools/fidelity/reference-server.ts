import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freePort } from '../conformance/free-port.js';
import { assertLoopback } from '../conformance/loopback.js';
import { startPrism, type PrismServer } from '../conformance/prism.js';
import { writePrismSpec } from '../conformance/prism-spec.js';
import { classifyPrismAnswer } from '../conformance/prism-verdict.js';
import { CapacityGate } from './capacity-gate.js';
import type { ServerMode } from './server-modes.js';

/** Bounds: a request body larger than this is refused (413); so is a request beyond MAX_IN_FLIGHT (503). */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_IN_FLIGHT = 512;
/** Requests a capacity-limited server lets wait beyond its `concurrency` (503 beyond). */
export const MAX_QUEUE = 256;

export interface ServerStats {
  requests: number;
  /** Answers by status. */
  statuses: Record<string, number>;
  /** Requests Prism found invalid (a script sent something the spec does not allow), with a few reasons. */
  rejected: number;
  rejections: string[];
  /** Most requests held at once (served and waiting). */
  mostAtOnce: number;
  /** Requests refused by the server's own bounds (body too large, too many in flight, queue full). */
  refused: number;
}

/** A proxy on 127.0.0.1 in front of Prism that behaves as its mode says. */
export interface ModeProxy {
  /** `http://127.0.0.1:PORT`: what an engine's BASE_URL is. */
  url: string;
  mode(): ServerMode;
  /** Switches the behaviour for the next requests and forgets the statistics. */
  setMode(mode: ServerMode): void;
  stats(): ServerStats;
  stop(): Promise<void>;
}

/** Prism serving the spec, and one mode proxy per engine that runs at the same time. */
export interface ReferenceServer {
  prism: PrismServer;
  proxies: ModeProxy[];
  stop(): Promise<void>;
}

const PRISM_AGENT = new http.Agent({ keepAlive: false });

interface Answer {
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
}

/** The request's body, or undefined once it grows past MAX_BODY_BYTES. */
function readBounded(request: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function forward(target: URL, request: http.IncomingMessage, body: Buffer): Promise<Answer> {
  const headers: http.OutgoingHttpHeaders = { ...request.headers, host: target.host };
  delete headers.connection;
  delete headers['keep-alive'];
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ agent: PRISM_AGENT, host: target.hostname, port: target.port, method: request.method, path: request.url, headers, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const answerHeaders: http.OutgoingHttpHeaders = { ...response.headers };
        delete answerHeaders['transfer-encoding'];
        delete answerHeaders.connection;
        delete answerHeaders['keep-alive'];
        const answerBody = Buffer.concat(chunks);
        answerHeaders['content-length'] = String(answerBody.length);
        resolve({ status: response.statusCode ?? 502, headers: answerHeaders, body: answerBody });
      });
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('Prism did not answer within 30 s')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function json(status: number, value: unknown): Answer {
  const body = Buffer.from(JSON.stringify(value));
  return { status, headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, body };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * A proxy in front of Prism (`target`) on a free 127.0.0.1 port that adds the mode's behaviour
 * (see server-modes.ts) to Prism's answers. Bounded: bodies, requests in flight and the capacity
 * queue have limits.
 */
export async function startModeProxy(input: { target: string; mode: ServerMode }): Promise<ModeProxy> {
  assertLoopback(input.target, 'Prism');
  const target = new URL(input.target);
  let mode = input.mode;
  let gate = mode.kind === 'capacity' ? new CapacityGate(mode.concurrency, MAX_QUEUE) : undefined;
  let counter = 0;
  let inFlight = 0;
  let stats: ServerStats;
  const resetStats = () => {
    stats = { requests: 0, statuses: {}, rejected: 0, rejections: [], mostAtOnce: 0, refused: 0 };
  };
  resetStats();

  const serve = async (request: http.IncomingMessage, current: ServerMode, currentGate: CapacityGate | undefined): Promise<Answer> => {
    const body = await readBounded(request);
    if (body === undefined) {
      stats.refused += 1;
      return json(413, { message: `request body over ${MAX_BODY_BYTES} bytes` });
    }
    const n = ++counter;
    if (current.kind === 'erroring' && n % current.errorEvery === 0) {
      await sleep(current.serviceMs);
      return json(500, { code: 500, message: 'reference server in erroring mode' });
    }
    let release: (() => void) | undefined;
    if (currentGate) {
      release = await currentGate.acquire();
      if (release === undefined) {
        stats.refused += 1;
        return json(503, { message: `over ${MAX_QUEUE} requests queued` });
      }
    }
    try {
      const started = Date.now();
      const answer = await forward(target, request, body);
      const verdict = classifyPrismAnswer({ status: answer.status, headers: answer.headers as http.IncomingHttpHeaders, body: answer.body.toString('utf8') });
      if (verdict.rejected) {
        stats.rejected += 1;
        if (stats.rejections.length < 5) stats.rejections.push(`${request.method} ${request.url}: ${verdict.reasons.join('; ')}`);
      }
      const serviceMs = current.serviceMs + (current.kind === 'slow' ? current.addedMs : 0);
      await sleep(started + serviceMs - Date.now());
      return answer;
    } finally {
      release?.();
    }
  };

  const server = http.createServer((request, response) => {
    if (inFlight >= MAX_IN_FLIGHT) {
      stats.refused += 1;
      request.resume();
      response.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"too many requests in flight"}');
      return;
    }
    inFlight += 1;
    stats.requests += 1;
    stats.mostAtOnce = Math.max(stats.mostAtOnce, inFlight);
    serve(request, mode, gate)
      .catch((error: unknown) => json(502, { message: `reference server: ${(error as Error).message}` }))
      .then((answer) => {
        stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
        if (!response.destroyed) response.writeHead(answer.status, answer.headers).end(answer.body);
      })
      .finally(() => {
        inFlight -= 1;
      });
  });
  server.maxConnections = MAX_IN_FLIGHT * 2;
  server.requestTimeout = 60_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 30_000;
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    mode: () => mode,
    setMode(next) {
      mode = next;
      gate = next.kind === 'capacity' ? new CapacityGate(next.concurrency, MAX_QUEUE) : undefined;
      counter = 0;
      resetStats();
    },
    stats: () => ({ ...stats, statuses: { ...stats.statuses }, rejections: [...stats.rejections] }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The reference server of the criteria-fidelity suite: Stoplight Prism serving the spec (so every
 * answer is one the spec documents, with the example bodies workflows extract values from), and
 * `proxies` mode proxies in front of it, one per engine that runs at the same time, each with its
 * own mode, statistics and capacity. Everything listens on 127.0.0.1 only.
 */
export async function startReferenceServer(input: { spec: string; workDir: string; proxies: number; prismStartupTimeoutMs?: number }): Promise<ReferenceServer> {
  fs.mkdirSync(input.workDir, { recursive: true });
  const prismSpec = writePrismSpec({ spec: input.spec, dir: path.join(input.workDir, 'prism-spec') });
  const prism = await startPrism({ spec: prismSpec, logFile: path.join(input.workDir, 'prism.log'), startupTimeoutMs: input.prismStartupTimeoutMs ?? 120_000 });
  const proxies: ModeProxy[] = [];
  try {
    for (let index = 0; index < input.proxies; index++) proxies.push(await startModeProxy({ target: prism.url, mode: { kind: 'healthy', serviceMs: 0 } }));
  } catch (error) {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
    await prism.stop();
    throw error;
  }
  return {
    prism,
    proxies,
    async stop() {
      await Promise.all(proxies.map((proxy) => proxy.stop()));
      await prism.stop();
    },
  };
}
