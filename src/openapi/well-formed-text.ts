import type { DiagnosticSink } from './diagnostics.js';
import { childPointer } from './json-pointer.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, '\ufffd');
}

/**
 * Replaces lone UTF-16 surrogates in every key and string of the document with U+FFFD, in place.
 * JSON can spell one (`"\ud800"`), but no file name, URL, header or UTF-8 body can carry it, and
 * engines' encoders throw on it; one diagnostic names the first place it was found.
 */
export function replaceLoneSurrogates(document: Record<string, unknown>, sink: DiagnosticSink): void {
  let first: string | undefined;
  let count = 0;
  const seen = new Set<object>();
  // Each entry knows its parent and key; a pointer is spelled only for the first finding.
  interface Entry {
    node: Record<string, unknown> | unknown[];
    parent?: Entry;
    key?: string | number;
  }
  const pointerOf = (entry: Entry, key: string | number): string => {
    const keys: Array<string | number> = [key];
    for (let at: Entry | undefined = entry; at?.parent !== undefined; at = at.parent) keys.push(at.key!);
    return keys.reverse().reduce<string>((pointer, part) => childPointer(pointer, part), '#');
  };
  const stack: Entry[] = [{ node: document }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { node } = entry;
    if (seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        if (typeof item === 'string') {
          if (LONE_SURROGATE.test(item)) {
            node[index] = wellFormed(item);
            first ??= pointerOf(entry, index);
            count++;
          }
        } else if (item !== null && typeof item === 'object') stack.push({ node: item as Record<string, unknown>, parent: entry, key: index });
      });
      continue;
    }
    for (const key of Object.keys(node)) {
      let name = key;
      if (LONE_SURROGATE.test(key)) {
        name = wellFormed(key);
        node[name] = node[key];
        delete node[key];
        first ??= pointerOf(entry, name);
        count++;
      }
      const value = node[name];
      if (typeof value === 'string') {
        if (LONE_SURROGATE.test(value)) {
          node[name] = wellFormed(value);
          first ??= pointerOf(entry, name);
          count++;
        }
      } else if (value !== null && typeof value === 'object') stack.push({ node: value as Record<string, unknown>, parent: entry, key: name });
    }
  }
  if (count > 0) {
    sink.report({
      code: 'spec/lone-surrogate',
      severity: 'warning',
      message: `${count} string(s) hold a lone UTF-16 surrogate, which no URL, header, file or UTF-8 body can carry (first at ${first}).`,
      pointer: first,
      fix: 'They are read with U+FFFD (the replacement character) in its place; fix the \\uD800-\\uDFFF escapes in the spec.',
    });
  }
}
