/**
 * Appends every item to `target`. `target.push(...items)` passes each item as a call argument and
 * throws a RangeError past about 100,000 of them, which input sizes can reach.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
