/** Shared shapes of the seeded hostile-spec generator's parts (one file per class of hostile input). */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type SpecVersion = 'oas3' | 'swagger2';

/** The classes a generated spec can draw from, besides the hostile strings every spec carries. */
export const HOSTILE_CLASSES = ['secret-refs', 'coding-cookies', 'shell-urls', 'swagger2', 'recursion', 'huge-constraints', 'terminal-text', 'prototype-keys'] as const;
export type HostileClass = (typeof HOSTILE_CLASSES)[number];

/** An operation the run must find planned in plan.json, named by prototype keys. */
export interface PrototypeOperation {
  method: string;
  path: string;
  scheme: string;
  /** [name, in, value]: every one must be a parameter of the planned request, with this value. */
  parameters: Array<[string, string, string]>;
  /** The body's property and its value. */
  property: [string, string];
}

/** What the outputs of one generated spec must show, by class. */
export interface HostileExpectations {
  /** JSON pointers of example positions holding a `$ref` to a secret file: each gets spec/ref-in-literal-value. */
  literalRefs: string[];
  /** Spec documents beside the spec that a `$ref` names (paths relative to its folder): each is read and listed. */
  filesRead: string[];
  /** JSON pointers of constraints no value within the synthesis limits satisfies: each gets data/size-limit. */
  sizeLimits: string[];
  /** Operations whose names are all prototype keys. */
  prototypeOperations: PrototypeOperation[];
  /** Operations (method and path) whose request body schema is recursive or a long $ref chain: each is planned. */
  recursiveOperations: Array<{ method: string; path: string }>;
}

export function noExpectations(): HostileExpectations {
  return { literalRefs: [], filesRead: [], sizeLimits: [], prototypeOperations: [], recursiveOperations: [] };
}

/** Operations, components and top-level fields a class adds to a spec, and what its outputs must show. */
export interface SpecPart {
  operations?: Array<{ path: string; method: string; operation: JsonObject }>;
  /** components.schemas (OpenAPI 3) or definitions (Swagger 2). */
  schemas?: Array<[string, Json]>;
  /** components.securitySchemes (OpenAPI 3) or securityDefinitions (Swagger 2). */
  securitySchemes?: Array<[string, JsonObject]>;
  /** OpenAPI 3 servers, put before the base spec's (the first one gives the default base URL). */
  servers?: JsonObject[];
  /** Top-level fields that replace the base spec's (Swagger 2: host, basePath, schemes). */
  top?: JsonObject;
  expect?: Partial<HostileExpectations>;
}

/** Sets an own property, `__proto__` included (an assignment of `__proto__` would set the prototype instead). */
export function put(target: JsonObject, key: string, value: Json): JsonObject {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** An object with exactly these own properties (Object.fromEntries defines them: `__proto__` stays a key). */
export function record(entries: Iterable<readonly [string, Json]>): JsonObject {
  return Object.fromEntries(entries) as JsonObject;
}

/**
 * One reference token of a JSON pointer (RFC 6901), as perfplan reports it: it reads a lone UTF-16
 * surrogate as U+FFFD before anything else.
 */
export function pointerToken(key: string): string {
  return key
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/~/g, '~0')
    .replace(/\//g, '~1');
}

/** `#/paths/<path>/<method>`: where an operation is. */
export function operationPointer(path: string, method: string): string {
  return `#/paths/${pointerToken(path)}/${method}`;
}
