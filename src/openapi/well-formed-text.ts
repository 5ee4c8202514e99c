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
  const stack: Array<{ node: Record<string, unknown> | unknown[]; pointer: string }> = [{ node: document, pointer: '#' }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        if (typeof item === 'string') {
          if (LONE_SURROGATE.test(item)) {
            node[index] = wellFormed(item);
            first ??= childPointer(pointer, index);
            count++;
          }
        } else if (item !== null && typeof item === 'object') stack.push({ node: item as Record<string, unknown>, pointer: childPointer(pointer, index) });
      });
      continue;
    }
    for (const key of Object.keys(node)) {
      let name = key;
      if (LONE_SURROGATE.test(key)) {
        name = wellFormed(key);
        node[name] = node[key];
        delete node[key];
        first ??= childPointer(pointer, name);
        count++;
      }
      const value = node[name];
      if (typeof value === 'string') {
        if (LONE_SURROGATE.test(value)) {
          node[name] = wellFormed(value);
          first ??= childPointer(pointer, name);
          count++;
        }
      } else if (value !== null && typeof value === 'object') stack.push({ node: value as Record<string, unknown>, pointer: childPointer(pointer, name) });
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
