/**
 * Reading and writing spec-named keys on plain objects. A spec may name a property, field or
 * parameter `__proto__`, `constructor` or `toString`: `obj[name]` would read Object.prototype's
 * member and `obj[name] = v` would replace the prototype, so such keys are read and written
 * as own properties only.
 */

export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The own property `key` of `object`, never an inherited member. */
export function ownValue<T>(object: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return object !== undefined && hasOwn(object, key) ? object[key] : undefined;
}

/** `object[key] = value`, with `__proto__` an own property rather than the prototype. */
export function setOwn<T>(object: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * An empty record for spec-named keys: no prototype, so `record['constructor']` is undefined
 * until set, `'toString' in record` is false, and `record['__proto__'] = v` stores a property.
 */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
