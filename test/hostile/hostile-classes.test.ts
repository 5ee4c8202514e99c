import { expect } from 'chai';
import { DEFAULT_SYNTHESIS_LIMITS } from '../../src/data/limits.js';
import { sampleHostileCases, type HostileCase } from '../helpers/hostile-case.js';
import { HOSTILE_CLASSES, type HostileClass } from '../helpers/hostile-classes/types.js';
import { SEEDED_SECRET_FILES } from '../helpers/hostile-secrets.js';
import { PROTOTYPE_KEYS } from '../helpers/hostile-strings.js';

/**
 * The seeded generator cannot silently lose a class of hostile input: 20 sampled specs are read
 * by detectors that know nothing of how the generator works, and each class must be found in at
 * least one, and in every spec that says it drew it.
 */

type Node = unknown;

/** A terminal escape, bidi override, carriage return or CI workflow command. */
const TERMINAL = /[\u001b\u009b\r\u202e]|(^|\n)\s*\u200b?::|##\[|::[a-z-]+( [^:]*)?::/;

function* walk(node: Node, path: string[] = []): Generator<{ node: Node; path: string[] }> {
  yield { node, path };
  if (node === null || typeof node !== 'object') return;
  for (const key of Object.keys(node)) yield* walk((node as Record<string, Node>)[key], [...path, key]);
}

const LITERAL_KEYS = new Set(['example', 'examples', 'x-example', 'x-examples', 'default', 'enum', 'const']);
const SECRET_NAMES = new Set(Object.keys(SEEDED_SECRET_FILES));

function refsTo(document: Node): Array<{ ref: string; path: string[] }> {
  return [...walk(document)].filter(({ node }) => typeof (node as { $ref?: unknown })?.$ref === 'string').map(({ node, path }) => ({ ref: (node as { $ref: string }).$ref, path }));
}

/** Schema name → the schema names it refers to. */
function schemaGraph(document: Record<string, Node>): Map<string, string[]> {
  const components = (document.components as Record<string, Node> | undefined)?.schemas ?? document.definitions ?? {};
  const graph = new Map<string, string[]>();
  for (const [name, schema] of Object.entries(components as Record<string, Node>)) {
    const targets = refsTo(schema).map(({ ref }) => decodeURIComponent(ref.replace(/^#\/(components\/schemas|definitions)\//, '')).replace(/~1/g, '/').replace(/~0/g, '~'));
    graph.set(name, targets);
  }
  return graph;
}

function hasCycleOrLongChain(graph: Map<string, string[]>): boolean {
  const depth = new Map<string, number>();
  for (const start of graph.keys()) {
    // Iterative walk along the first reference: a cycle, or a chain of 500+ hops.
    const seen = new Set<string>();
    let at: string | undefined = start;
    let hops = 0;
    while (at !== undefined && graph.has(at)) {
      if (seen.has(at)) return true;
      seen.add(at);
      at = graph.get(at)![0];
      if (++hops >= 500) return true;
    }
    depth.set(start, hops);
    for (const name of graph.get(start) ?? []) if (name === start) return true;
  }
  // allOf/oneOf cycles: a schema some of whose references lead back to it.
  const reaches = (from: string, to: string, visited = new Set<string>()): boolean =>
    (graph.get(from) ?? []).some((next) => next === to || (!visited.has(next) && (visited.add(next), reaches(next, to, visited))));
  return [...graph.keys()].filter((name) => (depth.get(name) ?? 0) < 50).some((name) => reaches(name, name));
}

const DETECTORS: Record<HostileClass, (document: Record<string, Node>) => boolean> = {
  'secret-refs': (document) =>
    refsTo(document).some(({ ref, path }) => SECRET_NAMES.has(ref.split('#')[0]!.replace(/^\.\//, '')) && path.some((key, index) => LITERAL_KEYS.has(key) || (key === 'value' && path[index - 2] === 'examples'))),
  'coding-cookies': (document) => {
    const info = document.info as Record<string, string>;
    return [info.title, info.version, info.description].every((text) => /coding[:=]|fileencoding=/.test(text ?? ''));
  },
  'shell-urls': (document) => {
    const urls = [...((document.servers as Array<{ url: string; variables?: Record<string, { default: string }> }> | undefined) ?? []).flatMap((server) => [server.url, ...Object.values(server.variables ?? {}).map((variable) => variable.default)]), String(document.host ?? ''), String(document.basePath ?? '')];
    // Anything sh acts on outside quotes: expansions, separators, redirections, quotes, globs, comments, blanks.
    return urls.some((url) => /[$`;|&<>'"\n\r*?[\]~#{}!\\ \t]/.test(url));
  },
  swagger2: (document) => document.swagger === '2.0',
  recursion: (document) => hasCycleOrLongChain(schemaGraph(document)),
  'huge-constraints': (document) =>
    [...walk(document)].some(({ node }) => {
      if (node === null || typeof node !== 'object') return false;
      const schema = node as Record<string, unknown>;
      const over = (key: string, limit: number) => typeof schema[key] === 'number' && (schema[key] as number) > limit;
      const repeat = typeof schema.pattern === 'string' ? Math.max(...[...schema.pattern.matchAll(/\{(\d+)/g)].map((match) => Number(match[1])), 0) : 0;
      return over('minLength', DEFAULT_SYNTHESIS_LIMITS.maxStringLength) || over('minItems', DEFAULT_SYNTHESIS_LIMITS.maxArrayItems) || over('minProperties', DEFAULT_SYNTHESIS_LIMITS.maxObjectProperties) || repeat > 1000;
    }),
  'terminal-text': (document) => {
    const info = document.info as Record<string, string>;
    return [info.title, info.version].every((text) => TERMINAL.test(text ?? '')) && refsTo(document).some(({ ref }) => TERMINAL.test(ref));
  },
  'prototype-keys': (document) => {
    const roles = new Map<string, Set<string>>();
    const add = (role: string, name: string) => roles.set(role, (roles.get(role) ?? new Set()).add(name));
    for (const { node, path } of walk(document)) {
      const [parent, key] = [path.at(-2), path.at(-1)!];
      if (parent === 'securitySchemes' || parent === 'securityDefinitions') add('scheme', key);
      if (parent === 'schemas' || parent === 'definitions') add('schema', key);
      if (parent === 'properties') add('property', key);
      if (parent === 'headers') add('header', key);
      if (parent === 'paths') for (const segment of key.split('/')) add('path segment', segment);
      const parameter = node as { name?: unknown; in?: unknown } | null;
      if (typeof parameter?.name === 'string' && typeof parameter.in === 'string') add(`${parameter.in} parameter`, parameter.name);
    }
    const named = (role: string) => PROTOTYPE_KEYS.some((key) => roles.get(role)?.has(key));
    return ['scheme', 'schema', 'property', 'header', 'path segment', 'path parameter', 'query parameter', 'header parameter'].every(named);
  },
};

describe('hostile-spec generator: every class of hostile input is drawn', () => {
  let cases: HostileCase[];
  before(() => {
    cases = sampleHostileCases({ seed: 20240611, count: 20 });
  });

  for (const name of HOSTILE_CLASSES) {
    it(`${name}: found in at least one of 20 seeded specs, and in every spec that drew it`, () => {
      const detected = cases.map((hostile) => DETECTORS[name](hostile.document as Record<string, Node>));
      expect(detected.filter(Boolean).length, `specs where ${name} is found`).to.be.greaterThan(0);
      const claimedNotFound = cases.flatMap((hostile, index) => (hostile.classes.includes(name) && !detected[index] ? [index] : []));
      expect(claimedNotFound, `specs that drew ${name} but do not hold it`).to.deep.equal([]);
    });
  }

  it('is seeded: the same specs on every run', () => {
    expect(JSON.stringify(sampleHostileCases({ seed: 20240611, count: 20 }))).to.equal(JSON.stringify(cases));
  });

  it('each class leaves its oracle something to check', () => {
    const expectations = cases.map((hostile) => hostile.expect);
    expect(expectations.flatMap((expect_) => expect_.literalRefs).length, 'literal $ref pointers').to.be.greaterThan(0);
    expect(expectations.flatMap((expect_) => expect_.filesRead).length, 'shared documents read').to.be.greaterThan(0);
    expect(expectations.flatMap((expect_) => expect_.sizeLimits).length, 'size-limit pointers').to.be.greaterThan(0);
    expect(expectations.flatMap((expect_) => expect_.prototypeOperations).length, 'prototype-key operations').to.be.greaterThan(0);
    expect(expectations.flatMap((expect_) => expect_.recursiveOperations).length, 'recursive operations').to.be.greaterThan(0);
  });
});
