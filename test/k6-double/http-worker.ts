// Worker thread of the k6 double's synchronous HTTP: performs one request at a time for the
// main thread, which blocks in Atomics.wait until the answer is posted (see sync-http.ts).
import http from 'node:http';
import https from 'node:https';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { WireRequest, WireResponse } from './sync-http.js';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const flag = new Int32Array(signal);
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

function perform(request: WireRequest): Promise<WireResponse> {
  return new Promise((resolve) => {
    const started = performance.now();
    let firstByte = started;
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
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
          for (let i = 0; i < response.rawHeaders.length; i += 2) {
            const name = response.rawHeaders[i];
            (headers[name] ??= []).push(response.rawHeaders[i + 1]);
          }
          resolve({
            status: response.statusCode ?? 0,
            statusText: `${response.statusCode ?? 0} ${response.statusMessage ?? ''}`.trim(),
            protocol: `HTTP/${response.httpVersion}`,
            headers,
            body: new Uint8Array(Buffer.concat(chunks)),
            timings: { durationMs: ended - started, waitingMs: firstByte - started, receivingMs: ended - firstByte },
          });
        });
        response.on('error', (error) => resolve(failure(error, started)));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`request timeout after ${request.timeoutMs} ms`)));
    outgoing.on('error', (error) => resolve(failure(error, started)));
    outgoing.end(request.body === undefined ? undefined : Buffer.from(request.body));
  });
}

function failure(error: Error, started: number): WireResponse {
  return {
    status: 0,
    statusText: '',
    protocol: '',
    headers: {},
    body: new Uint8Array(),
    timings: { durationMs: performance.now() - started, waitingMs: 0, receivingMs: 0 },
    error: error.message,
  };
}

port.on('message', (request: WireRequest) => {
  // A request Node refuses to build (an invalid header name or value) throws before any I/O: it
  // is answered as a failed request, as k6 does, so the blocked caller always wakes up.
  void perform(request).catch((error: unknown) => failure(error instanceof Error ? error : new Error(String(error)), performance.now())).then((response) => {
    port.postMessage(response);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});
