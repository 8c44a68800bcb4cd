/**
 * The construct id as V8's own (internalized) string, same text.
 *
 * An id built at run time (`svc-${n}`) becomes, once V8 uses it as a property key, a "thin" string
 * whose type says two-byte even when its text is ASCII; `Array.prototype.join` then builds a
 * two-byte result. cdktf joins construct ids into every logical id and reference, so one such id
 * made every stack's written JSON a two-byte string, twice the memory while cdktf writes it
 * (issue 11: about 35 MB of peak memory at 5,000 identities). The property key V8 keeps for the
 * text is a plain string of the smallest encoding.
 */
export function constructId(id: string): string {
  if (typeof id !== "string") return id;
  // A key of a null-prototype object, which V8 keeps as a dictionary: a `{ [id]: 0 }` literal would
  // instead give the empty object's hidden class a transition per id, and V8 allows that class
  // 1,536 of them. Once they are full (at about 1,400 identities, with dead ones collected only by
  // a full collection), every object cdktf builds key by key while it prepares and resolves the
  // stacks gets a hidden class of its own, allocated in the old generation: preparing each stack
  // of the 10,000-identity benchmark took 0.9 s instead of 0.1 s until V8's next full collection.
  const holder: Record<string, number> = Object.create(null) as Record<string, number>;
  holder[id] = 0;
  return Object.keys(holder)[0];
}
