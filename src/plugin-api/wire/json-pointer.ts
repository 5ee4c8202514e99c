import type { JsonValue } from '../../model/index.js';

/** The value at a JSON pointer's reference tokens, or undefined when there is none. */
export function readAt(document: JsonValue | undefined, tokens: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = document;
  for (const token of tokens) {
    if (Array.isArray(current) && /^\d+$/.test(token)) current = current[Number(token)];
    else if (current !== null && typeof current === 'object' && !Array.isArray(current) && Object.hasOwn(current, token)) current = current[token];
    else return undefined;
  }
  return current;
}

/** A copy of `document` with `value` at the pointer's tokens; missing objects on the way are created (`-` appends to an array). */
export function writeAt(document: JsonValue | undefined, tokens: readonly string[], value: JsonValue): JsonValue {
  if (tokens.length === 0) return value;
  const root: JsonValue = document === undefined || document === null || typeof document !== 'object' ? {} : (JSON.parse(JSON.stringify(document)) as JsonValue);
  let parent = root as Record<string, JsonValue> | JsonValue[];
  tokens.forEach((token, index) => {
    const last = index === tokens.length - 1;
    const key = Array.isArray(parent) ? (token === '-' ? parent.length : Number(token)) : token;
    const container = parent as Record<string | number, JsonValue>;
    if (last) Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
    else {
      if (typeof container[key] !== 'object' || container[key] === null) Object.defineProperty(container, key, { value: {}, enumerable: true, writable: true, configurable: true });
      parent = container[key] as Record<string, JsonValue>;
    }
  });
  return root;
}
