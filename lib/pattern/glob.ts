// PLACEHOLDER (owned by the pattern-algebra work): signatures are the contract.

/** IAM StringLike matching: `*` any run (including empty), `?` exactly one character. */
export function globMatches(pattern: string, value: string): boolean {
  throw new Error(`not implemented: globMatches(${pattern}, ${value})`);
}

/** True when some string is matched by both IAM glob patterns. */
export function globsOverlap(a: string, b: string): boolean {
  throw new Error(`not implemented: globsOverlap(${a}, ${b})`);
}
