// PLACEHOLDER (owned by the pattern-algebra work): signatures are the contract.

/** True when a concrete Vault path is matched by a policy path pattern (`*` last = prefix glob, `+` = one segment). */
export function vaultPathMatches(pattern: string, path: string): boolean {
  throw new Error(`not implemented: vaultPathMatches(${pattern}, ${path})`);
}

/** True when some concrete path is matched by both policy path patterns. */
export function vaultPathsOverlap(a: string, b: string): boolean {
  throw new Error(`not implemented: vaultPathsOverlap(${a}, ${b})`);
}
