import type { AuthPlan, JsonValue, RequestParameter, RequestTemplate, ValueVariation } from '../../model/index.js';
import { isFileMarker } from '../file-marker.js';
import { requestAuthPlans, sendableParameters } from '../request-parts.js';
import { parseInjection } from '../runtime-expressions.js';
import { bodyText } from './body-text.js';
import { HoleMarkers, markerPrefixAvoiding } from './hole-markers.js';
import { readAt, writeAt } from './json-pointer.js';
import { cookiePairs, headerText, pathText, queryParameterPairs } from './parameter-styles.js';
import type { HoleContext, HoleSource, WireBody, WireField, WirePiece, WireRequest } from './types.js';
import { encodeComponent, encodePathLiteral, textOf } from './values.js';

/** A workflow step's injection: a hole for the value `variable`, or a value known when generating. */
export type WireInjection = { to: string; variable: string } | { to: string; value: JsonValue };

export interface WireFormInput {
  request: RequestTemplate;
  /** The plan's auth plans (TestPlan.auth): the request's schemes are looked up there. */
  auth: readonly AuthPlan[];
  /** A workflow step's injections (WorkflowStep.inject), applied after the variations: they win. */
  injections?: readonly WireInjection[];
  /** Hears of what the request cannot send (a header name that is not one, a scheme without an auth plan, an unknown injection target). */
  warn?: (message: string) => void;
}

type Location = 'path' | 'query' | 'header' | 'cookie';

function sameName(location: string, a: string, b: string): boolean {
  return location === 'header' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** What a request sends once its variations and injections are written in as markers. */
interface Applied {
  parameters: RequestParameter[];
  bodyValue: JsonValue | undefined;
  /** Markers of body values written bare in JSON (the plan's value there is not a string). */
  bare: Set<string>;
  /** A `url` injection: the URL as one hole (or a known URL). */
  url?: WirePiece[];
  variations: WireRequest['variations'];
}

function applyVariations(request: RequestTemplate, parameters: RequestParameter[], markers: HoleMarkers, applied: Applied): void {
  (request.variations ?? []).forEach((variation: ValueVariation, index) => {
    const target = parseInjection(variation.target);
    if (target === undefined || target.target === 'url') return;
    if (target.target === 'body') {
      const tokens = target.pointer ?? [];
      const current = readAt(request.body?.value, tokens);
      const source: HoleSource = { kind: 'variation', index, variation, current };
      if (variation.kind === 'file') {
        if (!isFileMarker(current)) return;
        applied.bodyValue = writeAt(applied.bodyValue, tokens, { $file: { ...current.$file, content: markers.marker(source) } });
      } else {
        const marker = markers.marker(source);
        // A number (or any non-string) stays a bare JSON value, not JSON string content.
        if (current !== undefined && typeof current !== 'string') applied.bare.add(marker);
        applied.bodyValue = writeAt(applied.bodyValue, tokens, marker);
      }
      applied.variations.push({ index, variation, current });
      return;
    }
    const existing = parameters.find((parameter) => parameter.in === target.target && sameName(target.target, parameter.name, target.name ?? ''));
    if (existing === undefined) return;
    const current = existing.value;
    existing.value = markers.marker({ kind: 'variation', index, variation, current });
    applied.variations.push({ index, variation, current });
  });
}

function applyInjections(input: WireFormInput, parameters: RequestParameter[], markers: HoleMarkers, applied: Applied): void {
  for (const injection of input.injections ?? []) {
    const target = parseInjection(injection.to);
    if (target === undefined) {
      input.warn?.(`injection target "${injection.to}" is not one perfplan knows (path.x, query.x, header.x, cookie.x, body#/pointer, url); it is not sent`);
      continue;
    }
    const marker = 'variable' in injection ? markers.marker({ kind: 'injection', variable: injection.variable, to: injection.to }) : undefined;
    const value: JsonValue = marker ?? ('value' in injection ? injection.value : null);
    if (target.target === 'url') {
      applied.url = marker !== undefined ? markers.pieces(marker, 'url') : [{ text: textOf(value) }];
      continue;
    }
    if (target.target === 'body') {
      const tokens = target.pointer ?? [];
      // Whether the value is bare JSON is the plan's value's type there, whatever a variation wrote.
      const current = readAt(input.request.body?.value, tokens) ?? readAt(applied.bodyValue, tokens);
      if (marker !== undefined && current !== undefined && typeof current !== 'string') applied.bare.add(marker);
      applied.bodyValue = writeAt(applied.bodyValue, tokens, value);
      continue;
    }
    const location = target.target as Location;
    const name = target.name ?? '';
    const existing = parameters.find((parameter) => parameter.in === location && sameName(location, parameter.name, name));
    if (existing) existing.value = value;
    else parameters.push({ name, in: location, value });
  }
}

function credentialHole(auth: AuthPlan, part: 'value' | 'token' | 'basic', context: HoleContext): WirePiece {
  return { hole: { source: { kind: 'credential', auth, part }, context } };
}

function build(input: WireFormInput, markers: HoleMarkers): WireRequest {
  const { request } = input;
  const parameters = sendableParameters(request, input.warn ?? (() => {})).map((parameter) => ({ ...parameter }));
  const applied: Applied = { parameters, bodyValue: request.body?.value, bare: new Set(), variations: [] };
  // Values that vary per iteration first; a workflow step's injections then win.
  applyVariations(request, parameters, markers, applied);
  applyInjections(input, parameters, markers, applied);

  const pathParameters = new Map(parameters.filter((parameter) => parameter.in === 'path').map((parameter) => [parameter.name, parameter] as const));
  const pathText_ = request.path
    .split(/(\{[^{}]*\})/)
    .map((piece) => {
      const parameter = /^\{([^{}]*)\}$/.test(piece) ? pathParameters.get(piece.slice(1, -1)) : undefined;
      return parameter === undefined ? encodePathLiteral(piece) : pathText(parameter);
    })
    .join('');
  const query: WirePiece[][] = request.query === undefined || applied.url !== undefined ? [] : [[{ text: request.query }]];
  if (applied.url === undefined) {
    for (const parameter of parameters.filter((candidate) => candidate.in === 'query')) {
      for (const pair of queryParameterPairs(parameter)) query.push(markers.pieces(pair, 'url-component'));
    }
  }
  const headers: WireField[] = parameters
    .filter((parameter) => parameter.in === 'header')
    .map((parameter) => ({ name: parameter.name, value: markers.pieces(headerText(parameter), 'header') }));
  const cookies: WireField[] = parameters
    .filter((parameter) => parameter.in === 'cookie')
    .flatMap((parameter) => cookiePairs(parameter).map((pair) => ({ name: pair.name, value: markers.pieces(pair.value, 'url-component') })));
  for (const auth of requestAuthPlans(request, input.auth, input.warn)) {
    if (auth.type === 'apiKey' && auth.in === 'query') query.push([{ text: `${encodeComponent(auth.name)}=` }, credentialHole(auth, 'value', 'url-component')]);
    else if (auth.type === 'apiKey' && auth.in === 'cookie') cookies.push({ name: auth.name, value: [credentialHole(auth, 'value', 'cookie')] });
    else if (auth.type === 'apiKey') headers.push({ name: auth.name, value: [credentialHole(auth, 'value', 'header')] });
    else if (auth.type === 'basic') headers.push({ name: 'Authorization', value: [{ text: 'Basic ' }, credentialHole(auth, 'basic', 'header')] });
    else headers.push({ name: 'Authorization', value: [{ text: 'Bearer ' }, credentialHole(auth, 'token', 'header')] });
  }

  let body: WireBody | undefined;
  if (request.body !== undefined) {
    const serialized = bodyText({ ...request.body, value: applied.bodyValue ?? null });
    let text = serialized.text;
    if (serialized.kind === 'json') for (const marker of applied.bare) text = markers.unquoted(text, marker);
    const context: HoleContext = { json: 'json-string', form: 'form', multipart: 'multipart', xml: 'xml', binary: 'raw', text: 'raw' }[serialized.kind] as HoleContext;
    body = { kind: serialized.kind, contentType: serialized.contentType, pieces: markers.pieces(text, context, serialized.kind === 'json' ? applied.bare : undefined), encoding: serialized.encoding };
    headers.push({ name: 'Content-Type', value: [{ text: serialized.contentType }] });
  }

  const path = applied.url === undefined ? markers.pieces(pathText_, 'url-component') : [];
  const target: WirePiece[] = applied.url ?? [...path];
  query.forEach((pair, index) => {
    if (applied.url === undefined) target.push({ text: index === 0 ? '?' : '&' }, ...pair);
  });
  const wire: WireRequest = {
    operationId: request.operationId,
    method: request.method.toUpperCase(),
    path,
    query,
    target,
    urlReplaced: applied.url !== undefined,
    headers,
    cookies,
    variations: applied.variations,
  };
  if (request.server !== undefined) wire.server = request.server;
  if (body !== undefined) wire.body = body;
  return wire;
}

/**
 * The wire form of a request (see WireRequest): its path, query, headers, cookies and body as
 * every built-in engine sends them, per OpenAPI's serialization rules, with holes for the values
 * that vary per iteration (`request.variations`), a workflow step's injected values and the
 * credentials.
 */
export function wireForm(input: WireFormInput): WireRequest {
  const holes = (input.request.variations?.length ?? 0) > 0 || (input.injections ?? []).some((injection) => 'variable' in injection);
  if (!holes) return build(input, new HoleMarkers(markerPrefixAvoiding([])));
  const probe = new HoleMarkers();
  build({ ...input, warn: () => {} }, probe);
  return build(input, new HoleMarkers(markerPrefixAvoiding(probe.probed)));
}
