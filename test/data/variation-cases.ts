import { variedValue } from '../../src/data/index.js';
import type { JsonValue, ValueVariation } from '../../src/model/index.js';

// The inputs of the cross-engine tests (variations-cross-engine.test.ts for k6 and Locust,
// variations-cross-engine.engine.ts for JMeter's Groovy) and perfplan's reference values for them.

/** One value to compute: a variation, the value the request would send there, and where the run is. */
export interface Case {
  variation: ValueVariation;
  current: JsonValue | undefined;
  seed: number;
  iteration: number;
  request: number;
  /** The feeder row's columns. */
  row: Record<string, string>;
  /** Environment variables that are set. */
  env: Record<string, string>;
}

const SEEDS = [0, 1, 7, 2_905_839_232, 4_294_967_295];
const ITERATIONS = [0, 1, 35, 36, 1295, 46_656, 2 ** 31, 2 ** 32 - 1, 99_999_999_999];
export const FILE = { $file: { name: 'sample.bin', contentType: 'application/octet-stream', content: 'perfplan-sample\n' } };

const VARIATIONS: Array<{ variation: ValueVariation; current: JsonValue | undefined; row?: Record<string, string>; env?: Record<string, string> }> = [
  { variation: { target: 'body#/id', kind: 'integer', min: 1, step: 1, count: 2_147_483_647 }, current: 10 },
  { variation: { target: 'path.id', kind: 'integer', min: -40, step: 7, count: 13 }, current: 3 },
  { variation: { target: 'body#/3/id', kind: 'integer', min: 100, step: 5, count: 1000, lane: { index: 3, of: 100 } }, current: 100 },
  { variation: { target: 'body#/name', kind: 'string', column: 'c0', width: 6 }, current: 'doggie', row: { c0: 'bella' } },
  { variation: { target: 'body#/code', kind: 'string', column: 'c1', width: 3, lane: { index: 1, of: 2 } }, current: 'x', row: { c1: 'Ünïcode ok' } },
  { variation: { target: 'body#/name', kind: 'string', column: 'absent', width: 4 }, current: 'plan-value', row: { c0: 'x' } },
  { variation: { target: 'body#/email', kind: 'email', column: 'c2', width: 6 }, current: 'a@b.c', row: { c2: 'john.doe@mail.example.com' } },
  { variation: { target: 'body#/email', kind: 'email', column: 'c2', width: 5 }, current: 'a@b.c', row: { c2: 'no-at-sign' } },
  { variation: { target: 'body#/ref', kind: 'uuid' }, current: 'x' },
  { variation: { target: 'body#/0/ref', kind: 'uuid', lane: { index: 0, of: 3 } }, current: 'x' },
  { variation: { target: 'header.Idempotency-Key', kind: 'request-key' }, current: 'k' },
  { variation: { target: 'query.username', kind: 'credential', env: 'LOGIN_USERNAME' }, current: 'ann', env: { LOGIN_USERNAME: 'bob "the" builder' } },
  { variation: { target: 'query.password', kind: 'credential', env: 'LOGIN_PASSWORD' }, current: '12345' },
  { variation: { target: 'body', kind: 'file', bytes: 37 }, current: FILE },
];

export function cases(): Case[] {
  const out: Case[] = [];
  for (const entry of VARIATIONS) {
    for (const seed of SEEDS) {
      for (const iteration of ITERATIONS) {
        for (const request of entry.variation.kind === 'request-key' ? [0, 1, 65_535, 65_536] : [0]) {
          out.push({ variation: entry.variation, current: entry.current, seed, iteration, request, row: entry.row ?? {}, env: entry.env ?? {} });
        }
      }
    }
  }
  return out;
}

/** perfplan's reference (src/data/variations). */
export function reference(all: readonly Case[]): unknown[] {
  return all.map((c) =>
    variedValue(c.variation, c.current, { seed: c.seed, iteration: c.iteration, requestIndex: c.request, row: (column) => c.row[column], env: (name) => c.env[name] }),
  );
}

