import type { JsonValue, RequestParameter, RequestTemplate, ValueVariation } from '../../model/index.js';
import { isFileMarker } from '../../plugin-api/file-marker.js';
import { parseInjection } from '../../plugin-api/runtime-expressions.js';
import { laneCounter, requestKeyCounter, variedFile, variedInteger, variedText, variedUuid } from './varied-values.js';

/** What a variation's value depends on at run time. */
export interface VariationContext {
  seed: number;
  /** The iteration number n, unique across the run's virtual users. */
  iteration: number;
  /** The request's index within its iteration (request keys). */
  requestIndex: number;
  /** The feeder row's value of a column; undefined: the plan's value is the base. */
  row: (column: string) => string | undefined;
  /** An environment variable (credentials); undefined or empty: the plan's value. */
  env: (name: string) => string | undefined;
}

/** The value of one variation, given the value the request would otherwise send at its target. */
export function variedValue(variation: ValueVariation, current: JsonValue | undefined, context: VariationContext): JsonValue | undefined {
  switch (variation.kind) {
    case 'integer':
      return variedInteger(variation, context.seed, laneCounter(context.iteration, variation.lane));
    case 'string':
    case 'email': {
      const base = context.row(variation.column) ?? (typeof current === 'string' ? current : '');
      return variedText(variation.kind, base, variation.width, context.seed, laneCounter(context.iteration, variation.lane));
    }
    case 'uuid':
      return variedUuid(context.seed, laneCounter(context.iteration, variation.lane));
    case 'request-key':
      return variedUuid(context.seed, requestKeyCounter(context.iteration, context.requestIndex));
    case 'credential': {
      const given = context.env(variation.env);
      return given !== undefined && given !== '' ? given : current;
    }
    case 'file':
      return isFileMarker(current) ? { $file: { ...current.$file, content: variedFile(current.$file.content, variation.bytes) } } : current;
  }
}

/**
 * The parameters and body a request sends with its variations applied, in order: the reference
 * of what every engine sends (a workflow step's injections then replace values on top of it).
 */
export function variedRequest(request: RequestTemplate, context: VariationContext): { parameters: RequestParameter[]; body: JsonValue | undefined } {
  const parameters = request.parameters.map((parameter) => ({ ...parameter }));
  let body: JsonValue | undefined = request.body === undefined ? undefined : structuredClone(request.body.value);
  for (const variation of request.variations ?? []) {
    const target = parseInjection(variation.target);
    if (target === undefined || target.target === 'url') continue;
    if (target.target === 'body') {
      const tokens = target.pointer ?? [];
      const value = variedValue(variation, readAt(body, tokens), context);
      if (value !== undefined) body = writeAt(body, tokens, value);
      continue;
    }
    const parameter = parameters.find((candidate) => candidate.in === target.target && sameName(candidate.in, candidate.name, target.name ?? ''));
    if (parameter === undefined) continue;
    const value = variedValue(variation, parameter.value, context);
    if (value !== undefined) parameter.value = value;
  }
  return { parameters, body };
}

function sameName(location: string, a: string, b: string): boolean {
  return location === 'header' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The value at JSON pointer tokens, or undefined. */
export function readAt(document: JsonValue | undefined, tokens: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = document;
  for (const token of tokens) {
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(token)) current = current[Number(token)];
    else if (current !== null && typeof current === 'object' && !Array.isArray(current) && Object.hasOwn(current, token)) current = current[token];
    else return undefined;
  }
  return current;
}

/** A copy of `document` with `value` at the pointer tokens; missing objects on the way are created. */
export function writeAt(document: JsonValue | undefined, tokens: readonly string[], value: JsonValue): JsonValue {
  if (tokens.length === 0) return value;
  const root: JsonValue = document !== null && typeof document === 'object' ? structuredClone(document) : {};
  let parent = root as Record<string, JsonValue> | JsonValue[];
  tokens.forEach((token, index) => {
    const key = Array.isArray(parent) ? Number(token) : token;
    const container = parent as Record<string | number, JsonValue>;
    if (index === tokens.length - 1) {
      if (Array.isArray(parent)) parent[key as number] = value;
      else Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const next = Object.hasOwn(container, key) ? container[key] : undefined;
    if (next === null || typeof next !== 'object') {
      const created: JsonValue = {};
      if (Array.isArray(parent)) parent[key as number] = created;
      else Object.defineProperty(container, key, { value: created, enumerable: true, writable: true, configurable: true });
      parent = created as Record<string, JsonValue>;
    } else parent = next as Record<string, JsonValue>;
  });
  return root;
}
