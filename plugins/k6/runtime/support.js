import http from 'k6/http';
import { check, group } from 'k6';
import encoding from 'k6/encoding';
import exec from 'k6/execution';
import { CASE_COUNT, PLANNED_BASE_URL, PLANNED_RUN_SEED, SERVERS } from './plan.js';

/** The server under test: `k6 run -e BASE_URL=...`, else the spec's first server. */
export const BASE_URL = (__ENV.BASE_URL || PLANNED_BASE_URL).replace(/\/+$/, '');

/**
 * The base URL of an operation's own server: `k6 run -e <env>=...`, else the spec's.
 * @param {string} env
 * @returns {string}
 */
export function serverUrl(env) {
  const given = __ENV[env];
  if (given !== undefined && given !== '') return given.replace(/\/+$/, '');
  const server = SERVERS[env];
  if (server === undefined) return BASE_URL;
  return server.relative ? (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(BASE_URL) || [''])[0] + server.url : server.url;
}

/**
 * Why the selected test cases may not start with their servers' variables as they are: a server
 * whose spec default the test case may not use (requiresChosen), or one its requests carry
 * credentials to when its default is not on BASE_URL's scheme, host and port (credentials go
 * only to hosts the user named). Empty when they may.
 * @param {Array<{ env: string, requiresChosen: boolean, credentials: boolean }>} needs
 * @returns {string[]}
 */
export function serverProblems(needs) {
  /** @type {string[]} */
  const problems = [];
  const seen = new Set();
  for (const need of needs) {
    const env = need.env;
    const given = __ENV[env];
    if (seen.has(env) || (given !== undefined && given !== '')) continue;
    const server = SERVERS[env];
    if (server === undefined) continue;
    const all = needs.filter((other) => other.env === env);
    if (all.some((other) => other.requiresChosen)) {
      seen.add(env);
      problems.push(`${env} is not set: these test cases never run against the spec's server ${server.url} by default (only a loopback address, and never in stress, spike and soak tests). Run k6 with -e ${env}=https://your-test-server`);
    } else if (all.some((other) => other.credentials) && !server.relative && originOf(server.url) !== originOf(BASE_URL)) {
      seen.add(env);
      problems.push(`${env} is not set: requests with credentials go to its default ${server.url}, which is not on BASE_URL's scheme, host and port (${originOf(BASE_URL) || BASE_URL}); credentials go only to hosts you name. Run k6 with -e ${env}=...`);
    }
  }
  return problems;
}

const MULTIPART_BOUNDARY = 'perfplan-form-boundary-9d2f81c4';

/**
 * @typedef {{ name: string, in: 'path' | 'query' | 'header' | 'cookie', value: unknown, style?: string, explode?: boolean }} Parameter
 * @typedef {{ contentType?: string, style?: string, explode?: boolean }} FieldEncoding
 * @typedef {{ name: string, namespace?: string, prefix?: string, attribute?: boolean, wrapped?: boolean, properties?: Record<string, XmlNode>, items?: XmlNode }} XmlNode
 * @typedef {{ kind: 'json' | 'form' | 'multipart' | 'binary' | 'xml' | 'text', contentType?: string, value: unknown, encoding?: Record<string, FieldEncoding>, xml?: XmlNode }} Body
 * @typedef {{ type: 'bearer', tokenEnv: string }
 *   | { type: 'basic', usernameEnv: string, passwordEnv: string }
 *   | { type: 'apiKey', in: 'header' | 'query' | 'cookie', name: string, valueEnv: string }
 *   | { type: 'oauth2', scheme: string, tokenUrl: string, tokenUrlEnv: string, tokenEnv: string, grant: 'client_credentials' | 'password', clientIdEnv: string, clientSecretEnv: string, usernameEnv?: string, passwordEnv?: string, scopes: string[] }} Auth
 * @typedef {{ operationId: string, group: string, method: string, server?: string, path: string, query?: string, parameters: Parameter[], body?: Body, statuses: number[], auth: Auth[], variations?: Variation[] }} Operation
 */

/**
 * What a caller (a workflow step) changes in a request: parameter values by name, values at
 * JSON pointers (as unescaped tokens) in the body, or the whole URL; `tags` are added to the request's.
 * @typedef {{ url?: string, path?: Record<string, unknown>, query?: Record<string, unknown>, header?: Record<string, unknown>, cookie?: Record<string, unknown>, body?: Array<{ pointer: string[], value: unknown }>, tags?: Record<string, string> }} Overrides
 */

/**
 * What a request sent (values before serialisation) and whether its status check passed.
 * @typedef {{ path: Record<string, unknown>, query: Record<string, unknown>, header: Record<string, unknown>, cookie: Record<string, unknown>, body: unknown, passed: boolean }} Trace
 */

/**
 * What setup() hands to every iteration: OAuth2 access tokens by scheme.
 * @typedef {{ tokens: Record<string, string> }} Session
 */

/**
 * The value of an environment variable the request needs (a credential).
 * @param {string} name
 * @returns {string}
 */
export function requireEnv(name) {
  const value = __ENV[name];
  if (value === undefined || value === '') {
    throw new Error(`Environment variable ${name} is not set: run k6 with -e ${name}=...`);
  }
  return value;
}

/**
 * The text of one value: strings as they are, numbers and booleans printed, null empty, structures as JSON.
 * @param {unknown} value
 * @returns {string}
 */
export function textOf(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `{ "$file": ... }` marker of a file's content.
 * @param {unknown} value
 * @returns {value is { $file: { name: string, contentType: string, content: string, contentEncoding?: string } }}
 */
export function isFile(value) {
  return isRecord(value) && isRecord(value.$file) && typeof value.$file.content === 'string';
}

/**
 * A file's bytes: its content, decoded when the plan wrote it in base64 (a body that is not text, such as CBOR).
 * @param {{ $file: { content: string, contentEncoding?: string } }} file
 * @returns {string | ArrayBuffer}
 */
function fileBytes(file) {
  return file.$file.contentEncoding === 'base64' ? encoding.b64decode(file.$file.content, 'std') : file.$file.content;
}

const encode = encodeURIComponent;

/**
 * A path parameter per OpenAPI style (simple, label, matrix) and explode.
 * @param {string} name
 * @param {unknown} value
 * @param {string} style
 * @param {boolean} explode
 * @returns {string}
 */
export function pathText(name, value, style, explode) {
  /** @param {string} separator @param {boolean} pairs */
  const list = (separator, pairs) => {
    if (Array.isArray(value)) return value.map((item) => encode(textOf(item))).join(separator);
    if (isRecord(value)) {
      return Object.entries(value)
        .map(([key, item]) => (pairs ? `${encode(key)}=${encode(textOf(item))}` : `${encode(key)},${encode(textOf(item))}`))
        .join(separator);
    }
    return encode(textOf(value));
  };
  const composite = Array.isArray(value) || isRecord(value);
  if (style === 'label') return `.${list(explode ? '.' : ',', explode)}`;
  if (style === 'matrix') {
    if (explode && Array.isArray(value)) return value.map((item) => `;${encode(name)}=${encode(textOf(item))}`).join('');
    if (explode && isRecord(value)) return `;${list(';', true)}`;
    return `;${encode(name)}=${composite ? list(',', false) : encode(textOf(value))}`;
  }
  return list(',', explode);
}

/**
 * `name=value` pairs, percent-encoded, for a query parameter or a form field per OpenAPI style
 * (form, spaceDelimited, pipeDelimited, deepObject) and explode. deepObject writes nested
 * objects as `a[b][c]=v` and arrays with indexes, `a[0]=x`, as Stripe and Prism read them.
 * @param {string} name
 * @param {unknown} value
 * @param {string} style
 * @param {boolean} explode
 * @returns {string[]}
 */
export function queryPairs(name, value, style, explode) {
  const key = encode(name);
  if (style === 'deepObject' && (isRecord(value) || Array.isArray(value))) return deepObjectPairs(name, value);
  const delimiter = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '%7C' : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    const items = value.map((item) => encode(textOf(item)));
    if (explode) return items.map((item) => `${key}=${item}`);
    return [`${key}=${items.join(delimiter)}`];
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (explode) return entries.map(([prop, item]) => `${encode(prop)}=${encode(textOf(item))}`);
    return [`${key}=${entries.map(([prop, item]) => `${encode(prop)}${delimiter}${encode(textOf(item))}`).join(delimiter)}`];
  }
  return [`${key}=${encode(textOf(value))}`];
}

/**
 * @param {string} prefix
 * @param {unknown} value
 * @returns {string[]}
 */
function deepObjectPairs(prefix, value) {
  /** @type {Array<[string, unknown]>} */
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : isRecord(value) ? Object.entries(value) : [];
  if (!Array.isArray(value) && !isRecord(value)) return [`${encodeKey(prefix)}=${encode(textOf(value))}`];
  return entries.flatMap(([prop, item]) => deepObjectPairs(`${prefix}[${prop}]`, item));
}

/**
 * @param {string} key
 * @returns {string}
 */
function encodeKey(key) {
  return encode(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/**
 * An `application/x-www-form-urlencoded` body. Fields with an encoding that gives a style or
 * explode are written like query parameters of that style; otherwise (OpenAPI's default
 * Encoding Object) by content type: primitives as text, objects as JSON, arrays one pair per
 * item, and a field whose contentType is JSON as JSON text.
 * @param {unknown} fields
 * @param {Record<string, FieldEncoding>} [encodings]
 * @returns {string}
 */
export function formUrlEncoded(fields, encodings) {
  if (!isRecord(fields)) return encode(textOf(fields));
  /** @type {string[]} */
  const pairs = [];
  for (const [name, raw] of Object.entries(fields)) {
    const value = isFile(raw) ? raw.$file.content : raw;
    const field = (encodings || {})[name] || {};
    if (field.style !== undefined || field.explode !== undefined) {
      const style = field.style || 'form';
      pairs.push(...queryPairs(name, value, style, field.explode !== undefined ? field.explode : style === 'form'));
    } else if (field.contentType !== undefined && /json/i.test(field.contentType)) {
      pairs.push(`${encode(name)}=${encode(JSON.stringify(value))}`);
    } else {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) pairs.push(`${encode(name)}=${encode(textOf(item))}`);
    }
  }
  return pairs.join('&').replace(/%20/g, '+');
}

/**
 * @param {string} text
 * @returns {string}
 */
function partHeaderText(text) {
  return text.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
}

/**
 * A multipart/form-data body, files too, with the fixed boundary (perfplan/plugin's wire form):
 * one part per field, an array one part per item unless its encoding's content type is JSON; a
 * file part with its name and type; any other part of the encoding's content type, else JSON
 * for an object and plain text for a primitive. Built here rather than from http.file(), which
 * sends one part per key and a boundary of k6's own.
 * @param {unknown} fields
 * @param {Record<string, FieldEncoding>} [encodings]
 * @returns {{ body: string, contentType: string }}
 */
export function multipartBody(fields, encodings) {
  const record = isRecord(fields) && !isFile(fields) ? fields : { value: fields };
  const types = encodings || {};
  let body = '';
  for (const [name, value] of Object.entries(record)) {
    const declared = (types[name] || {}).contentType;
    const partType = declared === undefined ? undefined : declared.split(',')[0].trim();
    const jsonPart = partType !== undefined && /json/i.test(partType);
    const items = Array.isArray(value) && !jsonPart ? value : [value];
    for (const item of items) {
      let disposition = `form-data; name="${partHeaderText(name)}"`;
      /** @type {string | undefined} */
      let type;
      let content;
      if (isFile(item)) {
        disposition += `; filename="${partHeaderText(item.$file.name)}"`;
        type = partType !== undefined ? partType : item.$file.contentType;
        content = item.$file.content;
      } else {
        type = partType !== undefined ? partType : item !== null && typeof item === 'object' ? 'application/json' : undefined;
        content = type !== undefined && /json/i.test(type) ? JSON.stringify(item) : textOf(item);
      }
      body += `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type !== undefined ? `Content-Type: ${partHeaderText(type)}\r\n` : ''}\r\n${content}\r\n`;
    }
  }
  return { body: `${body}--${MULTIPART_BOUNDARY}--\r\n`, contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` };
}

/** @type {Record<string, string>} */
const XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xd;', '\n': '&#xa;', '\t': '&#x9;' };

/**
 * Text or attribute content for XML 1.0: markup escaped, characters XML cannot carry as U+FFFD.
 * @param {string} text
 * @returns {string}
 */
function xmlEscape(text) {
  return text
    .replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (ch) => (ch.length === 2 ? ch : '\ufffd'))
    .replace(/[&<>"'\r\n\t]/g, (ch) => XML_ESCAPES[ch]);
}

/**
 * An XML name resembling `text` (`_` for what a name cannot hold; a name cannot start with `xml`).
 * @param {string} text
 * @returns {string}
 */
function xmlName(text) {
  const name = text.replace(/[^A-Za-z0-9_.\u00c0-\ud7ff\ue000-\ufffd-]+/g, '_');
  if (name === '') return '_';
  return /^[A-Za-z_\u00c0-\ud7ff\ue000-\ufffd]/.test(name) && !/^xml/i.test(name) ? name : `_${name}`;
}

/**
 * @param {XmlNode} node
 * @returns {string}
 */
function xmlQualified(node) {
  return node.prefix ? `${xmlName(node.prefix)}:${xmlName(node.name)}` : xmlName(node.name);
}

/**
 * @param {XmlNode} node
 * @returns {string}
 */
function xmlNamespace(node) {
  if (node.namespace === undefined) return '';
  return ` ${node.prefix ? `xmlns:${xmlName(node.prefix)}` : 'xmlns'}="${xmlEscape(node.namespace)}"`;
}

/**
 * @param {XmlNode} node
 * @param {unknown} value
 * @param {number} depth
 * @returns {string}
 */
function xmlElement(node, value, depth) {
  const tag = xmlQualified(node);
  if (Array.isArray(value)) {
    const inner = value.map((item) => xmlElement(node.items || { name: node.name }, item, depth + 1)).join('');
    return node.wrapped === true ? `<${tag}${xmlNamespace(node)}>${inner}</${tag}>` : inner;
  }
  if (value === null) return `<${tag}${xmlNamespace(node)}/>`;
  if (!isRecord(value) || depth > 64) return `<${tag}${xmlNamespace(node)}>${xmlEscape(textOf(value))}</${tag}>`;
  let attributes = xmlNamespace(node);
  let children = '';
  for (const [key, child] of Object.entries(value)) {
    const shape = node.properties && Object.prototype.hasOwnProperty.call(node.properties, key) ? node.properties[key] : { name: key };
    if (shape.attribute === true && (child === null || typeof child !== 'object')) attributes += ` ${xmlQualified(shape)}="${xmlEscape(textOf(child))}"`;
    else children += xmlElement(shape, child, depth + 1);
  }
  return children === '' ? `<${tag}${attributes}/>` : `<${tag}${attributes}>${children}</${tag}>`;
}

/**
 * An XML body from the value and the spec's XML Objects (element and attribute names, wrapped
 * arrays, namespaces), as perfplan/plugin's wire form writes it.
 * @param {unknown} value
 * @param {XmlNode | undefined} shape
 * @returns {string}
 */
export function xmlBody(value, shape) {
  const root = shape || { name: 'root' };
  const element = Array.isArray(value) ? xmlElement(Object.assign({}, root, { wrapped: true }), value, 0) : xmlElement(root, value, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>${element}`;
}

/**
 * The value at a JSON pointer given as unescaped reference tokens (RFC 6901), or `found: false`.
 * @param {unknown} document
 * @param {string[]} tokens
 * @returns {{ found: boolean, value: unknown }}
 */
export function readPointer(document, tokens) {
  let current = document;
  for (const token of tokens) {
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(token) && Number(token) < current.length) current = current[Number(token)];
    else if (isRecord(current) && Object.prototype.hasOwnProperty.call(current, token)) current = current[token];
    else return { found: false, value: undefined };
  }
  return { found: current !== undefined, value: current };
}

/**
 * A copy of `document` with `value` at each pointer; missing objects on the way are created.
 * @param {unknown} document
 * @param {Array<{ pointer: string[], value: unknown }>} writes
 * @returns {unknown}
 */
export function writePointers(document, writes) {
  if (writes.length === 0) return document;
  /** @type {unknown} */
  let root = document === undefined ? {} : JSON.parse(JSON.stringify(document));
  for (const { pointer, value } of writes) {
    if (pointer.length === 0) {
      root = value;
      continue;
    }
    if (!isRecord(root) && !Array.isArray(root)) root = {};
    /** @type {any} */
    let parent = root;
    pointer.forEach((token, index) => {
      const last = index === pointer.length - 1;
      const key = Array.isArray(parent) && token === '-' ? parent.length : token;
      if (last) parent[key] = value;
      else {
        if (typeof parent[key] !== 'object' || parent[key] === null) parent[key] = {};
        parent = parent[key];
      }
    });
  }
  return root;
}

// ---------------------------------------------------------------- values that vary
// The same arithmetic as perfplan's reference (src/data/variations/varied-values.ts) and the
// Locust and JMeter runtimes: the same seed and counter give the same value in every engine.

/**
 * The run seed: PERFPLAN_RUN_SEED (1 to 10 digits, below 2^32), else the plan's. Give a run its
 * own seed and it sends ids, names and keys no run with another seed sent.
 * @param {string | undefined} text
 * @returns {number}
 */
export function runSeedOf(text) {
  if (text === undefined || text === '') return PLANNED_RUN_SEED;
  const trimmed = text.trim();
  if (!/^[0-9]{1,10}$/.test(trimmed) || Number(trimmed) > 4294967295) {
    throw new Error(`PERFPLAN_RUN_SEED must be a whole number from 0 to 4294967295 (got "${text}"): run k6 with -e PERFPLAN_RUN_SEED=2, or leave it unset for ${PLANNED_RUN_SEED}.`);
  }
  return Number(trimmed);
}

/** Read once, at init: a bad value stops k6 before any request. */
export const RUN_SEED = runSeedOf(__ENV.PERFPLAN_RUN_SEED);

/**
 * The feeder's rows (set by the script from lib/feeder.json through a SharedArray) and each of
 * the script's scenarios' test case index in the plan.
 * @type {{ rows: ArrayLike<Record<string, string>>, cases: Record<string, number> }}
 */
const DATA = { rows: [], cases: {} };

/**
 * For the script, at init: the feeder's rows and the plan index of each of its scenarios.
 * @param {{ rows?: ArrayLike<Record<string, string>>, cases: Record<string, number> }} data
 */
export function useData(data) {
  if (data.rows !== undefined) DATA.rows = data.rows;
  DATA.cases = data.cases;
}

/**
 * A fixed 32-bit mixing function (xor-shift-multiply).
 * @param {number} value
 * @returns {number}
 */
export function mix32(value) {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * @param {number} value
 * @param {number} digits
 * @returns {string}
 */
function hexOf(value, digits) {
  return (value >>> 0).toString(16).padStart(8, '0').slice(8 - digits);
}

/**
 * A version-4-shaped UUID from the seed and a counter below 2^48 (its last 48 bits, masked).
 * @param {number} seed
 * @param {number} counter
 * @returns {string}
 */
export function variedUuid(seed, counter) {
  const s = mix32(seed);
  const low = counter % 4294967296;
  const high = Math.floor(counter / 4294967296) % 65536;
  const a = mix32(s + low);
  const b = mix32((a ^ high ^ 0x9e3779b9) >>> 0);
  const c = mix32(b + 0x85ebca6b);
  const tailLow = (low ^ mix32((s ^ 0xc2b2ae35) >>> 0)) >>> 0;
  const tailHigh = (high ^ (mix32((s ^ 0x27d4eb2f) >>> 0) & 0xffff)) & 0xffff;
  return `${hexOf(a, 8)}-${hexOf(b >>> 16, 4)}-4${hexOf(b & 0xfff, 3)}-${hexOf(8 | (c >>> 30), 1)}${hexOf(c & 0xfff, 3)}-${hexOf(tailHigh, 4)}${hexOf(tailLow, 8)}`;
}

/**
 * How a value varies (TestPlan RequestTemplate.variations, its target parsed).
 * @typedef {{ where: 'path' | 'query' | 'header' | 'cookie' | 'body', name?: string, pointer?: string[], kind: 'integer' | 'string' | 'email' | 'uuid' | 'request-key' | 'credential' | 'file', min?: number, step?: number, count?: number, column?: string, width?: number, lane?: { index: number, of: number }, env?: string, bytes?: number }} Variation
 */

/**
 * Where a request is in the run: n, unique across the run's virtual users (the scenario's
 * iterationInTest × the plan's test cases + the test case's index); the feeder row
 * (iterationInTest mod rows); r, the request's index within the iteration.
 * @typedef {{ seed: number, iteration: number, row: Record<string, string> | undefined, request: number }} Position
 */

/** @type {{ iteration: number, request: number }} */
const LAST = { iteration: -1, request: -1 };

/** @returns {Position} */
function position() {
  let inTest = 0;
  let ordinal = 0;
  try {
    inTest = exec.scenario.iterationInTest;
    ordinal = DATA.cases[exec.scenario.name] || 0;
  } catch (error) {
    inTest = __ITER;
  }
  const iteration = inTest * CASE_COUNT + ordinal;
  LAST.request = LAST.iteration === iteration ? LAST.request + 1 : 0;
  LAST.iteration = iteration;
  const rows = DATA.rows;
  return { seed: RUN_SEED, iteration, row: rows.length > 0 ? rows[inTest % rows.length] : undefined, request: LAST.request };
}

/**
 * The value of one variation, given the value the request would otherwise send there.
 * @param {Variation} v
 * @param {unknown} current
 * @param {Position} at
 * @returns {unknown}
 */
export function variedValue(v, current, at) {
  const counter = v.lane === undefined ? at.iteration : at.iteration * v.lane.of + v.lane.index;
  const mixed = mix32(at.seed);
  switch (v.kind) {
    case 'integer':
      return Number(v.min) + Number(v.step) * ((mixed + counter) % Number(v.count));
    case 'string':
    case 'email': {
      const fed = at.row !== undefined && v.column !== undefined ? at.row[v.column] : undefined;
      const base = typeof fed === 'string' ? fed : typeof current === 'string' ? current : '';
      const width = Number(v.width);
      const suffix = `-${((mixed + counter) % 36 ** width).toString(36).padStart(width, '0')}`;
      const cut = v.kind === 'email' ? base.lastIndexOf('@') : -1;
      return cut < 0 ? base + suffix : base.slice(0, cut) + suffix + base.slice(cut);
    }
    case 'uuid':
      return variedUuid(at.seed, counter);
    case 'request-key':
      return variedUuid(at.seed, at.iteration * 65536 + (at.request % 65536));
    case 'credential': {
      const given = v.env === undefined ? undefined : __ENV[v.env];
      return given !== undefined && given !== '' ? given : current;
    }
    case 'file': {
      if (!isFile(current)) return current;
      const bytes = Number(v.bytes);
      const unit = current.$file.content === '' ? '.' : current.$file.content;
      return { $file: Object.assign({}, current.$file, { content: unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes) }) };
    }
    default:
      return current;
  }
}

/**
 * A response header, whatever the case of its name.
 * @param {import('k6/http').Response} res
 * @param {string} name
 * @returns {string | undefined}
 */
export function headerOf(res, name) {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(res.headers || {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * @param {import('k6/http').Response} res
 * @returns {unknown}
 */
export function jsonOf(res) {
  try {
    return typeof res.body === 'string' ? JSON.parse(res.body) : undefined;
  } catch (error) {
    return undefined;
  }
}

/** Control characters make Go's HTTP client refuse a header: they become spaces. */
/**
 * @param {unknown} value
 * @param {boolean} explode
 * @returns {string}
 */
function headerText(value, explode) {
  let text;
  if (Array.isArray(value)) text = value.map(textOf).join(',');
  else if (isRecord(value)) text = Object.entries(value).map(([key, item]) => (explode ? `${key}=${textOf(item)}` : `${key},${textOf(item)}`)).join(',');
  else text = textOf(value);
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/**
 * @param {string} text
 * @returns {string}
 */
function encodePathLiteral(text) {
  return encodeURI(text).replace(/\?/g, '%3F').replace(/#/g, '%23');
}

/** @type {Record<string, string>} */
const OAUTH2_TOKENS = {};

/**
 * Scheme, host and port of an absolute URL, lower-cased, the default port written out; undefined
 * when the URL has none or its authority holds anything but a host and port (a user name, a
 * backslash...), which HTTP clients read in different ways: such a URL is never taken as ours.
 * @param {string} url
 * @returns {string | undefined}
 */
export function originOf(url) {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(url);
  if (match === null) return undefined;
  const hostPort = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::([0-9]*))?$/i.exec(match[2]);
  if (hostPort === null) return undefined;
  const scheme = match[1].toLowerCase();
  const port = hostPort[2] || (scheme === 'https' ? '443' : scheme === 'http' ? '80' : '');
  return `${scheme}://${hostPort[1].toLowerCase()}:${port}`;
}

/**
 * A token URL against the base URL: an absolute one as it is, `//host/...` with the base's
 * scheme, any other below the base URL.
 * @param {string} url
 * @param {string} base
 * @returns {string}
 */
export function resolveTokenUrl(url, base) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  if (url.startsWith('//')) return `${(/^[a-z][a-z0-9+.-]*:/i.exec(base) || ['https:'])[0]}${url}`;
  return base + (url.startsWith('/') ? '' : '/') + url;
}

/**
 * Where an OAuth2 scheme's token request goes. Credentials go only to hosts the user named: the
 * URL in the scheme's token URL variable when set; else the spec's token URL when it is relative
 * (taken below the base URL) or has the same scheme, host and port as the base URL; else nowhere,
 * and `refused` says which variable to set.
 * @param {Extract<Auth, { type: 'oauth2' }>} flow
 * @param {Record<string, string | undefined>} env
 * @param {string} base
 * @returns {{ url: string, refused?: undefined } | { url?: undefined, refused: string }}
 */
export function tokenUrlOf(flow, env, base) {
  const given = env[flow.tokenUrlEnv];
  if (given !== undefined && given !== '') return { url: resolveTokenUrl(given, base) };
  const url = resolveTokenUrl(flow.tokenUrl, base);
  if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(flow.tokenUrl)) return { url };
  const origin = originOf(url);
  if (origin !== undefined && origin === originOf(base)) return { url };
  return {
    refused:
      `OAuth2 scheme ${JSON.stringify(flow.scheme)}: the spec's token URL is on ${origin === undefined ? 'another host' : origin}, ` +
      `not on the server under test (${originOf(base) || base}); the client secret goes only to hosts you name. ` +
      `Set ${flow.tokenUrlEnv} to the token endpoint (k6 run -e ${flow.tokenUrlEnv}=...), or ${flow.tokenEnv} to a token obtained beforehand.`,
  };
}

/**
 * An OAuth2 access token from the scheme's token endpoint (client credentials or password grant;
 * the client authenticates with HTTP basic, RFC 6749 2.3.1, and asks for the plan's scopes). When
 * the token URL is refused (see tokenUrlOf) the whole test stops, before anything is sent.
 * @param {Extract<Auth, { type: 'oauth2' }>} flow
 * @returns {string}
 */
export function fetchOAuth2Token(flow) {
  const target = tokenUrlOf(flow, __ENV, BASE_URL);
  if (target.url === undefined) {
    exec.test.abort(target.refused);
    throw new Error(target.refused);
  }
  const url = target.url;
  const form = [`grant_type=${flow.grant}`];
  if (flow.usernameEnv !== undefined && flow.passwordEnv !== undefined) {
    form.push(`username=${encode(requireEnv(flow.usernameEnv))}`, `password=${encode(requireEnv(flow.passwordEnv))}`);
  }
  if (flow.scopes.length > 0) form.push(`scope=${encode(flow.scopes.join(' '))}`);
  const client = `${encode(requireEnv(flow.clientIdEnv))}:${encode(requireEnv(flow.clientSecretEnv))}`;
  const res = http.request('POST', url, form.join('&'), {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${encoding.b64encode(client)}` },
    tags: { name: `oauth2 token (${flow.scheme})` },
  });
  const token = res.status === 200 ? res.json('access_token') : undefined;
  if (typeof token !== 'string') {
    throw new Error(`OAuth2 token request for scheme ${flow.scheme} to ${url} failed with status ${res.status}; set ${flow.tokenEnv} to use a token obtained beforehand`);
  }
  return token;
}

/**
 * The scheme's token: from its token variable when set; else the one setup() fetched; else
 * fetched here, once per virtual user (when setup() did not run).
 * @param {Extract<Auth, { type: 'oauth2' }>} flow
 * @param {Session | undefined} session
 * @returns {string}
 */
function oauth2Token(flow, session) {
  const given = __ENV[flow.tokenEnv];
  if (given !== undefined && given !== '') return given;
  const fetched = session && session.tokens ? session.tokens[flow.scheme] : undefined;
  if (fetched !== undefined) return fetched;
  if (OAUTH2_TOKENS[flow.scheme] === undefined) OAUTH2_TOKENS[flow.scheme] = fetchOAuth2Token(flow);
  return OAUTH2_TOKENS[flow.scheme];
}

/**
 * The environment variables a credential reads: an OAuth2 scheme whose token variable is set
 * needs nothing else.
 * @param {Auth} auth
 * @returns {string[]}
 */
export function authEnv(auth) {
  if (auth.type === 'bearer') return [auth.tokenEnv];
  if (auth.type === 'basic') return [auth.usernameEnv, auth.passwordEnv];
  if (auth.type === 'apiKey') return [auth.valueEnv];
  if (__ENV[auth.tokenEnv] !== undefined && __ENV[auth.tokenEnv] !== '') return [];
  return [auth.clientIdEnv, auth.clientSecretEnv, ...(auth.usernameEnv !== undefined ? [auth.usernameEnv] : []), ...(auth.passwordEnv !== undefined ? [auth.passwordEnv] : [])];
}

/**
 * For setup(): fails before any load when a variable the credentials need is not set (naming
 * every missing one), stops the test when a token URL is refused (see tokenUrlOf), then fetches
 * each OAuth2 token not given in its variable, once for the whole test.
 * @param {Auth[]} auths
 * @returns {Session}
 */
export function prepareSession(auths) {
  const missing = [...new Set(auths.flatMap(authEnv))].filter((name) => __ENV[name] === undefined || __ENV[name] === '').sort();
  if (missing.length > 0) {
    throw new Error(`Environment variable${missing.length === 1 ? '' : 's'} not set: ${missing.join(', ')}. Run k6 with ${missing.map((name) => `-e ${name}=...`).join(' ')}`);
  }
  /** @type {Array<Extract<Auth, { type: 'oauth2' }>>} */
  const fetched = [];
  for (const auth of auths) {
    if (auth.type !== 'oauth2' || fetched.some((other) => other.scheme === auth.scheme)) continue;
    if (__ENV[auth.tokenEnv] === undefined || __ENV[auth.tokenEnv] === '') fetched.push(auth);
  }
  const refused = fetched.map((auth) => tokenUrlOf(auth, __ENV, BASE_URL).refused).filter((reason) => reason !== undefined);
  if (refused.length > 0) {
    exec.test.abort(refused.join(' '));
    throw new Error(refused.join(' '));
  }
  /** @type {Record<string, string>} */
  const tokens = {};
  for (const auth of fetched) tokens[auth.scheme] = fetchOAuth2Token(auth);
  return { tokens };
}

/**
 * @param {number[]} statuses
 * @returns {{ name: string, ok: (status: number) => boolean }}
 */
function statusCheck(statuses) {
  if (statuses.length === 0) return { name: 'status is below 400', ok: (status) => status < 400 };
  return { name: `status is ${statuses.join(' or ')}`, ok: (status) => statuses.includes(status) };
}

/** @type {Record<string, ReturnType<typeof http.expectedStatuses>>} */
const RESPONSE_CALLBACKS = {};

/**
 * Which statuses k6 counts as a success in http_req_failed: the documented ones, so that the
 * error-rate thresholds judge what the checks do (k6's default is any status from 200 to 399).
 * Made once per operation, as k6 advises.
 * @param {Operation} op
 * @returns {ReturnType<typeof http.expectedStatuses> | undefined}
 */
function responseCallbackOf(op) {
  if (op.statuses.length === 0) return undefined;
  const key = `${op.operationId}\n${op.statuses.join(',')}`;
  return RESPONSE_CALLBACKS[key] || (RESPONSE_CALLBACKS[key] = http.expectedStatuses(...op.statuses));
}

/** Header names the request itself defines; OpenAPI ignores parameters with these names. */
const OWN_HEADERS = ['accept', 'content-type', 'authorization'];

/**
 * Sends one operation's request in a group named after it, tagged `name=<operationId>`, and
 * checks the documented status.
 * @param {Operation} op
 * @param {Session | undefined} session
 * @param {Overrides | undefined} overrides
 * @param {Trace | undefined} trace
 * @returns {import('k6/http').Response}
 */
export function send(op, session, overrides, trace) {
  const o = overrides || {};
  // Names come from the spec: records without a prototype keep `__proto__` and `constructor` as names.
  /** @type {Record<'path' | 'query' | 'header' | 'cookie', Record<string, unknown>>} */
  const values = { path: Object.create(null), query: Object.create(null), header: Object.create(null), cookie: Object.create(null) };
  /** @type {Record<string, Parameter>} */
  const declared = Object.create(null);
  for (const param of op.parameters) {
    values[param.in][param.name] = param.value;
    declared[`${param.in} ${param.name}`] = param;
  }
  // Values that vary per iteration first: a workflow step's overrides below win over them.
  /** @type {Array<{ pointer: string[], value: unknown }>} */
  const variedBody = [];
  if (op.variations !== undefined && op.variations.length > 0) {
    const at = position();
    for (const v of op.variations) {
      if (v.where === 'body') {
        variedBody.push({ pointer: v.pointer || [], value: variedValue(v, op.body ? readPointer(op.body.value, v.pointer || []).value : undefined, at) });
        continue;
      }
      const name = v.name || '';
      const known = v.where === 'header' ? Object.keys(values.header).find((key) => key.toLowerCase() === name.toLowerCase()) : name;
      if (known !== undefined && Object.prototype.hasOwnProperty.call(values[v.where], known)) values[v.where][known] = variedValue(v, values[v.where][known], at);
    }
  }
  for (const where of /** @type {const} */ (['path', 'query', 'header', 'cookie'])) {
    for (const [name, value] of Object.entries(o[where] || {})) {
      const known = where === 'header' ? Object.keys(values.header).find((key) => key.toLowerCase() === name.toLowerCase()) : undefined;
      if (known !== undefined) delete values.header[known];
      values[where][name] = value;
    }
  }
  /** @param {'path' | 'query' | 'header' | 'cookie'} where @param {string} name */
  const paramOf = (where, name) => declared[`${where} ${name}`] || { name, in: where, value: undefined };
  /** @type {string[]} */
  const query = [];
  for (const [name, value] of Object.entries(values.query)) {
    const param = paramOf('query', name);
    const style = param.style || 'form';
    query.push(...queryPairs(name, value, style, param.explode !== undefined ? param.explode : style === 'form'));
  }
  /** @type {string[]} */
  const authQuery = [];
  /** @type {Record<string, string>} */
  const headers = Object.create(null);
  for (const [name, value] of Object.entries(values.header)) {
    if (!OWN_HEADERS.includes(name.toLowerCase())) headers[name] = headerText(value, Boolean(paramOf('header', name).explode));
  }
  // Cookies form style, percent-encoded (OpenAPI 3.1.1 Appendix D), in one Cookie header: k6's
  // `cookies` param holds one value per name, and Go quotes a value with a comma or a space.
  /** @type {string[]} */
  const cookies = [];
  for (const [name, value] of Object.entries(values.cookie)) {
    const param = paramOf('cookie', name);
    cookies.push(...queryPairs(name, value, param.style || 'form', param.explode !== undefined ? param.explode : true));
  }
  for (const auth of op.auth) {
    if (auth.type === 'bearer') headers.Authorization = `Bearer ${requireEnv(auth.tokenEnv)}`;
    else if (auth.type === 'basic') headers.Authorization = `Basic ${encoding.b64encode(`${requireEnv(auth.usernameEnv)}:${requireEnv(auth.passwordEnv)}`)}`;
    else if (auth.type === 'oauth2') headers.Authorization = `Bearer ${oauth2Token(auth, session)}`;
    else if (auth.in === 'header') headers[auth.name] = requireEnv(auth.valueEnv);
    else if (auth.in === 'query') authQuery.push(`${encode(auth.name)}=${encode(requireEnv(auth.valueEnv))}`);
    else cookies.push(`${auth.name}=${requireEnv(auth.valueEnv)}`);
  }
  if (cookies.length > 0) headers.Cookie = cookies.join('; ');
  let url;
  // The operation's server: BASE_URL, or the server it has of its own.
  const base = op.server === undefined ? BASE_URL : serverUrl(op.server);
  if (o.url !== undefined) {
    // A Location of `/path` is relative to the server's origin (RFC 3986), any other relative one to the server's base URL.
    const origin = (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(base) || [''])[0];
    if (/^[a-z][a-z0-9+.-]*:/i.test(o.url)) url = o.url;
    else url = o.url.startsWith('/') ? origin + o.url : `${base}/${o.url}`;
    if (authQuery.length > 0) url += (url.includes('?') ? '&' : '?') + authQuery.join('&');
  } else {
    const path = op.path
      .split(/(\{[^{}]*\})/)
      .map((piece) => {
        const name = /^\{([^{}]*)\}$/.exec(piece);
        if (name === null || !Object.prototype.hasOwnProperty.call(values.path, name[1])) return encodePathLiteral(piece);
        const param = paramOf('path', name[1]);
        return pathText(name[1], values.path[name[1]], param.style || 'simple', Boolean(param.explode));
      })
      .join('');
    // The path key's own query (already percent-encoded) comes first.
    const pairs = [...(op.query === undefined ? [] : [op.query]), ...query, ...authQuery];
    url = base + path + (pairs.length === 0 ? '' : `?${pairs.join('&')}`);
  }
  const bodyValue = op.body ? writePointers(writePointers(op.body.value, variedBody), o.body || []) : undefined;
  /** @type {string | ArrayBuffer | null} */
  let body = null;
  if (op.body) {
    const { kind, contentType } = op.body;
    if (kind === 'multipart') {
      const built = multipartBody(bodyValue, op.body.encoding);
      body = built.body;
      headers['Content-Type'] = built.contentType;
    } else {
      if (kind === 'json') body = JSON.stringify(bodyValue);
      else if (kind === 'form') body = formUrlEncoded(bodyValue, op.body.encoding);
      else if (kind === 'xml') body = xmlBody(bodyValue, op.body.xml);
      else if (kind === 'binary') body = isFile(bodyValue) ? fileBytes(bodyValue) : textOf(bodyValue);
      else body = typeof bodyValue === 'string' ? bodyValue : JSON.stringify(bodyValue);
      if (contentType !== undefined) headers['Content-Type'] = contentType;
    }
  }
  const tags = Object.assign({ name: op.operationId }, o.tags || {});
  const status = statusCheck(op.statuses);
  return group(op.group, () => {
    const responseCallback = responseCallbackOf(op);
    const res = http.request(op.method, url, body, responseCallback ? { headers, tags, responseCallback } : { headers, tags });
    const passed = check(res, { [status.name]: (r) => status.ok(r.status) });
    if (trace) Object.assign(trace, { path: values.path, query: values.query, header: values.header, cookie: values.cookie, body: bodyValue, passed });
    return res;
  });
}
