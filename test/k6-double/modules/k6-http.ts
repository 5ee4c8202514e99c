// TEST DOUBLE of k6's `k6/http` module: synchronous requests against a real local server. In
// functional mode every request is recorded in the double's state; in load mode each emits k6's
// HTTP metric samples (http_reqs, http_req_duration, http_req_failed, ...) with k6's system tags.
// Not k6; @types/k6 is the API authority.
import { currentTags, doubleState, emitSample, groupPath, tagValue, type DoubleState, type ExpectedStatuses } from '../double-state.js';
import { requestSync, type WireResponse } from '../sync-http.js';

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_REDIRECTS = 10;
const USER_AGENT = 'k6-double/perfplan-conformance';
const MULTIPART_BOUNDARY = 'k6-double-multipart-boundary-5c1f0e';

type HeaderMap = Record<string, string>;
type CookieParam = string | { value: string; replace?: boolean };

export interface Params {
  headers?: HeaderMap;
  cookies?: Record<string, CookieParam>;
  tags?: Record<string, string>;
  timeout?: string | number;
  redirects?: number;
  responseType?: 'text' | 'binary' | 'none';
  jar?: CookieJar;
  auth?: string;
  compression?: string;
  responseCallback?: ResponseCallback | null;
}

/** What http.expectedStatuses() returns; the only response callback k6 accepts. */
export class ResponseCallback {
  constructor(readonly statuses: ExpectedStatuses) {}
}

/** What http.file() returns: a part of a multipart body. */
export class FileData {
  constructor(
    readonly data: string | ArrayBuffer | Uint8Array,
    readonly filename: string,
    readonly content_type: string,
  ) {}
}

function file(data: string | ArrayBuffer | Uint8Array, filename?: string, contentType?: string): FileData {
  return new FileData(data, filename ?? `file-${Date.now()}`, contentType ?? 'application/octet-stream');
}

/** Go's http.CanonicalHeaderKey, which k6 applies to response header names. */
function canonicalHeader(name: string): string {
  return name
    .toLowerCase()
    .split('-')
    .map((part) => (part.length === 0 ? part : part[0].toUpperCase() + part.slice(1)))
    .join('-');
}

function toBytes(value: string | ArrayBuffer | Uint8Array): Uint8Array {
  if (typeof value === 'string') return new Uint8Array(Buffer.from(value, 'utf8'));
  if (value instanceof Uint8Array) return value;
  return new Uint8Array(value);
}

function durationMs(value: string | number | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (match === null) throw new Error(`k6 double: invalid timeout ${JSON.stringify(value)}`);
  const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'] ?? 1;
  return Number(match[1]) * unitMs;
}

function hasHeader(headers: HeaderMap, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}

/** k6's body rules: strings and bytes as they are; an object is a form, multipart when a value is an http.file(). */
function encodeBody(body: unknown, headers: HeaderMap): Uint8Array | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string' || body instanceof ArrayBuffer || body instanceof Uint8Array) return toBytes(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === 'object') {
    const entries = Object.entries(body as Record<string, unknown>);
    if (entries.some(([, value]) => value instanceof FileData)) {
      const parts: Buffer[] = [];
      for (const [name, value] of entries) {
        if (value instanceof FileData) {
          parts.push(
            Buffer.from(
              `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.content_type}\r\n\r\n`,
            ),
            Buffer.from(toBytes(value.data)),
            Buffer.from('\r\n'),
          );
        } else {
          parts.push(Buffer.from(`--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${String(value)}\r\n`));
        }
      }
      parts.push(Buffer.from(`--${MULTIPART_BOUNDARY}--\r\n`));
      if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`;
      return new Uint8Array(Buffer.concat(parts));
    }
    if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return toBytes(entries.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`).join('&'));
  }
  return toBytes(String(body));
}

/** The per-VU cookie jar (the double has one VU at a time, so one jar; no domain/path rules). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  set(_url: string, name: string, value: string): void {
    this.cookies.set(name, value);
  }
  cookiesForURL(_url: string): Record<string, string[]> {
    return Object.fromEntries([...this.cookies].map(([name, value]) => [name, [value]]));
  }
  delete(_url: string, name: string): void {
    this.cookies.delete(name);
  }
  clear(_url: string): void {
    this.cookies.clear();
  }
  entries(): [string, string][] {
    return [...this.cookies];
  }
}

const vuJar = new CookieJar();
// k6 gives each iteration a fresh cookie jar (unless noCookiesReset).
doubleState().iterationStartHooks.push(() => vuJar.clear(''));

function cookieJar(): CookieJar {
  return vuJar;
}

/** k6's error_code: 1000 + status for HTTP errors, its network error codes for failures. */
export function errorCodeOf(wire: WireResponse): number {
  if (wire.error === undefined) return wire.status >= 400 ? 1000 + wire.status : 0;
  switch (wire.errorCode) {
    case 'ECONNREFUSED':
      return 1212;
    case 'ECONNRESET':
      return 1220;
    case 'EPIPE':
      return 1201;
    case 'ETIMEDOUT':
      return 1050;
    case 'ENOTFOUND':
      return 1101;
    default:
      return 1000;
  }
}

function selectJson(value: unknown, selector: string): unknown {
  let current = value;
  for (const key of selector.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export class Response {
  readonly status: number;
  readonly status_text: string;
  readonly proto: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | ArrayBuffer | null;
  readonly timings: Record<string, number>;
  readonly error: string;
  readonly error_code: number;
  readonly cookies: Record<string, { name: string; value: string }[]>;
  readonly request: { method: string; url: string; headers: Record<string, string[]>; body: string; cookies: Record<string, unknown> };
  readonly remote_ip = '127.0.0.1';
  readonly remote_port: number;
  readonly tls_version = '';

  constructor(input: { wire: WireResponse; url: string; method: string; headers: HeaderMap; body?: Uint8Array; responseType: Params['responseType'] }) {
    const { wire } = input;
    this.status = wire.status;
    this.status_text = wire.statusText;
    this.proto = wire.protocol;
    this.url = input.url;
    this.remote_port = Number(new URL(input.url).port || 80);
    this.headers = {};
    this.cookies = {};
    for (const [name, values] of Object.entries(wire.headers)) {
      this.headers[canonicalHeader(name)] = values.join(', ');
      if (name.toLowerCase() === 'set-cookie') {
        for (const line of values) {
          const [pair] = line.split(';');
          const eq = pair.indexOf('=');
          if (eq > 0) (this.cookies[pair.slice(0, eq).trim()] ??= []).push({ name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() });
        }
      }
    }
    const bytes = Buffer.from(wire.body);
    if (input.responseType === 'none') this.body = null;
    else if (input.responseType === 'binary') this.body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    else this.body = wire.error === undefined ? bytes.toString('utf8') : null;
    this.timings = {
      duration: wire.timings.durationMs,
      waiting: wire.timings.waitingMs,
      receiving: wire.timings.receivingMs,
      sending: 0,
      blocked: 0,
      connecting: 0,
      tls_handshaking: 0,
    };
    this.error = wire.error ?? '';
    this.error_code = errorCodeOf(wire);
    this.request = {
      method: input.method,
      url: input.url,
      headers: Object.fromEntries(Object.entries(input.headers).map(([name, value]) => [name, [value]])),
      body: input.body === undefined ? '' : Buffer.from(input.body).toString('utf8'),
      cookies: {},
    };
  }

  /** k6 parses the body as JSON; a selector picks a value by a dotted path (a small part of gjson). */
  json(selector?: string): unknown {
    if (typeof this.body !== 'string') throw new Error('k6 double: response body is not text, cannot parse JSON');
    const parsed: unknown = JSON.parse(this.body);
    return selector === undefined ? parsed : selectJson(parsed, selector);
  }

  html(): never {
    throw new Error('k6 double: Response.html() is not implemented by the test double');
  }

  clickLink(): never {
    throw new Error('k6 double: Response.clickLink() is not implemented by the test double');
  }

  submitForm(): never {
    throw new Error('k6 double: Response.submitForm() is not implemented by the test double');
  }
}

function recordRequest(state: DoubleState, input: { method: string; url: string; response: Response; nameTag?: string }): void {
  if (!state.recording) return;
  const record: DoubleState['requests'][number] = {
    phase: state.phase,
    group: groupPath(state),
    method: input.method,
    url: input.url,
    status: input.response.status,
    durationMs: Math.round(input.response.timings.duration),
  };
  if (state.scenario !== undefined) record.scenario = state.scenario.name;
  if (input.nameTag !== undefined) record.nameTag = input.nameTag;
  if (input.response.error !== '') record.error = input.response.error;
  state.requests.push(record);
}

function isExpected(status: number, statuses: ExpectedStatuses): boolean {
  return statuses.some((entry) => (typeof entry === 'number' ? status === entry : status >= entry.min && status <= entry.max));
}

/** k6's `url` tag: the URL without user credentials. */
function cleanUrl(target: string): string {
  const url = new URL(target);
  url.username = '';
  url.password = '';
  return url.toString();
}

/** The samples k6 emits for one request (each redirect hop is a request of its own). */
function emitRequestMetrics(state: DoubleState, input: { method: string; url: string; wire: WireResponse; response: Response; userTags: Record<string, string>; nameTag?: string; callback: ExpectedStatuses | null }): void {
  state.dataSent += input.wire.bytesSent;
  state.dataReceived += input.wire.bytesReceived;
  const url = cleanUrl(input.url);
  const tags = currentTags(state, input.userTags);
  tags.name = input.nameTag ?? url;
  tags.url = input.nameTag ?? url;
  tags.method = input.method;
  tags.status = String(input.response.status);
  if (input.wire.error !== undefined) {
    tags.error = input.wire.error;
    tags.error_code = String(input.response.error_code);
  } else {
    if (input.response.error_code !== 0) tags.error_code = String(input.response.error_code);
    tags.proto = input.wire.protocol;
  }
  const expected = input.callback === null ? undefined : isExpected(input.wire.error === undefined ? input.response.status : 0, input.callback);
  if (expected !== undefined) tags.expected_response = String(expected);
  emitSample(state, 'http_reqs', 1, tags);
  emitSample(state, 'http_req_duration', input.wire.timings.durationMs, tags);
  emitSample(state, 'http_req_waiting', input.wire.timings.waitingMs, tags);
  emitSample(state, 'http_req_receiving', input.wire.timings.receivingMs, tags);
  if (expected !== undefined) emitSample(state, 'http_req_failed', expected ? 0 : 1, tags);
}

function urlText(url: unknown): string {
  if (typeof url === 'string') return url;
  if (url !== null && typeof url === 'object' && 'url' in url) return String((url as { url: unknown }).url);
  return String(url);
}

/** http.url`...` names the request by its template (k6 sets the `name` tag from it). */
function templateName(url: unknown): string | undefined {
  if (url instanceof TemplateUrl) return url.name;
  return undefined;
}

function isLoopback(target: string): boolean {
  const host = new URL(target).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/** The double talks only to the local test server: any other host gets a network error, fast. */
function offLimits(target: string): WireResponse {
  return {
    status: 0,
    statusText: '',
    protocol: '',
    headers: {},
    body: new Uint8Array(),
    timings: { durationMs: 0, waitingMs: 0, receivingMs: 0 },
    id: 0,
    bytesSent: 0,
    bytesReceived: 0,
    error: `k6 double: not sent, ${new URL(target).host} is not the local test server`,
  };
}

function request(method: string, url: unknown, body?: unknown, params: Params = {}): Response {
  const state = doubleState();
  if (state.phase === 'init') {
    throw new Error('k6 double: making HTTP requests in the init context is not supported (as in k6)');
  }
  state.checkInterrupt();
  const upper = method.toUpperCase();
  let target = urlText(url);
  new URL(target); // k6 fails on an invalid URL; so does this.
  // No prototype, as k6 (Go) reads a header map: `__proto__` is a header name like any other.
  const headers: HeaderMap = Object.assign(Object.create(null) as HeaderMap, { 'User-Agent': USER_AGENT });
  for (const [name, value] of Object.entries(params.headers ?? {})) headers[name] = String(value);
  const payload = encodeBody(body, headers);
  const userTags: Record<string, string> = {};
  for (const [key, value] of Object.entries(params.tags ?? {})) userTags[key] = tagValue(key, value);
  const nameTag = params.tags?.name === undefined ? templateName(url) : userTags.name;
  const callback = params.responseCallback === undefined ? state.responseCallback : params.responseCallback === null ? null : responseCallbackStatuses(params.responseCallback);
  if (state.tagHeader !== undefined && nameTag !== undefined) headers[state.tagHeader] = String(nameTag);
  const cookies = new Map((params.jar ?? vuJar).entries());
  for (const [name, value] of Object.entries(params.cookies ?? {})) cookies.set(name, typeof value === 'string' ? value : value.value);
  if (cookies.size > 0) {
    // Go's Request.AddCookie (how k6 adds the jar's and the `cookies` param's) appends to a Cookie header the script set.
    const added = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const own = Object.keys(headers).find((key) => key.toLowerCase() === 'cookie');
    if (own === undefined) headers.Cookie = added;
    else headers[own] = `${headers[own]}; ${added}`;
  }
  const timeoutMs = durationMs(params.timeout);
  let redirectsLeft = params.redirects ?? DEFAULT_MAX_REDIRECTS;
  let currentMethod = upper;
  let currentBody = payload;
  for (;;) {
    const wire = isLoopback(target) ? requestSync({ method: currentMethod, url: target, headers, body: currentBody, timeoutMs }, state.checkInterrupt) : offLimits(target);
    const response = new Response({ wire, url: target, method: currentMethod, headers, body: currentBody, responseType: params.responseType });
    recordRequest(state, { method: currentMethod, url: target, response, nameTag: params.tags?.name });
    emitRequestMetrics(state, { method: currentMethod, url: target, wire, response, userTags, nameTag, callback });
    for (const [name, values] of Object.entries(response.cookies)) for (const cookie of values) (params.jar ?? vuJar).set(target, name, cookie.value);
    const location = response.headers.Location;
    if (response.status >= 300 && response.status < 400 && location !== undefined && redirectsLeft > 0) {
      const next = new URL(location, target);
      redirectsLeft--;
      target = next.toString();
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === 'POST')) {
        currentMethod = 'GET';
        currentBody = undefined;
      }
      continue;
    }
    return response;
  }
}

function get(url: unknown, params?: Params): Response {
  return request('GET', url, null, params);
}
function head(url: unknown, params?: Params): Response {
  return request('HEAD', url, null, params);
}
function post(url: unknown, body?: unknown, params?: Params): Response {
  return request('POST', url, body, params);
}
function put(url: unknown, body?: unknown, params?: Params): Response {
  return request('PUT', url, body, params);
}
function patch(url: unknown, body?: unknown, params?: Params): Response {
  return request('PATCH', url, body, params);
}
function del(url: unknown, body?: unknown, params?: Params): Response {
  return request('DELETE', url, body, params);
}
function options(url: unknown, body?: unknown, params?: Params): Response {
  return request('OPTIONS', url, body, params);
}

type BatchEntry = string | [string, unknown, unknown?, Params?] | { method: string; url: unknown; body?: unknown; params?: Params };

/** k6 sends a batch in parallel; the double sends it one request after the other. */
function batch(requests: BatchEntry[] | Record<string, BatchEntry>): Response[] | Record<string, Response> {
  const one = (entry: BatchEntry): Response => {
    if (typeof entry === 'string') return get(entry);
    if (Array.isArray(entry)) return request(entry[0], entry[1], entry[2], entry[3]);
    return request(entry.method, entry.url, entry.body, entry.params);
  };
  if (Array.isArray(requests)) return requests.map(one);
  return Object.fromEntries(Object.entries(requests).map(([key, entry]) => [key, one(entry)]));
}

/** What http.url`...` returns: the URL, and the template with `${}` for each value as the request's name. */
class TemplateUrl {
  constructor(
    readonly url: string,
    readonly name: string,
  ) {}
  toString(): string {
    return this.url;
  }
}

function url(strings: TemplateStringsArray, ...values: unknown[]): TemplateUrl {
  let text = strings[0];
  let name = strings[0];
  values.forEach((value, i) => {
    text += String(value) + strings[i + 1];
    name += '${}' + strings[i + 1];
  });
  return new TemplateUrl(text, name);
}

/** Statuses (numbers or { min, max } ranges) that count as expected responses for http_req_failed. */
function expectedStatuses(...statuses: (number | { min: number; max: number })[]): ResponseCallback {
  for (const status of statuses) {
    const valid = typeof status === 'number' ? Number.isInteger(status) : status !== null && typeof status === 'object' && Number.isInteger(status.min) && Number.isInteger(status.max);
    if (!valid) throw new Error(`k6 double: expectedStatuses takes integers or { min, max } objects of integers, got ${JSON.stringify(status)}`);
  }
  return new ResponseCallback(statuses);
}

function responseCallbackStatuses(callback: unknown): ExpectedStatuses {
  if (callback instanceof ResponseCallback) return callback.statuses;
  throw new Error('k6 double: unsupported response callback: k6 only accepts http.expectedStatuses(...) or null');
}

/** Sets which responses count as failed in http_req_failed for this VU (null: no http_req_failed at all). */
function setResponseCallback(callback: unknown): void {
  doubleState().responseCallback = callback === null ? null : responseCallbackStatuses(callback);
}

const http = {
  request,
  get,
  head,
  post,
  put,
  patch,
  del,
  options,
  batch,
  file,
  url,
  cookieJar,
  expectedStatuses,
  setResponseCallback,
  CookieJar,
  FileData,
  Response,
  OCSP_STATUS_GOOD: 'good',
  TLS_1_2: 'tls1.2',
  TLS_1_3: 'tls1.3',
};

export { request, get, head, post, put, patch, del, options, batch, file, url, cookieJar, expectedStatuses, setResponseCallback };
export default http;
