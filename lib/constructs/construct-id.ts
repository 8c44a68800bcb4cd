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
  return typeof id === "string" ? Object.keys({ [id]: 0 })[0] : id;
}
