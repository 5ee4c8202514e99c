import type { JsonValue } from '../model/index.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, '\ufffd');
}

/**
 * A value with every lone UTF-16 surrogate replaced by U+FFFD. JSON can hold one (`"\ud800"`),
 * but no request can carry it: UTF-8 has no encoding for it, and URL encoders throw on it.
 * Returns the same object when nothing changes.
 */
export function wellFormedValue(value: JsonValue): { value: JsonValue; changed: boolean } {
  if (typeof value === 'string') {
    return LONE_SURROGATE.test(value) ? { value: toWellFormed(value), changed: true } : { value, changed: false };
  }
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const result = wellFormedValue(item);
      changed ||= result.changed;
      return result.value;
    });
    return changed ? { value: items, changed } : { value, changed: false };
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]): [string, JsonValue] => {
      const result = wellFormedValue(item);
      const wellFormedKey = LONE_SURROGATE.test(key) ? toWellFormed(key) : key;
      changed ||= result.changed || wellFormedKey !== key;
      return [wellFormedKey, result.value];
    });
    return changed ? { value: Object.fromEntries(entries), changed } : { value, changed: false };
  }
  return { value, changed: false };
}
