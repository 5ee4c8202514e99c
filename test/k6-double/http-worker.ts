// Worker thread of the k6 TEST DOUBLE's synchronous HTTP: performs requests for its clients (the
// functional runner, or the VU threads of a load run), each blocked in Atomics.wait until its
// answer is posted (see sync-http.ts). Requests of different clients run concurrently.
import http from 'node:http';
import https from 'node:https';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { WAKE, type WireRequest, type WireResponse } from './sync-http.js';

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

function headerBytes(lines: string[]): number {
  return lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 2, 2);
}

function perform(request: WireRequest): Promise<WireResponse> {
  return new Promise((resolve) => {
    const started = performance.now();
    let firstByte = started;
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    const bodyLength = request.body === undefined ? 0 : request.body.byteLength;
    const bytesSent =
      headerBytes([`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`)]) + bodyLength;
    const outgoing = client.request(
      url,
      {
        method: request.method,
        headers: request.headers,
        agent: url.protocol === 'https:' ? agents.https : agents.http,
        timeout: request.timeoutMs,
      },
      (response) => {
        firstByte = performance.now();
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const ended = performance.now();
          const headers: Record<string, string[]> = {};
          const lines = [`HTTP/${response.httpVersion} ${response.statusCode ?? 0} ${response.statusMessage ?? ''}`];
          for (let i = 0; i < response.rawHeaders.length; i += 2) {
            const name = response.rawHeaders[i];
            (headers[name] ??= []).push(response.rawHeaders[i + 1]);
            lines.push(`${name}: ${response.rawHeaders[i + 1]}`);
          }
          const body = Buffer.concat(chunks);
          resolve({
            id: request.id,
            status: response.statusCode ?? 0,
            statusText: `${response.statusCode ?? 0} ${response.statusMessage ?? ''}`.trim(),
            protocol: `HTTP/${response.httpVersion}`,
            headers,
            body: new Uint8Array(body),
            timings: { durationMs: ended - started, waitingMs: firstByte - started, receivingMs: ended - firstByte },
            bytesSent,
            bytesReceived: headerBytes(lines) + body.byteLength,
          });
        });
        response.on('error', (error) => resolve(failure(request.id, error, started, bytesSent)));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error(`request timeout after ${request.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    outgoing.on('error', (error) => resolve(failure(request.id, error, started, bytesSent)));
    outgoing.end(request.body === undefined ? undefined : Buffer.from(request.body));
  });
}

function failure(id: number, error: Error, started: number, bytesSent: number): WireResponse {
  const response: WireResponse = {
    id,
    status: 0,
    statusText: '',
    protocol: '',
    headers: {},
    body: new Uint8Array(),
    timings: { durationMs: performance.now() - started, waitingMs: 0, receivingMs: 0 },
    bytesSent,
    bytesReceived: 0,
    error: error.message,
  };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') response.errorCode = code;
  return response;
}

function serve(port: MessagePort, signal: Int32Array): void {
  port.on('message', (request: WireRequest) => {
    // A request Node refuses to build (an invalid header name or value) throws before any I/O: it
    // is answered as a failed request, as k6 does, so the blocked caller always wakes up.
    void perform(request)
      .catch((error: unknown) => failure(request.id, error instanceof Error ? error : new Error(String(error)), performance.now(), 0))
      .then((response) => {
        port.postMessage(response);
        Atomics.store(signal, WAKE, 1);
        Atomics.notify(signal, WAKE);
      });
  });
}

parentPort?.on('message', (message: { type: 'attach'; port: MessagePort; signal: SharedArrayBuffer }) => {
  if (message.type === 'attach') serve(message.port, new Int32Array(message.signal));
});
