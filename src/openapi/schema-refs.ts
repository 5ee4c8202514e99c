import { resolveLocalPointer } from './json-pointer.js';

/**
 * The one way schema walkers (data synthesis, validation prep, analysis) follow local `$ref`s:
 * own properties only (a component named `constructor` is not `Object.prototype.constructor`),
 * targets cached per document, and chains followed in a loop with cycle detection, so a chain
 * of any length costs no stack and a cycle ends.
 */

const targetsByDocument = new WeakMap<object, Map<string, unknown>>();

/** The target of a local `#/...` ref in `document` (cached), or undefined when it is not local or names nothing. */
export function resolveSchemaRef(document: Record<string, unknown>, ref: string): unknown {
  let targets = targetsByDocument.get(document);
  if (targets === undefined) {
    targets = new Map();
    targetsByDocument.set(document, targets);
  }
  if (targets.has(ref)) return targets.get(ref);
  const target = ref.startsWith('#') ? resolveLocalPointer(document, ref) : undefined;
  targets.set(ref, target);
  return target;
}

export type RefChain =
  /** `schema` is the first object met that is not followed further; `lastRef` the ref that reached it (none when `schema` was no ref). */
  | { ok: true; schema: unknown; lastRef?: string; hops: number }
  /** `cycle`: `ref` leads back into the chain; `unresolved`: `ref` names nothing (or is not local). */
  | { ok: false; reason: 'cycle' | 'unresolved'; ref: string; hops: number };

export interface FollowOptions {
  /**
   * Whether to follow the `$ref` of `node` (an object with a string `$ref`) that is not the
   * first one: OpenAPI 3.1 keywords beside a `$ref` apply with it, so a walker that must see
   * them stops there. Every node is followed when omitted. Results are cached per function:
   * pass a function defined once, not a new closure per call.
   */
  through?: (node: Record<string, unknown>) => boolean;
}

const FOLLOW_ALL = (): boolean => true;
/** Chain results by document, `through` policy and first ref: each ref of a long chain is walked once. */
const chainsByDocument = new WeakMap<object, Map<FollowOptions['through'], Map<string, RefChain>>>();

function chainCache(document: object, through: FollowOptions['through']): Map<string, RefChain> {
  let byPolicy = chainsByDocument.get(document);
  if (byPolicy === undefined) {
    byPolicy = new Map();
    chainsByDocument.set(document, byPolicy);
  }
  let chains = byPolicy.get(through);
  if (chains === undefined) {
    chains = new Map();
    byPolicy.set(through, chains);
  }
  return chains;
}

/** Follows `$ref`s from `schema` until an object without one (or one `through` refuses): linear in the chain, cached. */
export function followRefChain(document: Record<string, unknown>, schema: unknown, options: FollowOptions = {}): RefChain {
  if (!isRefObject(schema)) return { ok: true, schema, hops: 0 };
  const through = options.through ?? FOLLOW_ALL;
  const cache = chainCache(document, options.through);
  const path: string[] = [];
  const onPath = new Set<string>();
  let current: unknown = schema;
  let end: RefChain | undefined;
  let tail: RefChain | undefined;
  while (isRefObject(current) && (path.length === 0 || through(current))) {
    const ref = current.$ref as string;
    tail = cache.get(ref);
    if (tail !== undefined) break;
    if (onPath.has(ref)) {
      end = { ok: false, reason: 'cycle', ref, hops: 0 };
      break;
    }
    onPath.add(ref);
    path.push(ref);
    const target = resolveSchemaRef(document, ref);
    if (target === undefined) {
      end = { ok: false, reason: 'unresolved', ref, hops: 0 };
      break;
    }
    current = target;
  }
  end ??= tail ?? { ok: true, schema: current, lastRef: path[path.length - 1], hops: 0 };
  const tailHops = tail?.hops ?? 0;
  // Every ref on the path leads to the same end; remember it for each, with its own hop count.
  for (let index = path.length - 1; index >= 0; index--) cache.set(path[index], { ...end, hops: tailHops + path.length - index });
  return path.length > 0 ? cache.get(path[0])! : end;
}

/** The schema a `$ref` chain ends at; undefined for a cycle or a dangling ref. */
export function refTarget(document: Record<string, unknown>, schema: unknown): unknown {
  const chain = followRefChain(document, schema);
  return chain.ok ? chain.schema : undefined;
}

/** The last ref of the chain from `schema` (what identifies the schema it ends at), or undefined when `schema` is no `$ref` or the chain breaks. */
export function finalRef(document: Record<string, unknown>, schema: unknown): string | undefined {
  const chain = followRefChain(document, schema);
  return chain.ok ? chain.lastRef : undefined;
}

function isRefObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Record<string, unknown>).$ref === 'string';
}
