import { resolveLocalPointer } from './json-pointer.js';
import { scanRefs } from './ref-scan.js';

/** `{ $ref: '#/...' }` and nothing else: a hop that only passes on to another place of the same file. */
function passOn(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  const ref = (node as Record<string, unknown>).$ref;
  return keys.length === 1 && typeof ref === 'string' && ref.startsWith('#') ? ref : undefined;
}

const LOOP = Symbol('loop');

/**
 * Points every local `$ref` whose target only passes on to another local `$ref` straight at the
 * end of that chain, in place. The bundler (json-schema-ref-parser) follows a chain recursively, a
 * few stack frames per hop, so a chain of a couple of thousand hops overflows the stack; with the
 * chain collapsed every schema means the same. A chain that ends in a loop is left as it is (the
 * schema walks report it).
 */
export function collapseRefChains(document: unknown): void {
  // ref → the ref that ends its chain (LOOP when the chain loops); filled for every ref passed on the way.
  const ends = new Map<string, string | typeof LOOP>();
  const endOf = (start: string): string | typeof LOOP => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let ref = start;
    let end: string | typeof LOOP;
    for (;;) {
      const known = ends.get(ref);
      if (known !== undefined) {
        end = known;
        break;
      }
      if (onPath.has(ref)) {
        end = LOOP;
        break;
      }
      path.push(ref);
      onPath.add(ref);
      const next = passOn(resolveLocalPointer(document, ref));
      if (next === undefined) {
        end = ref;
        break;
      }
      ref = next;
    }
    for (const passed of path) ends.set(passed, end);
    return end;
  };
  for (const found of scanRefs(document).refs) {
    if (!found.ref.startsWith('#')) continue;
    const end = endOf(found.ref);
    if (end !== LOOP && end !== found.ref) found.holder.$ref = end;
  }
}
