/** RFC 6901 JSON pointers written as URI fragments (`#/paths/~1pets/get`). */

export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(segments: readonly (string | number)[]): string {
  let out = '#';
  for (const segment of segments) out += `/${escapeSegment(segment)}`;
  return out;
}

export function childPointer(parent: string, ...segments: (string | number)[]): string {
  let out = parent;
  for (const segment of segments) out += `/${escapeSegment(segment)}`;
  return out;
}

function decodeSegment(raw: string): string {
  let text = raw;
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // Not percent-encoded after all: keep as written.
    }
  }
  return text.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The segments of a local pointer (`#/a/b`), or undefined when it is not one. */
export function parseLocalPointer(ref: string): string[] | undefined {
  if (ref === '#' || ref === '#/') return ref === '#' ? [] : [''];
  if (!ref.startsWith('#/')) return undefined;
  return ref.slice(2).split('/').map(decodeSegment);
}

/** Follows a local pointer in `root`; undefined when any step is missing. */
export function resolveLocalPointer(root: unknown, ref: string): unknown {
  const segments = parseLocalPointer(ref);
  if (segments === undefined) return undefined;
  let node: unknown = root;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      node = node[Number(segment)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
      node = (node as Record<string, unknown>)[segment];
    }
  }
  return node;
}
