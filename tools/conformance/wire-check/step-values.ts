import { parseExtraction, type JsonValue, type RequestTemplate } from '../../../src/plugin-api/index.js';
import type { RecordedRequest } from '../recording-proxy.js';

function readPointer(document: unknown, tokens: readonly string[]): { found: boolean; value?: JsonValue } {
  let current = document;
  for (const token of tokens) {
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(token) && Number(token) < current.length) current = current[Number(token)];
    else if (current !== null && typeof current === 'object' && !Array.isArray(current) && Object.hasOwn(current, token)) current = (current as Record<string, unknown>)[token];
    else return { found: false };
  }
  return current === undefined ? { found: false } : { found: true, value: current as JsonValue };
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function headerOf(pairs: ReadonlyArray<[string, string]> | Record<string, string>, name: string): string | undefined {
  const entries = Array.isArray(pairs) ? pairs : Object.entries(pairs);
  return entries.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** A path parameter's text in a request's path, by the request's path template. */
function pathValue(request: RequestTemplate, pathname: string, name: string): string | undefined {
  const names: string[] = [];
  const source = request.path
    .split(/(\{[^{}]*\})/)
    .map((piece) => {
      const placeholder = /^\{([^{}]*)\}$/.exec(piece);
      if (placeholder === null) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(placeholder[1]!);
      return '([^/]*)';
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(decoded(pathname)) ?? new RegExp(`^${source}$`).exec(pathname);
  const index = names.indexOf(name);
  return match === null || index < 0 ? undefined : decoded(match[index + 1]!);
}

/**
 * What a workflow step's extraction (`$response.body#/id`, `$response.header.Location`,
 * `$request.body#/name`, ...) gives for one recorded request and Prism's answer to it: the value an
 * engine carries to later steps. Undefined when the record does not give it (the engine then ends
 * the iteration) or the expression is one the check does not read.
 */
export function extractedValue(from: string, record: RecordedRequest, request: RequestTemplate): { value: JsonValue } | undefined {
  const parsed = parseExtraction(from);
  const wire = record.wire;
  if (parsed === undefined || wire === undefined) return undefined;
  const url = new URL(record.url, 'http://proxy.invalid');
  const found = (result: { found: boolean; value?: JsonValue }) => (result.found ? { value: result.value as JsonValue } : undefined);
  const text = (value: string | undefined | null) => (value === undefined || value === null ? undefined : { value });
  switch (parsed.source) {
    case 'response.body':
      return found(readPointer(parsedJson(wire.responseBody), parsed.pointer ?? []));
    case 'response.header':
      return text(headerOf(wire.responseHeaders, parsed.name ?? ''));
    case 'request.body':
      return found(readPointer(parsedJson(wire.body.toString('utf8')), parsed.pointer ?? []));
    case 'request.header':
      return text(headerOf(wire.headers, parsed.name ?? ''));
    case 'request.query':
      return text(url.searchParams.get(parsed.name ?? ''));
    case 'request.path':
      return text(pathValue(request, url.pathname, parsed.name ?? ''));
    case 'statusCode':
      return { value: record.status };
    default:
      return undefined;
  }
}
