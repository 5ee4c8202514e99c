import { pointerOf } from './json-pointer.js';

export interface FoundRef {
  /** The object that holds the `$ref` key (mutated when the ref is neutralised). */
  holder: Record<string, unknown>;
  ref: string;
  /** Where the holder is, in the scanned file. */
  pointer: string;
  /** True under an `x-` extension, where refs are the vendor's business, not OpenAPI's. */
  inExtension: boolean;
}

export interface RefScan {
  refs: FoundRef[];
  /** Every `$id` string (3.1 schemas may be referenced by it). */
  schemaIds: Set<string>;
}

/** Keys whose value is data, not OpenAPI structure: a `$ref` inside is a literal. */
const LITERAL_KEYS = new Set(['example', 'default', 'enum', 'const', 'x-example', 'x-examples']);
/** Keys whose value maps user-chosen names to objects: a child named `default` is not the keyword. */
const NAME_MAP_KEYS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'schemas', 'paths', 'webhooks', 'x-webhooks']);

type Mode = 'normal' | 'names' | 'exampleMap' | 'exampleObject';

/** Finds every `$ref` (and `$id`) in a parsed document, skipping literal example data. */
export function scanRefs(root: unknown): RefScan {
  const scan: RefScan = { refs: [], schemaIds: new Set() };
  const stack: (string | number)[] = [];

  const visit = (node: unknown, mode: Mode, inExtension: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        stack.push(i);
        visit(node[i], 'normal', inExtension);
        stack.pop();
      }
      return;
    }
    const object = node as Record<string, unknown>;
    if (mode !== 'names' && mode !== 'exampleMap') {
      if (typeof object.$ref === 'string') scan.refs.push({ holder: object, ref: object.$ref, pointer: pointerOf(stack), inExtension });
      if (typeof object.$id === 'string') scan.schemaIds.add(object.$id);
    }
    for (const key in object) {
      const value = object[key];
      if (value === null || typeof value !== 'object') continue;
      let childMode: Mode = 'normal';
      let childInExtension = inExtension;
      if (mode === 'names') {
        childMode = 'normal';
      } else if (mode === 'exampleMap') {
        childMode = 'exampleObject';
      } else {
        if (LITERAL_KEYS.has(key)) continue;
        if (mode === 'exampleObject' && key === 'value') continue;
        if (key === 'examples') {
          if (Array.isArray(value)) continue;
          childMode = 'exampleMap';
        } else if (NAME_MAP_KEYS.has(key)) {
          childMode = 'names';
        }
        if (key.startsWith('x-')) childInExtension = true;
      }
      stack.push(key);
      visit(value, childMode, childInExtension);
      stack.pop();
    }
  };

  visit(root, 'normal', false);
  return scan;
}
