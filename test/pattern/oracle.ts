/**
 * Brute-force oracle for the pattern algebra: enumerate every string over a small alphabet up to
 * a bounded length and test membership with a reference regular expression.
 *
 * Why a bounded enumeration is complete. A pattern is a sequence of "single" tokens (a literal
 * character, IAM `?`) and "run" tokens (`*`, Vault `+` segment, Vault trailing `*`). Take a
 * SHORTEST string w matched by both patterns and follow both matches in parallel. A character of w
 * consumed by a run on BOTH sides could be deleted and both patterns would still match, so in a
 * shortest w every character is consumed by a single token of at least one side. Hence
 *   |w| <= singles(a) + singles(b).
 * Every character of w is then a literal written in one of the patterns, or (for `?` facing `?`
 * or a run) any character, for which the first alphabet letter serves. So enumerating all strings
 * over {letters used in the patterns} up to singles(a) + singles(b) finds a common match whenever
 * one exists. Each property asserts that its generated patterns respect the bound it enumerates.
 */

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Memoises a pattern-to-RegExp translation (the same few hundred patterns recur across runs). */
export function memoized<K extends string>(translate: (pattern: K) => RegExp): (pattern: K) => RegExp {
  const cache = new Map<K, RegExp>();
  return (pattern) => {
    let regExp = cache.get(pattern);
    if (!regExp) {
      regExp = translate(pattern);
      cache.set(pattern, regExp);
    }
    return regExp;
  };
}

/** All strings over `alphabet` of length 0..maxLength, shortest first. */
export function allStrings(alphabet: readonly string[], maxLength: number): string[] {
  const result: string[] = [""];
  let previous = [""];
  for (let length = 1; length <= maxLength; length++) {
    const next: string[] = [];
    for (const stem of previous) for (const letter of alphabet) next.push(stem + letter);
    result.push(...next);
    previous = next;
  }
  return result;
}

/** Membership of every enumerated string in each pattern's language, memoised per pattern. */
export class EnumerationOracle {
  readonly universe: readonly string[];
  private readonly memberships = new Map<string, Uint8Array>();

  constructor(
    alphabet: readonly string[],
    readonly maxLength: number,
    private readonly toRegExp: (pattern: string) => RegExp,
  ) {
    this.universe = allStrings(alphabet, maxLength);
  }

  membership(pattern: string): Uint8Array {
    let bits = this.memberships.get(pattern);
    if (!bits) {
      const regExp = this.toRegExp(pattern);
      bits = new Uint8Array(this.universe.length);
      this.universe.forEach((candidate, index) => {
        if (regExp.test(candidate)) bits![index] = 1;
      });
      this.memberships.set(pattern, bits);
    }
    return bits;
  }

  /** The first enumerated string matched by both patterns, or undefined. */
  commonMatch(a: string, b: string): string | undefined {
    const bitsA = this.membership(a);
    const bitsB = this.membership(b);
    for (let index = 0; index < bitsA.length; index++) {
      if (bitsA[index] === 1 && bitsB[index] === 1) return this.universe[index];
    }
    return undefined;
  }
}
