import http from 'node:http';
import { freePort } from './free-port.js';
import type { OperationMatch, RequestHints } from './operation-matcher.js';
import { classifyPrismAnswer } from './prism-verdict.js';

/**
 * Request header an engine may add to name the operation a request is for (the k6 double sends
 * k6's `name` tag in it). The proxy records it and strips it before Prism sees the request.
 */
export const NAME_TAG_HEADER = 'x-conformance-name';

export interface RecordedRequest {
  /** Order of arrival at the proxy, from 1. */
  seq: number;
  method: string;
  /** Path and query as sent. */
  url: string;
  /** The plan operation the method and path match, if any. */
  operationId?: string;
  /** Operations the request matches equally well (operationId the first), when it cannot tell them apart. */
  candidates?: string[];
  /** The engine's `name` tag for the request, when the engine sent one. */
  nameTag?: string;
  /** Prism's status; 0 when Prism could not be reached. */
  status: number;
  rejected: boolean;
  /** Prism's reasons for a rejection. */
  reasons: string[];
  /** `prism/errors#...` type of Prism's problem+json answer, if any. */
  problemType?: string;
  /** Response-side violations and Prism's own failures (not counted as rejections). */
  prismProblem: string[];
  /** Proxy-side failure (Prism unreachable). */
  error?: string;
  /** The request's Content-Type header, when it has one. */
  contentType?: string;
  /** The request body's first BODY_EVIDENCE_BYTES bytes, in base64 (evidence of what went on the wire). */
  bodyStart?: string;
  /** The request body's length in bytes. */
  bodyBytes?: number;
  /** What the engine was running when the request came: the test type of its script (`load`, `workflow`, ...). */
  phase?: string;
  /** What the wire check compares; left out of requests.json (see withoutWire). */
  wire?: WireEvidence;
}

/** A request as it arrived and what Prism answered, kept (bounded) for the wire check. */
export interface WireEvidence {
  /** Request headers as sent, names as the engine spelled them, the name-tag header left out. */
  headers: Array<[string, string]>;
  /** The request body, up to WIRE_BODY_BYTES (whole unless `bodyTruncated`). */
  body: Buffer;
  bodyTruncated: boolean;
  /** Prism's answer as the engine got it (workflow steps take values from it): headers, and the body up to RESPONSE_BODY_BYTES. */
  responseHeaders: Record<string, string>;
  responseBody: string;
}

/** How much of each request body a record keeps. */
export const BODY_EVIDENCE_BYTES = 2048;
/** How much of each request body the wire check sees (an upload of the plan's 1 MiB fits whole). */
export const WIRE_BODY_BYTES = 2 * 1024 * 1024;
/** Request body bytes the proxy keeps whole for one engine run; after that it keeps WIRE_BODY_PREFIX_BYTES of each. */
export const WIRE_BODY_BUDGET_BYTES = 128 * 1024 * 1024;
export const WIRE_BODY_PREFIX_BYTES = 64 * 1024;
/** How much of each response body a record keeps for the values workflow steps take from it. */
export const RESPONSE_BODY_BYTES = 256 * 1024;

/** A record as requests.json keeps it: without the wire evidence (bodies can be megabytes). */
export function withoutWire(record: RecordedRequest): RecordedRequest {
  const { wire: _wire, ...rest } = record;
  return rest;
}

export interface RecordingProxy {
  url: string;
  port: number;
  records(): RecordedRequest[];
  /** Forgets what was recorded (between engine runs). */
  reset(): void;
  /** Marks the requests that arrive from now on with what the engine runs (a script's test type). */
  setPhase(phase: string | undefined): void;
  stop(): Promise<void>;
}

export interface StartRecordingProxyInput {
  /** Prism's base URL, `http://127.0.0.1:PORT`. */
  target: string;
  /** Operation for a method and path (and the request's query names and name tag); see operation-matcher.ts. */
  matchOperation: (method: string, pathname: string, hints: RequestHints) => string | OperationMatch | undefined;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Header name and value pairs as they arrived, the name-tag header left out. */
function rawHeaderPairs(raw: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index + 1 < raw.length; index += 2) {
    if (raw[index]!.toLowerCase() !== NAME_TAG_HEADER) pairs.push([raw[index]!, raw[index + 1]!]);
  }
  return pairs;
}

interface Forwarded {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One connection per forwarded request. Kept-alive sockets to Prism go stale when Prism closes
 * them after its keep-alive timeout (5 s) during a pause in the load (between stress layers):
 * several stale sockets in the pool made requests fail with ECONNRESET before Prism saw them,
 * which counted as engine errors. A new loopback connection per request costs little and cannot
 * be stale, so an ECONNRESET left is Prism's own.
 */
const PRISM_AGENT = new http.Agent({ keepAlive: false });

/** Sends the request on to Prism. */
function forward(input: { target: URL; request: http.IncomingMessage; body: Buffer; headers: http.OutgoingHttpHeaders }): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        agent: PRISM_AGENT,
        host: input.target.hostname,
        port: input.target.port,
        method: input.request.method,
        path: input.request.url,
        headers: input.headers,
      },
      (response) => {
        readAll(response).then(
          (body) => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
          reject,
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(input.body);
  });
}

/**
 * An HTTP proxy on a free 127.0.0.1 port in front of Prism: every request passes through
 * unchanged (except the name-tag header), and is recorded with the operation it matches and
 * Prism's verdict. Engine-agnostic: any engine pointed at its URL is checked the same way.
 */
export async function startRecordingProxy(input: StartRecordingProxyInput): Promise<RecordingProxy> {
  const target = new URL(input.target);
  let recorded: RecordedRequest[] = [];
  let seq = 0;
  let phase: string | undefined;
  let keptBodyBytes = 0;

  const server = http.createServer((request, response) => {
    const mySeq = ++seq;
    void (async () => {
      const body = await readAll(request);
      const headers: http.OutgoingHttpHeaders = { ...request.headers, host: target.host };
      const nameHeader = request.headers[NAME_TAG_HEADER];
      delete headers[NAME_TAG_HEADER];
      // Hop-by-hop: how the engine talks to the proxy is not how the proxy talks to Prism.
      delete headers.connection;
      delete headers['keep-alive'];
      const method = request.method ?? 'GET';
      const url = request.url ?? '/';
      const parsed = new URL(url, 'http://proxy.invalid');
      const record: RecordedRequest = { seq: mySeq, method, url, status: 0, rejected: false, reasons: [], prismProblem: [] };
      if (phase !== undefined) record.phase = phase;
      if (typeof nameHeader === 'string' && nameHeader !== '') record.nameTag = nameHeader;
      const limit = keptBodyBytes + body.length <= WIRE_BODY_BUDGET_BYTES ? WIRE_BODY_BYTES : WIRE_BODY_PREFIX_BYTES;
      const kept = body.subarray(0, limit);
      keptBodyBytes += kept.length;
      const wire: WireEvidence = { headers: rawHeaderPairs(request.rawHeaders), body: Buffer.from(kept), bodyTruncated: kept.length < body.length, responseHeaders: {}, responseBody: '' };
      record.wire = wire;
      if (typeof request.headers['content-type'] === 'string') record.contentType = request.headers['content-type'];
      if (body.length > 0) {
        record.bodyBytes = body.length;
        record.bodyStart = body.subarray(0, BODY_EVIDENCE_BYTES).toString('base64');
      }
      const hints: RequestHints = { queryNames: [...new Set(parsed.searchParams.keys())], ...(record.nameTag === undefined ? {} : { nameTag: record.nameTag }) };
      const matched = input.matchOperation(method, parsed.pathname, hints);
      const match: OperationMatch = typeof matched === 'string' ? { operationId: matched } : (matched ?? {});
      if (match.operationId !== undefined) record.operationId = match.operationId;
      if (match.candidates !== undefined) record.candidates = match.candidates;
      try {
        const answer = await forward({ target, request, body, headers });
        const verdict = classifyPrismAnswer({ status: answer.status, headers: answer.headers, body: answer.body.toString('utf8') });
        wire.responseHeaders = Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value ?? '')]));
        wire.responseBody = answer.body.subarray(0, RESPONSE_BODY_BYTES).toString('utf8');
        record.status = answer.status;
        record.rejected = verdict.rejected;
        record.reasons = verdict.reasons;
        record.prismProblem = verdict.prismProblem;
        if (verdict.problemType !== undefined) record.problemType = verdict.problemType;
        const responseHeaders = { ...answer.headers };
        delete responseHeaders['transfer-encoding'];
        responseHeaders['content-length'] = String(answer.body.length);
        response.writeHead(answer.status, responseHeaders);
        response.end(answer.body);
      } catch (error) {
        record.error = `proxy could not reach Prism: ${(error as Error).message}`;
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(record.error);
      }
      recorded.push(record);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });

  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    records: () => [...recorded].sort((a, b) => a.seq - b.seq),
    reset: () => {
      recorded = [];
      keptBodyBytes = 0;
      phase = undefined;
    },
    setPhase: (next) => {
      phase = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
