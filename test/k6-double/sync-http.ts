import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** A request as sent to the HTTP worker. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  timeoutMs: number;
}

export interface WireResponse {
  status: number;
  statusText: string;
  protocol: string;
  /** Header names as the server sent them, each with all its values. */
  headers: Record<string, string[]>;
  body: Uint8Array;
  timings: { durationMs: number; waitingMs: number; receivingMs: number };
  /** Network failure (k6 then gives status 0 and an error). */
  error?: string;
}

interface Channel {
  worker: Worker;
  port: MessageChannel['port1'];
  flag: Int32Array;
}

let channel: Channel | undefined;

function open(): Channel {
  if (channel !== undefined) return channel;
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const worker = new Worker(new URL('./http-worker.js', import.meta.url), {
    workerData: { port: port2, signal },
    transferList: [port2],
  });
  worker.unref();
  port1.unref();
  channel = { worker, port: port1, flag: new Int32Array(signal) };
  return channel;
}

/**
 * Sends one HTTP request and blocks the calling thread until the answer arrives, as k6's
 * http.* calls do: a worker thread does the I/O while this thread waits in Atomics.wait.
 */
export function requestSync(request: WireRequest): WireResponse {
  const { port, flag } = open();
  Atomics.store(flag, 0, 0);
  port.postMessage(request);
  // The worker enforces the request timeout; the extra margin covers worker start-up.
  const outcome = Atomics.wait(flag, 0, 0, request.timeoutMs + 30_000);
  const message = receiveMessageOnPort(port);
  if (outcome === 'timed-out' || message === undefined) {
    throw new Error(`k6 double: no answer from its HTTP worker for ${request.method} ${request.url}`);
  }
  return message.message as WireResponse;
}

/** Stops the HTTP worker (the runner calls it at the end). */
export async function closeSyncHttp(): Promise<void> {
  if (channel === undefined) return;
  const { worker, port } = channel;
  channel = undefined;
  port.close();
  await worker.terminate();
}
