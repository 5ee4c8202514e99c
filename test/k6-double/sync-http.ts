// Synchronous HTTP of the k6 TEST DOUBLE: a worker thread (http-worker.ts) performs the request
// while the calling thread — the runner in functional mode, a VU thread in load mode — blocks in
// Atomics.wait; the answer comes back through receiveMessageOnPort.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** A request as sent to the HTTP worker. */
export interface WireRequest {
  id: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  timeoutMs: number;
}

export interface WireResponse {
  id: number;
  status: number;
  statusText: string;
  protocol: string;
  /** Header names as the server sent them, each with all its values. */
  headers: Record<string, string[]>;
  body: Uint8Array;
  timings: { durationMs: number; waitingMs: number; receivingMs: number };
  /** Approximate bytes on the wire: request line + headers + body, status line + headers + body. */
  bytesSent: number;
  bytesReceived: number;
  /** Network failure (k6 then gives status 0 and an error). */
  error?: string;
  /** Node's error code for a network failure (ECONNREFUSED, ...). */
  errorCode?: string;
}

/**
 * The signal words a client thread waits on: [0] is set to 1 by the HTTP worker when an answer
 * is posted (and by the controller to wake a waiting VU); [1] is set to 1 by the controller to
 * interrupt the VU's iteration.
 */
export const SIGNAL_WORDS = 2;
export const WAKE = 0;
export const INTERRUPT = 1;

export interface SyncHttpClient {
  port: MessagePort;
  signal: Int32Array;
}

let client: SyncHttpClient | undefined;
let ownWorker: Worker | undefined;
let nextId = 1;

/** Starts an HTTP worker thread (the runner in functional mode; the load controller for its VUs). */
export function startHttpWorker(): Worker {
  const worker = new Worker(new URL('./http-worker.js', import.meta.url));
  worker.unref();
  return worker;
}

/** Connects a client (a VU) to an HTTP worker: the client gets `port` and `signal`. */
export function attachHttpClient(worker: Worker, signal: SharedArrayBuffer): MessagePort {
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ type: 'attach', port: port2, signal }, [port2]);
  return port1;
}

/** Makes this thread use the given connection (a VU thread in load mode). */
export function useHttpClient(port: MessagePort, signal: SharedArrayBuffer): void {
  port.unref();
  client = { port, signal: new Int32Array(signal) };
}

function connection(): SyncHttpClient {
  if (client !== undefined) return client;
  ownWorker = startHttpWorker();
  const signal = new SharedArrayBuffer(4 * SIGNAL_WORDS);
  const port = attachHttpClient(ownWorker, signal);
  useHttpClient(port, signal);
  return client as unknown as SyncHttpClient;
}

/**
 * Sends one HTTP request and blocks the calling thread until the answer arrives, as k6's http.*
 * calls do. `checkInterrupt` runs whenever the thread wakes and may throw to give up waiting
 * (the late answer is then discarded by its id).
 */
export function requestSync(request: Omit<WireRequest, 'id'>, checkInterrupt: () => void = () => {}): WireResponse {
  const { port, signal } = connection();
  const id = nextId++;
  port.postMessage({ ...request, id });
  // The worker enforces the request timeout; the extra margin covers worker start-up.
  const deadline = performance.now() + request.timeoutMs + 30_000;
  for (;;) {
    for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) {
      const response = message.message as WireResponse;
      if (response.id === id) return response;
    }
    checkInterrupt();
    const left = deadline - performance.now();
    if (left <= 0) throw new Error(`k6 double: no answer from its HTTP worker for ${request.method} ${request.url}`);
    Atomics.wait(signal, WAKE, 0, left);
    Atomics.store(signal, WAKE, 0);
  }
}

/** Stops the HTTP worker this thread started (the functional runner calls it at the end). */
export async function closeSyncHttp(): Promise<void> {
  const worker = ownWorker;
  if (client !== undefined) client.port.close();
  client = undefined;
  ownWorker = undefined;
  if (worker !== undefined) await worker.terminate();
}
