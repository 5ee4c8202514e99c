import fc from 'fast-check';
import { DIALECTS } from './hostile-classes/dialect.js';
import { hugeConstraintsPart } from './hostile-classes/huge-constraints.js';
import { prototypeKeysPart } from './hostile-classes/prototype-keys.js';
import { recursionPart } from './hostile-classes/recursion.js';
import { secretRefsPart } from './hostile-classes/secret-refs.js';
import { shellUrlsPart } from './hostile-classes/shell-urls.js';
import { terminalTextPart } from './hostile-classes/terminal-text.js';
import { noExpectations, put, type HostileClass, type HostileExpectations, type JsonObject, type SpecPart, type SpecVersion } from './hostile-classes/types.js';
import { baseDocument, baseSpecParts, hostileString, type HostileSpec } from './hostile-spec.js';
import { CODING_COOKIES, TERMINAL_PAYLOADS } from './hostile-strings.js';

/**
 * The seeded run's specs: the base hostile spec (hostile-spec.ts, every string hostile), in
 * OpenAPI 3.0 or Swagger 2.0, with each other class of hostile input drawn or not: `$ref`s to
 * secret files in example positions, coding cookies and terminal/CI text in every string that
 * reaches a file header or the terminal, shell text in server URLs and hosts, recursive
 * polymorphism and long $ref chains, huge constraints, and prototype keys as names. Each case
 * says which classes it drew and what its outputs must show (HostileExpectations).
 */

export interface HostileCase {
  document: HostileSpec;
  classes: HostileClass[];
  expect: HostileExpectations;
}

interface Draw {
  version: SpecVersion;
  cookies: boolean;
  terminal: boolean;
  secretRefs: boolean;
  shell: boolean;
  recursion: boolean;
  huge: boolean;
  prototypes: boolean;
}

/** `prefixes` in front of `text`: a cookie or an escape at the very start of a string is the worst place. */
function prefixed(text: fc.Arbitrary<string>, prefixes: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...prefixes), text).map(([prefix, rest]) => `${prefix} ${rest}`);
}

/** The text of header-reaching strings: with a terminal payload, then a coding cookie in front, when drawn. */
function headerText(text: fc.Arbitrary<string>, draw: Draw): fc.Arbitrary<string> {
  let result = text;
  if (draw.terminal) result = prefixed(result, TERMINAL_PAYLOADS);
  if (draw.cookies) result = prefixed(result, CODING_COOKIES);
  return result;
}

function optional<T>(drawn: boolean, arbitrary: () => fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return drawn ? arbitrary() : fc.constant(undefined);
}

/** Adds a part's operations and components to the document (own properties: prototype keys stay names). */
function addPart(document: JsonObject, part: SpecPart, version: SpecVersion): void {
  const paths = document.paths as JsonObject;
  for (const { path, method, operation } of part.operations ?? []) {
    const item = (Object.hasOwn(paths, path) ? paths[path] : put(paths, path, {})[path]) as JsonObject;
    put(item, method, operation);
  }
  const components = version === 'oas3' ? ((document.components ??= {}) as JsonObject) : document;
  const schemas = (components[version === 'oas3' ? 'schemas' : 'definitions'] ??= {}) as JsonObject;
  for (const [name, schema] of part.schemas ?? []) put(schemas, name, schema);
  const schemes = (components[version === 'oas3' ? 'securitySchemes' : 'securityDefinitions'] ??= {}) as JsonObject;
  for (const [name, scheme] of part.securitySchemes ?? []) if (!Object.hasOwn(schemes, name)) put(schemes, name, scheme);
  if (part.servers) document.servers = [...part.servers, ...((document.servers as JsonObject[] | undefined) ?? [])];
  Object.assign(document, part.top ?? {});
}

function mergeExpectations(parts: ReadonlyArray<SpecPart | undefined>): HostileExpectations {
  const merged = noExpectations();
  for (const part of parts) {
    const expect = part?.expect ?? {};
    merged.literalRefs.push(...(expect.literalRefs ?? []));
    merged.filesRead.push(...(expect.filesRead ?? []));
    merged.sizeLimits.push(...(expect.sizeLimits ?? []));
    merged.prototypeOperations.push(...(expect.prototypeOperations ?? []));
    merged.recursiveOperations.push(...(expect.recursiveOperations ?? []));
  }
  return merged;
}

function classesOf(draw: Draw): HostileClass[] {
  const flags: Array<[boolean, HostileClass]> = [
    [draw.secretRefs, 'secret-refs'],
    [draw.cookies, 'coding-cookies'],
    [draw.shell, 'shell-urls'],
    [draw.version === 'swagger2', 'swagger2'],
    [draw.recursion, 'recursion'],
    [draw.huge, 'huge-constraints'],
    [draw.terminal, 'terminal-text'],
    [draw.prototypes, 'prototype-keys'],
  ];
  return flags.filter(([drawn]) => drawn).map(([, name]) => name);
}

/** One seeded case: each class drawn with probability 1/2 (Swagger 2.0 one spec in four). */
export function hostileCase(text: fc.Arbitrary<string> = hostileString()): fc.Arbitrary<HostileCase> {
  const draw: fc.Arbitrary<Draw> = fc.record({
    version: fc.constantFrom<SpecVersion>('oas3', 'oas3', 'oas3', 'swagger2'),
    cookies: fc.boolean(),
    terminal: fc.boolean(),
    secretRefs: fc.boolean(),
    shell: fc.boolean(),
    recursion: fc.boolean(),
    huge: fc.boolean(),
    prototypes: fc.boolean(),
  });
  return draw.chain((drawn) => {
    const dialect = DIALECTS[drawn.version];
    return fc
      .record({
        base: baseSpecParts({ text, headerText: headerText(text, drawn) }),
        secretRefs: optional(drawn.secretRefs, () => secretRefsPart(text, dialect)),
        shell: optional(drawn.shell, () => shellUrlsPart(text, drawn.version)),
        recursion: optional(drawn.recursion, () => recursionPart(dialect)),
        huge: optional(drawn.huge, () => hugeConstraintsPart(dialect)),
        terminal: optional(drawn.terminal, () => terminalTextPart(dialect)),
        prototypes: optional(drawn.prototypes, () => prototypeKeysPart(dialect)),
      })
      .map(({ base, ...parts }): HostileCase => {
        const document = baseDocument(base, drawn.version);
        const list = Object.values(parts);
        for (const part of list) if (part !== undefined) addPart(document, part, drawn.version);
        return { document, classes: classesOf(drawn), expect: mergeExpectations(list) };
      });
  });
}

/** `count` cases from a fixed seed: the same list on every run. */
export function sampleHostileCases(input: { seed: number; count: number; text?: fc.Arbitrary<string> }): HostileCase[] {
  return fc.sample(hostileCase(input.text), { seed: input.seed, numRuns: input.count });
}
