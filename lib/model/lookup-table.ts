/**
 * Prototype-safe tables for keys that come from input (resource types, attribute names, issuer
 * hosts, CLI flags). A bracket lookup on a plain object finds `Object.prototype` members for keys
 * like `constructor` or `toString`, and assigning `__proto__` replaces the prototype; a `Map` or a
 * null-prototype object has neither. The lint rule `no-restricted-syntax` in eslint.config.mjs
 * refuses string-keyed `Record` constants and `{}` accumulators, so new tables come through here.
 */

/** A constant table written as an object literal, looked up as a `Map`. */
export function lookupTable<V>(entries: Readonly<Record<string, V>>): ReadonlyMap<string, V> {
  return new Map(Object.entries(entries));
}

/** An empty object without a prototype, for string-keyed records built from input. */
export function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** The value of an object's own property, never an inherited one such as `constructor`. */
export function ownValue(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
