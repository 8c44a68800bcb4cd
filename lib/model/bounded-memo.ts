/**
 * `compute`, remembered per argument. The engine asks about the same few issuers, operators and
 * action patterns for every statement, so each is worked out once. The input chooses the
 * arguments, so at most `limit` are kept; past that, `compute` runs on every call. `compute` must
 * be pure: a remembered value is shared by every caller.
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined && !known.has(key)) {
      value = compute(key);
      if (known.size < limit) known.set(key, value);
    }
    return value as V;
  };
}
