import fc from "fast-check";
import { commonMatchOutside } from "../../lib/pattern/pattern-difference";
import { globTokens } from "../../lib/pattern/glob";
import {
  compareVaultPathPriority,
  vaultPathTokens,
  vaultPathsOverlapOutside,
} from "../../lib/pattern/vault-path";
import { globMatches } from "../../lib/pattern/glob";
import { EnumerationOracle, escapeRegExp, memoized } from "./oracle";

const RUNS = { numRuns: 10000 };

const vaultRegExp = memoized((pattern: string): RegExp => {
  let path = pattern.startsWith("/") ? pattern.slice(1) : pattern;
  const isPrefix = path.endsWith("*");
  if (isPrefix) path = path.slice(0, -1);
  const body = path
    .split("/")
    .map((segment) => (segment === "+" ? "[^/]*" : escapeRegExp(segment)))
    .join("/");
  return new RegExp(`^${body}${isPrefix ? "[\\s\\S]*" : ""}$`, "u");
});

const globRegExp = memoized(
  (pattern: string): RegExp =>
    new RegExp(
      `^${Array.from(pattern)
        .map((c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : escapeRegExp(c)))
        .join("")}$`,
      "u",
    ),
);

// Short Vault patterns over {a, b, /}: segments of a/b, `+` segments, optional trailing glob.
const vaultPattern = fc
  .tuple(fc.array(fc.constantFrom("a", "b", "ab", "+"), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([segments, glob]) => segments.join("/") + (glob ? "*" : ""));

/*
 * The enumeration bound: the subtraction can push the shortest witness past the intersection's
 * own bound, so the oracle enumerates well beyond every pattern's length (each pattern here has at
 * most 8 characters). A witness the implementation finds is checked directly, whatever its length,
 * so the comparison is exact in both directions within the bound and sound beyond it.
 */
const vaultOracle = new EnumerationOracle(["a", "b", "/"], 9, vaultRegExp);
const globOracle = new EnumerationOracle(["a", "b"], 9, globRegExp);

function oracleWitness(oracle: EnumerationOracle, a: string, b: string, excluded: readonly string[]) {
  const bitsA = oracle.membership(a);
  const bitsB = oracle.membership(b);
  const bitsExcluded = excluded.map((pattern) => oracle.membership(pattern));
  for (let i = 0; i < bitsA.length; i++) {
    if (bitsA[i] === 1 && bitsB[i] === 1 && bitsExcluded.every((bits) => bits[i] === 0))
      return oracle.universe[i];
  }
  return undefined;
}

describe("commonMatchOutside (intersection minus a union)", () => {
  it("agrees with the brute-force oracle on Vault paths (deny / more specific rules)", () => {
    fc.assert(
      fc.property(vaultPattern, vaultPattern, fc.array(vaultPattern, { maxLength: 3 }), (a, b, excluded) => {
        const result = commonMatchOutside(
          vaultPathTokens(a),
          vaultPathTokens(b),
          excluded.map((p) => vaultPathTokens(p)),
        );
        expect(result).not.toBe("too-large");
        const expected = oracleWitness(vaultOracle, a, b, excluded);
        if (result !== "too-large" && "witness" in result) {
          const w = result.witness;
          // Membership by the reference translation (witnesses may begin with an empty segment).
          expect(vaultRegExp(a).test(w) && vaultRegExp(b).test(w)).toBe(true);
          expect(excluded.some((p) => vaultRegExp(p).test(w))).toBe(false);
          // Shortest witness: never longer than the oracle's first one.
          if (expected !== undefined) expect(Array.from(w).length).toBeLessThanOrEqual(expected.length);
        } else {
          expect(expected).toBeUndefined();
        }
        expect(vaultPathsOverlapOutside(a, b, excluded)).toBe(
          expected !== undefined || (result !== "too-large" && "witness" in result),
        );
      }),
      RUNS,
    );
  });

  it("agrees with the brute-force oracle on IAM globs (Allow minus Deny)", () => {
    const glob = fc.string({ unit: fc.constantFrom("a", "b", "*", "?"), maxLength: 4 });
    fc.assert(
      fc.property(glob, glob, fc.array(glob, { maxLength: 3 }), (a, b, excluded) => {
        const result = commonMatchOutside(
          globTokens(a),
          globTokens(b),
          excluded.map((p) => globTokens(p)),
        );
        expect(result).not.toBe("too-large");
        const expected = oracleWitness(globOracle, a, b, excluded);
        if (result !== "too-large" && "witness" in result) {
          const w = result.witness;
          expect(globMatches(a, w) && globMatches(b, w)).toBe(true);
          expect(excluded.some((p) => globMatches(p, w))).toBe(false);
        } else {
          expect(expected).toBeUndefined();
        }
      }),
      RUNS,
    );
  });

  it("examples: a deny on the other's subtree removes the overlap, a sibling deny does not", () => {
    expect(vaultPathsOverlapOutside("secret/*", "secret/data/b/db", ["secret/data/b/*"])).toBe(false);
    expect(vaultPathsOverlapOutside("secret/*", "secret/data/b/*", ["secret/data/b/db"])).toBe(true);
    expect(vaultPathsOverlapOutside("secret/+/x", "secret/a/x", ["secret/+/x"])).toBe(false);
  });
});

describe("compareVaultPathPriority (Vault's documented priority matching)", () => {
  it.each([
    // An exact path beats any pattern that matches it.
    ["secret/data/a", "secret/data/*", 1],
    // The first wildcard or glob later in the path wins.
    ["secret/data/a/*", "secret/*", 1],
    ["secret/data/+/x", "secret/+/a/x", 1],
    // Same first wildcard position: no trailing glob beats a trailing glob.
    ["secret/+/x", "secret/+/*", 1],
    // Fewer + segments win.
    ["a/+/b/c", "a/+/+/c", 1],
    // Longer wins, then lexicographically larger.
    ["secret/ab*", "secret/a*", 1],
    ["secret/+/b", "secret/+/a", 1],
    ["secret/x", "secret/x", 0],
  ])("%s vs %s -> %d", (a, b, expected) => {
    expect(Math.sign(compareVaultPathPriority(a, b))).toBe(expected);
    expect(Math.sign(compareVaultPathPriority(b, a))).toBe(0 - expected || 0);
  });

  it("is a total order consistent with exact matches winning (property)", () => {
    fc.assert(
      fc.property(vaultPattern, vaultPattern, (a, b) => {
        const ab = Math.sign(compareVaultPathPriority(a, b));
        expect(Math.sign(compareVaultPathPriority(b, a))).toBe(0 - ab || 0);
        if (ab === 0) expect(a).toBe(b);
      }),
      RUNS,
    );
  });
});
