// PLACEHOLDER (owned by the pattern-algebra work): signatures are the contract.

/** True when some ARN is matched by both IAM resource patterns (segment-aware; `*` alone matches all). */
export function arnPatternsOverlap(a: string, b: string): boolean {
  throw new Error(`not implemented: arnPatternsOverlap(${a}, ${b})`);
}
