import fc from "fast-check";
import {
  vaultPathIsLiteral,
  vaultPathLiteralPrefix,
  vaultPathMatches,
  vaultPathPatternProblems,
  vaultPathsCommonMatch,
  vaultPathsOverlap,
} from "../../lib/pattern/vault-path";
import { EnumerationOracle, escapeRegExp, memoized } from "./oracle";

const RUNS = { numRuns: 10000 };

/** Reference translation of Vault's rules (policy.go / acl.go) into a JavaScript regular expression. */
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

/** Concrete paths are compared after the same leading-slash removal as patterns. */
function dropLeadingSlash(path: string): string {
  return path.startsWith("/") ? path.slice(1) : path;
}

/** Characters a pattern fixes one by one (everything but `+` segments and the trailing `*`). */
function singleCount(pattern: string): number {
  let path = pattern.startsWith("/") ? pattern.slice(1) : pattern;
  if (path.endsWith("*")) path = path.slice(0, -1);
  const segments = path.split("/");
  return segments.reduce((sum, segment) => sum + (segment === "+" ? 0 : segment.length), segments.length - 1);
}

// Realistic shapes: segments of a/b, `+` segments, optional prefix glob; at most 4 fixed characters
// each, so a common match (if any) has length <= 8 over {a, b, /}.
const STRUCTURED_BOUND = 8;
const structuredPattern = fc
  .tuple(fc.array(fc.constantFrom("a", "b", "ab", "+", ""), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([segments, glob]) => segments.join("/") + (glob ? "*" : ""))
  .filter((pattern) => singleCount(pattern) <= STRUCTURED_BOUND / 2);
const structuredOracle = new EnumerationOracle(["a", "b", "/"], STRUCTURED_BOUND, vaultRegExp);

// Free strings over {a, /, +, *}: non-final `*`, `+` inside a segment, `+*`, a leading `/`.
// At most 3 characters, so common matches have length <= 6 over {a, /, +, *}.
const FREE_BOUND = 6;
const freePattern = fc.string({ unit: fc.constantFrom("a", "/", "+", "*"), maxLength: 3 });
const freeOracle = new EnumerationOracle(["a", "/", "+", "*"], FREE_BOUND, vaultRegExp);

describe("vaultPathMatches", () => {
  it.each([
    ["secret/zip-*", "secret/zip-zap/zong", true],
    ["secret/zip-*", "secret/zip-", true],
    ["secret/zip-*", "secret/zip", false],
    ["secret/data/payments/db", "secret/data/payments/db", true],
    ["secret/data/payments/db", "secret/data/payments/db/x", false],
    ["secret/+/teamb", "secret/foo/teamb", true],
    ["secret/+/teamb", "secret/foo/bar/teamb", false],
    ["secret/+/teamb", "secret/teamb", false],
    // Vault compares the `+` segment with whatever split("/") yields, including an empty segment.
    ["secret/+/teamb", "secret//teamb", true],
    ["secret/+", "secret/", true],
    ["+/sys/policies/acl", "ns1/sys/policies/acl", true],
    ["secret/+/+/db", "secret/a/b/db", true],
    ["secret/+/db*", "secret/a/db-prod/x", true],
    ["secret/+/*", "secret/a", false],
    ["secret/+/*", "secret/a/", true],
    // Only a whole segment `+` is a wildcard; only a final `*` is a glob.
    ["secret/a+b", "secret/a+b", true],
    ["secret/a+b", "secret/axb", false],
    ["secret/*/db", "secret/*/db", true],
    ["secret/*/db", "secret/x/db", false],
    // A leading slash is dropped, as Vault does for policy paths.
    ["/secret/data/x", "secret/data/x", true],
    ["*", "anything/at/all", true],
  ])("%s matches %s: %s", (pattern, path, expected) => {
    expect(vaultPathMatches(pattern, path)).toBe(expected);
  });

  it("agrees with the reference regular expression (structured patterns)", () => {
    const paths = fc.string({ unit: fc.constantFrom("a", "b", "/"), maxLength: 8 });
    fc.assert(
      fc.property(
        structuredPattern,
        paths,
        (pattern, path) =>
          vaultPathMatches(pattern, path) === vaultRegExp(pattern).test(dropLeadingSlash(path)),
      ),
      RUNS,
    );
  });

  it("agrees with the reference regular expression (free patterns)", () => {
    const paths = fc.string({ unit: fc.constantFrom("a", "/", "+", "*"), maxLength: 6 });
    fc.assert(
      fc.property(
        freePattern,
        paths,
        (pattern, path) =>
          vaultPathMatches(pattern, path) === vaultRegExp(pattern).test(dropLeadingSlash(path)),
      ),
      RUNS,
    );
  });
});

describe("vaultPathsOverlap", () => {
  it.each([
    ["secret/data/payments/*", "secret/data/payments/db", true],
    ["secret/data/payments/*", "secret/data/orders/db", false],
    ["secret/data/+/db", "secret/data/payments/*", true],
    ["secret/data/+/db", "secret/data/payments/api", false],
    ["secret/+/x", "secret/a/+", true],
    ["secret/+", "secret/a/b", false],
    ["secret/+/*", "secret/a", false],
    ["secret/*", "kv/*", false],
    ["*", "kv/data/x", true],
    ["secret/zip-*", "secret/zip/zap", false],
    ["secret/zip*", "secret/zip/zap", true],
    ["secret/a", "secret/a", true],
    ["secret/a", "secret/b", false],
  ])("%s vs %s: %s", (a, b, expected) => {
    expect(vaultPathsOverlap(a, b)).toBe(expected);
    expect(vaultPathsOverlap(b, a)).toBe(expected);
  });

  it("equals the brute-force oracle: no false negatives, no false positives (structured)", () => {
    fc.assert(
      fc.property(structuredPattern, structuredPattern, (a, b) => {
        if (singleCount(a) + singleCount(b) > STRUCTURED_BOUND)
          throw new Error("patterns exceed the enumeration bound");
        return vaultPathsOverlap(a, b) === (structuredOracle.commonMatch(a, b) !== undefined);
      }),
      RUNS,
    );
  });

  it("equals the brute-force oracle: no false negatives, no false positives (free)", () => {
    fc.assert(
      fc.property(freePattern, freePattern, (a, b) => {
        if (singleCount(a) + singleCount(b) > FREE_BOUND)
          throw new Error("patterns exceed the enumeration bound");
        return vaultPathsOverlap(a, b) === (freeOracle.commonMatch(a, b) !== undefined);
      }),
      RUNS,
    );
  });

  it("names a shortest common path, matched by both (reference regex)", () => {
    fc.assert(
      fc.property(structuredPattern, structuredPattern, (a, b) => {
        const witness = vaultPathsCommonMatch(a, b);
        const expected = structuredOracle.commonMatch(a, b);
        if (witness === undefined || expected === undefined) return witness === expected;
        return (
          vaultRegExp(a).test(witness) && vaultRegExp(b).test(witness) && witness.length === expected.length
        );
      }),
      RUNS,
    );
    expect(vaultPathsCommonMatch("secret/data/+/db", "secret/data/payments/*")).toBe(
      "secret/data/payments/db",
    );
  });

  it("is symmetric and reflexive", () => {
    fc.assert(
      fc.property(
        structuredPattern,
        freePattern,
        (a, b) => vaultPathsOverlap(a, b) === vaultPathsOverlap(b, a) && vaultPathsOverlap(a, a),
      ),
      RUNS,
    );
  });
});

describe("vault path helpers", () => {
  it.each([
    ["secret/data/+/db", "secret/data/"],
    ["secret/zip-*", "secret/zip-"],
    ["/secret/data/x", "secret/data/x"],
    ["+/sys", ""],
    ["secret/*/db", "secret/*/db"],
  ])("literal prefix of %s is %s", (pattern, prefix) => {
    expect(vaultPathLiteralPrefix(pattern)).toBe(prefix);
  });

  it("every match starts with the literal prefix", () => {
    const paths = fc.string({ unit: fc.constantFrom("a", "/", "+", "*"), maxLength: 6 });
    fc.assert(
      fc.property(
        freePattern,
        paths,
        (pattern, path) =>
          !vaultPathMatches(pattern, path) ||
          dropLeadingSlash(path).startsWith(vaultPathLiteralPrefix(pattern)),
      ),
      RUNS,
    );
  });

  it("tells literal paths from patterns", () => {
    expect(vaultPathIsLiteral("secret/data/x")).toBe(true);
    expect(vaultPathIsLiteral("secret/*/x")).toBe(true);
    expect(vaultPathIsLiteral("secret/data/*")).toBe(false);
    expect(vaultPathIsLiteral("secret/+/x")).toBe(false);
  });

  it("reports patterns Vault rejects or reads literally", () => {
    expect(vaultPathPatternProblems("secret/data/+/*")).toEqual([]);
    expect(vaultPathPatternProblems("secret/+*")).toHaveLength(1);
    expect(vaultPathPatternProblems("secret/*/db")).toHaveLength(1);
  });
});
