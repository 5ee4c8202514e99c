import { isFileMarker, type AuthPlan, type JsonValue, type RequestParameter, type RequestTemplate } from 'perfplan/plugin';
import {
  durationAssertion,
  headerManager,
  httpSampler,
  item,
  jsonExtractor,
  regexExtractor,
  statusAssertion,
  type TreeItem,
} from './elements.js';
import { jmeterValue, ref, text, variable, type Piece } from './jmeter-text.js';
import { bodyKind, bodyText, encodePathLiteral, headerText, markerPrefixAvoiding, pathText, queryPairs, Substitutions, textOf } from './serialize.js';
import { serverBase } from './servers.js';
import { variationPreProcessor, type SamplerVariation } from './variation-script.js';
import { missingMarker, valueCheck } from './workflow-stop.js';

/** Where a workflow value is written into a request, and the JMeter variable that holds it. */
export interface Injection {
  /** `path.petId`, `query.id`, `header.X-Id`, `cookie.sid`, `body#/owner/id`. */
  to: string;
  /** A JMeter variable name, or a literal value known when generating. */
  value: { jmeterVariable: string } | { literal: JsonValue };
}

/** What a step extracts from its response into a JMeter variable. */
export interface Extraction {
  jmeterVariable: string;
  /** `body` with a JSON pointer's tokens, or a header name. */
  source: { body: string[] } | { header: string };
  /** The plan's runtime expression and variable, for the check's name. */
  from: string;
  planVariable: string;
}

/** The JMeter variable (or the literal) behind each credential, by scheme. */
export interface AuthVariables {
  /** Header and query/cookie values per scheme, as JMeter expressions. */
  headerValue(plan: AuthPlan): string | undefined;
  valueExpression(plan: AuthPlan): string;
}

export interface SamplerInput {
  request: RequestTemplate;
  /** The sampler's name: the label of its samples in the results. */
  label: string;
  auth: readonly AuthPlan[];
  injections: readonly Injection[];
  extractions: readonly Extraction[];
  /** Property expression of the max response time criterion (a Duration Assertion); none without one. */
  maxResponseMs?: string | undefined;
  authValue: (plan: AuthPlan) => string;
  /** Values that vary per iteration, each with its variable (a PreProcessor computes them). */
  variations?: readonly SamplerVariation[];
  /** The workflow step the sampler is (its extractions are then checked: a missing value ends the iteration). */
  stepId?: string;
}

function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function parsePointer(pointer: string): string[] {
  return pointerTokens(pointer);
}

function writeAt(document: JsonValue | undefined, tokens: readonly string[], value: JsonValue): JsonValue {
  if (tokens.length === 0) return value;
  const root: JsonValue = document === undefined || document === null || typeof document !== 'object' ? {} : (JSON.parse(JSON.stringify(document)) as JsonValue);
  let parent = root as Record<string, JsonValue> | JsonValue[];
  tokens.forEach((token, index) => {
    const last = index === tokens.length - 1;
    const key = Array.isArray(parent) ? (token === '-' ? parent.length : Number(token)) : token;
    const container = parent as Record<string | number, JsonValue>;
    if (last) container[key] = value;
    else {
      if (typeof container[key] !== 'object' || container[key] === null) container[key] = {};
      parent = container[key] as Record<string, JsonValue>;
    }
  });
  return root;
}

export function readAt(document: JsonValue | undefined, tokens: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = document;
  for (const token of tokens) {
    if (Array.isArray(current) && /^\d+$/.test(token)) current = current[Number(token)];
    else if (current !== null && typeof current === 'object' && !Array.isArray(current) && Object.hasOwn(current, token)) current = current[token];
    else return undefined;
  }
  return current;
}

/** JSONPath (bracket notation) for JSON pointer tokens. */
export function jsonPathOf(tokens: readonly string[]): string {
  return `$${tokens.map((token) => (/^\d+$/.test(token) ? `[${token}]` : `['${token.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`)).join('')}`;
}

function caseInsensitive(name: string): string {
  return [...name]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      if (lower !== upper) return `[${upper}${lower}]`;
      return /[A-Za-z0-9_-]/.test(ch) ? ch : `\\${ch}`;
    })
    .join('');
}

/** The sampler of one request with its headers, assertions and extractors. */
export function samplerItem(input: SamplerInput): TreeItem {
  const substituted = input.injections.some((injection) => 'jmeterVariable' in injection.value) || (input.variations?.length ?? 0) > 0;
  if (!substituted) return samplerWith(input, new Substitutions(markerPrefixAvoiding([])));
  // Values carried between workflow steps: a probe pass finds a marker prefix no serialized spec text holds.
  const probe = new Substitutions();
  samplerWith(input, probe);
  return samplerWith(input, new Substitutions(markerPrefixAvoiding(probe.probed)));
}

function samplerWith(input: SamplerInput, substitutions: Substitutions): TreeItem {
  const { request } = input;
  const bareJson = new Set<string>();
  const parameters: RequestParameter[] = request.parameters.map((parameter) => ({ ...parameter }));
  let bodyValue = request.body?.value;
  const applied: Array<SamplerVariation & { current: JsonValue | undefined }> = [];
  // Values that vary per iteration first (their variables set by the PreProcessor); a workflow step's injections then win.
  for (const entry of input.variations ?? []) {
    const { variation, variable } = entry;
    const inBody = variation.target === 'body' || variation.target.startsWith('body#');
    const tokens = inBody ? pointerTokens(variation.target.replace(/^body#?/, '')) : [];
    const original = inBody ? readAt(request.body?.value, tokens) : undefined;
    // A number (or any non-string) stays bare JSON: written as it is, not as JSON string content.
    const bare = original !== undefined && typeof original !== 'string';
    const marker = substitutions.marker({ url: `\${__urlencode(\${${variable}})}`, raw: `\${${variable}}`, ...(bare ? {} : { json: `\${${variable}_j}` }) });
    if (inBody) {
      if (variation.kind === 'file') {
        if (isFileMarker(original)) {
          bodyValue = writeAt(bodyValue, tokens, { $file: { ...original.$file, content: marker } });
          applied.push({ ...entry, current: original });
        }
        continue;
      }
      if (bare) bareJson.add(marker);
      bodyValue = writeAt(bodyValue, tokens, marker);
      applied.push({ ...entry, current: original });
      continue;
    }
    const dot = variation.target.indexOf('.');
    const location = variation.target.slice(0, dot);
    const name = variation.target.slice(dot + 1);
    const existing = parameters.find((parameter) => parameter.in === location && (location === 'header' ? parameter.name.toLowerCase() === name.toLowerCase() : parameter.name === name));
    if (existing) {
      applied.push({ ...entry, current: existing.value });
      existing.value = marker;
    }
  }
  for (const injection of input.injections) {
    const marker =
      'jmeterVariable' in injection.value
        ? substitutions.marker({ url: `\${__urlencode(\${${injection.value.jmeterVariable}})}`, raw: `\${${injection.value.jmeterVariable}}` })
        : undefined;
    const value: JsonValue = marker ?? ('literal' in injection.value ? injection.value.literal : null);
    if (injection.to.startsWith('body')) {
      const tokens = pointerTokens(injection.to.replace(/^body#?/, ''));
      // Whether the value is bare JSON is the plan's value's type, whatever a variation wrote there.
      const original = readAt(request.body?.value, tokens) ?? readAt(bodyValue, tokens);
      if (marker !== undefined && original !== undefined && typeof original !== 'string') bareJson.add(marker);
      bodyValue = writeAt(bodyValue, tokens, value);
      continue;
    }
    const dot = injection.to.indexOf('.');
    const location = injection.to.slice(0, dot);
    const name = injection.to.slice(dot + 1);
    const existing = parameters.find((parameter) => parameter.in === location && parameter.name === name);
    if (existing) existing.value = value;
    else if (location === 'path' || location === 'query' || location === 'header' || location === 'cookie') parameters.push({ name, in: location, value });
  }

  // URL: ${baseUrl} (or the operation's own server) + path with its parameters + the path key's query + query string.
  const pathParameters = new Map(parameters.filter((candidate) => candidate.in === 'path').map((parameter) => [parameter.name, parameter] as const));
  const path = request.path
    .split(/(\{[^{}]*\})/)
    .map((piece) => {
      const parameter = /^\{([^{}]*)\}$/.test(piece) ? pathParameters.get(piece.slice(1, -1)) : undefined;
      return parameter === undefined ? encodePathLiteral(piece) : pathText(parameter);
    })
    .join('');
  const query: string[] = request.query === undefined ? [] : [request.query];
  for (const parameter of parameters.filter((candidate) => candidate.in === 'query')) {
    const style = parameter.style ?? 'form';
    query.push(...queryPairs(parameter.name, parameter.value, style, parameter.explode ?? style === 'form'));
  }
  const headers: Array<[string, Piece[]]> = [];
  const cookies: Piece[][] = [];
  for (const parameter of parameters.filter((candidate) => candidate.in === 'header')) {
    headers.push([parameter.name, substitutions.pieces(headerText(parameter), 'raw')]);
  }
  for (const parameter of parameters.filter((candidate) => candidate.in === 'cookie')) {
    cookies.push([text(`${parameter.name}=`), ...substitutions.pieces(encodeURIComponent(textOf(parameter.value)), 'url')]);
  }
  const urlPieces: Piece[] = [request.server === undefined ? variable('baseUrl') : serverBase(request.server), ...substitutions.pieces(path, 'url')];
  const authQuery: Piece[][] = [];
  for (const plan of input.auth) {
    const value = input.authValue(plan);
    if (plan.type === 'apiKey' && plan.in === 'query') authQuery.push([text(`${encodeURIComponent(plan.name)}=`), { ref: `\${__urlencode(${value})}` }]);
    else if (plan.type === 'apiKey' && plan.in === 'cookie') cookies.push([text(`${plan.name}=`), { ref: value }]);
    else if (plan.type === 'apiKey') headers.push([plan.name, [{ ref: value }]]);
    else if (plan.type === 'basic') headers.push(['Authorization', [text('Basic '), { ref: value }]]);
    else headers.push(['Authorization', [text('Bearer '), { ref: value }]]);
  }
  const queryParts: Piece[][] = [...query.map((pair) => substitutions.pieces(pair, 'url')), ...authQuery];
  queryParts.forEach((pieces, index) => urlPieces.push(text(index === 0 ? '?' : '&'), ...pieces));

  let body: Piece[] | undefined;
  let bytesBody = false;
  if (request.body !== undefined) {
    const serialized = bodyText({ ...request.body, value: bodyValue ?? null });
    let bodyString = serialized.text;
    if (bodyKind(request.body) === 'json') for (const marker of bareJson) bodyString = bodyString.split(`"${marker}"`).join(marker);
    const kind = bodyKind(request.body);
    const encoded = isFileMarker(bodyValue) && bodyValue.$file.contentEncoding === 'base64' ? base64Bytes(bodyValue.$file.content) : undefined;
    bytesBody = encoded !== undefined;
    body = encoded ?? substitutions.pieces(bodyString, kind === 'form' ? 'url' : kind === 'json' ? 'json' : 'raw');
    headers.push(['Content-Type', [text(serialized.contentType)]]);
  }
  if (cookies.length > 0) {
    const joined: Piece[] = [];
    cookies.forEach((pieces, index) => joined.push(...(index === 0 ? [] : [text('; ')]), ...pieces));
    headers.push(['Cookie', joined]);
  }

  const children: TreeItem[] = [];
  const preProcessor = variationPreProcessor(applied);
  if (preProcessor) children.push(preProcessor);
  if (headers.length > 0) {
    children.push(item(headerManager('Headers', headers.map(([name, pieces]) => [jmeterValue(name), jmeterValue(pieces)]))));
  }
  children.push(
    item(
      request.expectedStatuses.length > 0
        ? statusAssertion({ name: `Status is ${request.expectedStatuses.join(' or ')}`, statuses: request.expectedStatuses })
        : statusAssertion({ name: 'Status is below 400', pattern: '[123]\\d\\d' }),
    ),
  );
  if (input.maxResponseMs !== undefined) children.push(item(durationAssertion('Max response time (criteria.maxMs)', input.maxResponseMs)));
  for (const extraction of input.extractions) {
    const fallback = missingMarker(extraction.jmeterVariable);
    if ('body' in extraction.source) {
      children.push(
        item(
          jsonExtractor({
            name: `Extract ${extraction.jmeterVariable}`,
            variable: extraction.jmeterVariable,
            jsonPath: jmeterValue(jsonPathOf(extraction.source.body)),
            fallback,
          }),
        ),
      );
    } else {
      children.push(
        item(
          regexExtractor({
            name: `Extract ${extraction.jmeterVariable}`,
            variable: extraction.jmeterVariable,
            regex: jmeterValue(`\\n${caseInsensitive(extraction.source.header)}:\\s*([^\\r\\n]+)`),
            fallback,
            headers: true,
          }),
        ),
      );
    }
  }
  // Assertions run after every post-processor: each value is checked once all are extracted.
  for (const extraction of input.extractions) {
    children.push(valueCheck({ stepId: input.stepId ?? input.label, from: extraction.from, planVariable: extraction.planVariable, jmeterVariable: extraction.jmeterVariable }));
  }
  const sampler = httpSampler({
    name: jmeterValue(input.label),
    method: request.method.toUpperCase(),
    url: jmeterValue(urlPieces),
    ...(body !== undefined ? { body: jmeterValue(body) } : {}),
    ...(bytesBody ? { contentEncoding: 'ISO-8859-1' } : {}),
    comment: jmeterValue(`${request.method.toUpperCase()} ${request.path}${request.knownUnsupported ? ` (known unsupported: ${request.knownUnsupported})` : ''}`),
  });
  return item(sampler, children);
}

/**
 * Bytes that are not text (a CBOR body), given in base64: a Groovy function call decodes them
 * into a string of one char per byte, which the sampler sends as is with its content encoding
 * ISO-8859-1. Base64 holds none of the characters JMeter's function parser reads.
 */
function base64Bytes(content: string): Piece[] {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content)) throw new Error('jmeter: a base64 body holds characters base64 does not');
  return [ref(`\${__groovy(new String('${content}'.decodeBase64()\\, 'ISO-8859-1'))}`)];
}
