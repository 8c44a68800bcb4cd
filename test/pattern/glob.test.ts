import fc from "fast-check";
import {
  globHasWildcard,
  globIsLiteral,
  globLiteralPrefix,
  globMatches,
  globMatchesIgnoreCase,
  globsCommonMatch,
  globsOverlap,
  globsOverlapIgnoreCase,
  hasIamPolicyVariable,
  widenPolicyVariables,
} from "../../lib/pattern/glob";
import { EnumerationOracle, escapeRegExp, memoized } from "./oracle";

const RUNS = { numRuns: 10000 };

/** Reference translation of IAM StringLike into a JavaScript regular expression. */
function translateGlob(pattern: string, ignoreCase: boolean): RegExp {
  const body = Array.from(pattern)
    .map((char) => (char === "*" ? "[\\s\\S]*" : char === "?" ? "[\\s\\S]" : escapeRegExp(char)))
    .join("");
  return new RegExp(`^${body}$`, ignoreCase ? "iu" : "u");
}
const caseSensitiveRegExp = memoized((pattern: string) => translateGlob(pattern, false));
const ignoreCaseRegExp = memoized((pattern: string) => translateGlob(pattern, true));

function globRegExp(pattern: string, ignoreCase = false): RegExp {
  return ignoreCase ? ignoreCaseRegExp(pattern) : caseSensitiveRegExp(pattern);
}

function singleCount(pattern: string): number {
  return Array.from(pattern).filter((char) => char !== "*").length;
}

// Patterns of up to 5 characters over {a, b, *, ?}: a common match has length <= 10 over {a, b}.
const BOUND = 10;
const pattern = fc.string({ unit: fc.constantFrom("a", "b", "*", "?"), maxLength: 5 });
const oracle = new EnumerationOracle(["a", "b"], BOUND, (p) => globRegExp(p));

// Case-insensitive: up to 4 characters over {a, A, b, *, ?}; bound 8 over {a, A, b}.
const CASE_BOUND = 8;
const casePattern = fc.string({ unit: fc.constantFrom("a", "A", "b", "*", "?"), maxLength: 4 });
const caseOracle = new EnumerationOracle(["a", "A", "b"], CASE_BOUND, (p) => globRegExp(p, true));

describe("globMatches", () => {
  it.each([
    ["repo:org/*", "repo:org/api:ref:refs/heads/main", true],
    ["repo:org/*", "repo:other/api", false],
    ["s3:Get*", "s3:GetObject", true],
    ["s3:Get*", "s3:getobject", false],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["*", "", true],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "aXcYb", false],
    // Multi-unit characters count as one for `?`.
    ["?", "😀", true],
  ])("%s matches %s: %s", (p, value, expected) => {
    expect(globMatches(p, value)).toBe(expected);
  });

  it("agrees with the reference regular expression", () => {
    const values = fc.string({ unit: fc.constantFrom("a", "b", "*", "?"), maxLength: 8 });
    fc.assert(
      fc.property(pattern, values, (p, value) => globMatches(p, value) === globRegExp(p).test(value)),
      RUNS,
    );
  });

  it("ignoring case agrees with the case-insensitive reference", () => {
    const values = fc.string({ unit: fc.constantFrom("a", "A", "b", "B"), maxLength: 6 });
    fc.assert(
      fc.property(
        casePattern,
        values,
        (p, value) => globMatchesIgnoreCase(p, value) === globRegExp(p, true).test(value),
      ),
      RUNS,
    );
  });

  it("ignores case for IAM action names", () => {
    expect(globMatchesIgnoreCase("s3:Get*", "S3:getobject")).toBe(true);
    expect(globMatchesIgnoreCase("iam:PassRole", "IAM:passrole")).toBe(true);
    expect(globMatchesIgnoreCase("iam:PassRole", "iam:PassRoles")).toBe(false);
  });
});

describe("globsOverlap", () => {
  it.each([
    ["repo:org/*", "repo:org/api:ref:refs/heads/main", true],
    ["repo:org/*", "repo:*:ref:refs/heads/main", true],
    ["repo:org/a*", "repo:org/b*", false],
    ["*a", "b*", true],
    ["a*", "*b", true],
    ["a*b", "c*", false],
    ["a?", "?b", true],
    ["a?", "abc", false],
    ["*", "", true],
    ["?", "", false],
    ["a*a*a", "*b*", true],
    ["a*", "b*", false],
  ])("%s vs %s: %s", (a, b, expected) => {
    expect(globsOverlap(a, b)).toBe(expected);
    expect(globsOverlap(b, a)).toBe(expected);
  });

  it("equals the brute-force oracle: no false negatives, no false positives", () => {
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        if (singleCount(a) + singleCount(b) > BOUND) throw new Error("patterns exceed the enumeration bound");
        return globsOverlap(a, b) === (oracle.commonMatch(a, b) !== undefined);
      }),
      RUNS,
    );
  });

  it("ignoring case equals the case-insensitive brute-force oracle", () => {
    fc.assert(
      fc.property(casePattern, casePattern, (a, b) => {
        if (singleCount(a) + singleCount(b) > CASE_BOUND) throw new Error("patterns exceed the bound");
        return globsOverlapIgnoreCase(a, b) === (caseOracle.commonMatch(a, b) !== undefined);
      }),
      RUNS,
    );
  });

  it("names a shortest common match, matched by both (reference regex)", () => {
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const witness = globsCommonMatch(a, b);
        const expected = oracle.commonMatch(a, b);
        if (witness === undefined || expected === undefined) return witness === expected;
        return (
          globRegExp(a).test(witness) && globRegExp(b).test(witness) && witness.length === expected.length
        );
      }),
      RUNS,
    );
    expect(globsCommonMatch("repo:org/*", "repo:*:ref:refs/heads/main")).toBe(
      "repo:org/:ref:refs/heads/main",
    );
  });

  it("is symmetric and reflexive", () => {
    fc.assert(
      fc.property(
        pattern,
        pattern,
        (a, b) => globsOverlap(a, b) === globsOverlap(b, a) && globsOverlap(a, a),
      ),
      RUNS,
    );
  });

  it("handles long patterns without blowing up (quadratic product)", () => {
    const many = "a*".repeat(300);
    expect(globsOverlap(many + "b", "*c")).toBe(false);
    expect(globsOverlap(many + "b", "*b")).toBe(true);
  });
});

describe("glob helpers", () => {
  it.each([
    ["repo:org/api:*", "repo:org/api:"],
    ["s3:Get?bject", "s3:Get"],
    ["*", ""],
    ["literal", "literal"],
  ])("literal prefix of %s is %s", (p, prefix) => {
    expect(globLiteralPrefix(p)).toBe(prefix);
  });

  it("lower-cases the literal prefix when ignoring case", () => {
    expect(globLiteralPrefix("S3:Get*", true)).toBe("s3:get");
  });

  it("every match starts with the literal prefix", () => {
    const values = fc.string({ unit: fc.constantFrom("a", "b"), maxLength: 6 });
    fc.assert(
      fc.property(
        pattern,
        values,
        (p, value) => !globMatches(p, value) || value.startsWith(globLiteralPrefix(p)),
      ),
      RUNS,
    );
  });

  it("classifies wildcards and policy variables", () => {
    expect(globHasWildcard("a?")).toBe(true);
    expect(globHasWildcard("abc")).toBe(false);
    expect(globIsLiteral("abc")).toBe(true);
    expect(globIsLiteral("ab*")).toBe(false);
    expect(hasIamPolicyVariable("arn:aws:s3:::bucket/${aws:username}/*")).toBe(true);
    expect(hasIamPolicyVariable("arn:aws:s3:::bucket/$x")).toBe(false);
  });

  it("widens policy variables so overlap is never hidden", () => {
    const withVariable = "bucket/${aws:username}/*";
    expect(globsOverlap(withVariable, "bucket/alice/*")).toBe(false);
    expect(widenPolicyVariables(withVariable)).toBe("bucket/*/*");
    expect(globsOverlap(widenPolicyVariables(withVariable), "bucket/alice/*")).toBe(true);
    expect(widenPolicyVariables("a${*}b${?}")).toBe("a*b*");
  });
});
