import { cookieHeaderPieces, literalText, wireForm, type AuthPlan, type JsonValue, type RequestTemplate, type WireHole, type WireInjection, type WirePiece } from 'perfplan/plugin';
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
import { functionArgument, jmeterValue, ref, text, variable, type Piece } from './jmeter-text.js';
import { serverBase, serverName } from './servers.js';
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

/** The JMeter expression that fills a hole of the request's wire form. */
function holeExpression(hole: WireHole, input: SamplerInput): string {
  const { source, context } = hole;
  let value: string;
  if (source.kind === 'credential') value = input.authValue(source.auth);
  else if (source.kind === 'injection') value = `\${${source.variable}}`;
  else {
    const variable = input.variations?.find((entry) => entry.variation === source.variation)?.variable;
    if (variable === undefined) throw new Error(`jmeter: variation ${source.index} of ${input.request.operationId} has no variable`);
    // Inside a JSON string, the PreProcessor's JSON-escaped copy of the value.
    value = context === 'json-string' ? `\${${variable}_j}` : `\${${variable}}`;
  }
  if (context === 'url-component' || context === 'form') return `\${__urlencode(${value})}`;
  if (context === 'xml') return `\${__escapeXml(${value})}`;
  return value;
}

/** A Groovy expression for a string known when generating. */
function groovyString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The URL of a step that follows one a response gave (a `url` injection, a Location), resolved as
 * k6 and Locust do: an absolute URL as it is, `/path` on the base URL's scheme, host and port,
 * anything else below the base URL; then the apiKey query pairs, after `?` or `&`.
 */
function followedUrl(input: { url: WirePiece; server: string | undefined; query: Piece[][] }): Piece[] {
  const given = 'text' in input.url ? groovyString(input.url.text) : input.url.hole.source.kind === 'injection' ? `(vars.get(${groovyString(input.url.hole.source.variable)}) ?: '')` : "''";
  const base = input.server === undefined ? "(vars.get('baseUrl') ?: '')" : `(props.getProperty(${groovyString(`perfplan.server.${serverName(input.server)}`)}) ?: '')`;
  const script =
    `String u = ${given}; String b = ${base}; ` +
    "if (u ==~ '(?is)[a-z][a-z0-9+.-]*:.*') return u; " +
    "if (u.startsWith('/')) { def m = b =~ '^(?i)[a-z][a-z0-9+.-]*://[^/?#]*'; return (m.find() ? m.group() : '') + u }; " +
    "return b + '/' + u";
  const out: Piece[] = [ref(`\${__groovy(${functionArgument(script)})}`)];
  input.query.forEach((pair, index) => {
    out.push(index === 0 ? ref(`\${__groovy(${functionArgument(`${given}.contains('?') ? '&' : '?'`)})}`) : text('&'), ...pair);
  });
  return out;
}

/** The sampler of one request with its headers, assertions and extractors. */
export function samplerItem(input: SamplerInput): TreeItem {
  const { request } = input;
  const injections: WireInjection[] = input.injections.map((injection) =>
    'jmeterVariable' in injection.value ? { to: injection.to, variable: injection.value.jmeterVariable } : { to: injection.to, value: injection.value.literal },
  );
  const wire = wireForm({ request, auth: input.auth, injections });
  const pieces = (wirePieces: readonly WirePiece[]): Piece[] => wirePieces.map((piece) => ('text' in piece ? text(piece.text) : ref(holeExpression(piece.hole, input))));

  // URL: ${baseUrl} (or the operation's own server) + path with its parameters + the path key's query + query string;
  // a step that follows a URL (a Location) takes it whole, and the apiKey pairs after it.
  const urlPieces: Piece[] = wire.urlReplaced
    ? followedUrl({ url: wire.target[0]!, server: request.server, query: wire.query.map(pieces) })
    : [request.server === undefined ? variable('baseUrl') : serverBase(request.server), ...pieces(wire.target)];
  const headers: Array<[string, Piece[]]> = wire.headers.map((header) => [header.name, pieces(header.value)]);
  if (wire.cookies.length > 0) headers.push(['Cookie', pieces(cookieHeaderPieces(wire.cookies))]);
  let body: Piece[] | undefined;
  let bytesBody = false;
  if (wire.body !== undefined) {
    if (wire.body.encoding === 'base64') {
      const content = literalText(wire.body.pieces);
      if (content === undefined) throw new Error(`jmeter: the base64 body of ${request.operationId} has a value that varies`);
      body = base64Bytes(content);
      bytesBody = true;
    } else body = pieces(wire.body.pieces);
  }
  const applied = wire.variations.map(({ variation, current }) => {
    const variable = input.variations?.find((entry) => entry.variation === variation)?.variable;
    if (variable === undefined) throw new Error(`jmeter: a variation of ${request.operationId} has no variable`);
    return { variation, variable, current };
  });

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
