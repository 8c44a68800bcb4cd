import fc from "fast-check";
import {
  anyValue,
  commonAudiences,
  conditionValues,
  conditionValuesAccept,
  conditionValuesOverlap,
  overlappingConditionValues,
  parseConditionOperator,
  type AcceptedValues,
  type StringMatchOperator,
} from "../../lib/pattern/condition-values";
import { EnumerationOracle, escapeRegExp } from "./oracle";

const RUNS = { numRuns: 10000 };
const SEPARATOR = "\u0000";

/** Reference acceptance of one written value under an operator, as a regular expression. */
function valueRegExp(operator: StringMatchOperator, value: string): RegExp {
  const chars = Array.from(value);
  const wildcard = (char: string): string | undefined => {
    if (operator === "StringLike" && char === "*") return "[\\s\\S]*";
    if (operator === "StringLike" && char === "?") return "[\\s\\S]";
    if (operator === "VaultClaimGlob" && char === "*") return "[\\s\\S]*";
    return undefined;
  };
  const body = chars.map((char) => wildcard(char) ?? escapeRegExp(char)).join("");
  return new RegExp(`^${body}$`, operator === "StringEqualsIgnoreCase" ? "iu" : "u");
}

// Values of up to 3 characters over {a, A, *, ?}: a common accepted string, if any, has length <= 6
// over the same letters (under StringEquals every character is a single; under the globs only
// `*` is not).
const BOUND = 6;
const oracle = new EnumerationOracle(["a", "A", "*", "?"], BOUND, (key) => {
  const [operator, value] = key.split(SEPARATOR);
  return valueRegExp(operator as StringMatchOperator, value);
});

const operator = fc.constantFrom<StringMatchOperator>(
  "StringEquals",
  "StringEqualsIgnoreCase",
  "StringLike",
  "VaultClaimGlob",
);
const value = fc.string({ unit: fc.constantFrom("a", "A", "*", "?"), maxLength: 3 });
const accepted: fc.Arbitrary<AcceptedValues> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(anyValue) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(operator, fc.array(value, { minLength: 0, maxLength: 3 }))
      .map(([op, values]) => conditionValues(op, values)),
  },
);

function oracleOverlap(a: AcceptedValues, b: AcceptedValues): boolean {
  if (a.operator === "Any" || b.operator === "Any") {
    const other = a.operator === "Any" ? b : a;
    return other.operator === "Any" || other.values.length > 0;
  }
  return a.values.some((valueA) =>
    b.values.some(
      (valueB) =>
        oracle.commonMatch(`${a.operator}${SEPARATOR}${valueA}`, `${b.operator}${SEPARATOR}${valueB}`) !==
        undefined,
    ),
  );
}

describe("conditionValuesAccept", () => {
  it("treats `*` and `?` literally under StringEquals, as IAM does", () => {
    const equals = conditionValues("StringEquals", ["repo:org/*"]);
    expect(conditionValuesAccept(equals, "repo:org/*")).toBe(true);
    expect(conditionValuesAccept(equals, "repo:org/api:ref:refs/heads/main")).toBe(false);
    const like = conditionValues("StringLike", ["repo:org/*"]);
    expect(conditionValuesAccept(like, "repo:org/api:ref:refs/heads/main")).toBe(true);
  });

  it("treats `?` literally in Vault claim globs", () => {
    const glob = conditionValues("VaultClaimGlob", ["repo:org/?*"]);
    expect(conditionValuesAccept(glob, "repo:org/?x")).toBe(true);
    expect(conditionValuesAccept(glob, "repo:org/xx")).toBe(false);
  });

  it("accepts anything without a condition, and nothing with an empty value list", () => {
    expect(conditionValuesAccept(anyValue, "whatever")).toBe(true);
    expect(conditionValuesAccept(conditionValues("StringLike", []), "whatever")).toBe(false);
  });

  it("agrees with the reference regular expressions", () => {
    const claim = fc.string({ unit: fc.constantFrom("a", "A", "*", "?"), maxLength: 4 });
    fc.assert(
      fc.property(accepted, claim, (set, text) => {
        const expected =
          set.operator === "Any" ||
          set.values.some((written) => valueRegExp(set.operator, written).test(text));
        return conditionValuesAccept(set, text) === expected;
      }),
      RUNS,
    );
  });
});

describe("conditionValuesOverlap", () => {
  it.each<[AcceptedValues, AcceptedValues, boolean]>([
    [
      conditionValues("StringLike", ["repo:org/*"]),
      conditionValues("StringEquals", ["repo:org/api:ref:refs/heads/main"]),
      true,
    ],
    [
      conditionValues("StringEquals", ["repo:org/*"]),
      conditionValues("StringEquals", ["repo:org/api:ref:refs/heads/main"]),
      false,
    ],
    [
      conditionValues("StringEquals", ["repo:org/*"]),
      conditionValues("StringLike", ["repo:org/api*"]),
      false,
    ],
    [conditionValues("StringEquals", ["repo:org/*"]), conditionValues("StringLike", ["repo:org/?"]), true],
    [conditionValues("StringEquals", ["a", "b"]), conditionValues("StringEquals", ["c", "b"]), true],
    [
      conditionValues("StringEqualsIgnoreCase", ["Repo:Org/API"]),
      conditionValues("StringEquals", ["repo:org/api"]),
      true,
    ],
    [anyValue, conditionValues("StringEquals", ["x"]), true],
    [anyValue, conditionValues("StringEquals", []), false],
    [anyValue, anyValue, true],
  ])("%j vs %j: %s", (a, b, expected) => {
    expect(conditionValuesOverlap(a, b)).toBe(expected);
    expect(conditionValuesOverlap(b, a)).toBe(expected);
  });

  it("equals the brute-force oracle: no false negatives, no false positives", () => {
    fc.assert(
      fc.property(accepted, accepted, (a, b) => conditionValuesOverlap(a, b) === oracleOverlap(a, b)),
      RUNS,
    );
  });

  it("is symmetric, and the overlapping pairs explain the verdict", () => {
    fc.assert(
      fc.property(accepted, accepted, (a, b) => {
        const verdict = conditionValuesOverlap(a, b);
        const pairs = overlappingConditionValues(a, b);
        return verdict === conditionValuesOverlap(b, a) && verdict === pairs.length > 0;
      }),
      RUNS,
    );
  });

  it("names the overlapping written values", () => {
    const a = conditionValues("StringLike", ["repo:org/*", "repo:other/x"]);
    const b = conditionValues("StringEquals", ["repo:org/api:ref:refs/heads/main", "repo:third/y"]);
    expect(overlappingConditionValues(a, b)).toEqual([
      { a: "repo:org/*", b: "repo:org/api:ref:refs/heads/main" },
    ]);
    expect(overlappingConditionValues(anyValue, b)).toEqual([
      { a: undefined, b: "repo:org/api:ref:refs/heads/main" },
      { a: undefined, b: "repo:third/y" },
    ]);
  });
});

describe("audiences and operators", () => {
  it("intersects audiences exactly, in order, without duplicates", () => {
    expect(
      commonAudiences(["sts.amazonaws.com", "vault", "sts.amazonaws.com"], ["vault", "sts.amazonaws.com"]),
    ).toEqual(["sts.amazonaws.com", "vault"]);
    expect(commonAudiences(["sts.amazonaws.com"], ["STS.amazonaws.com"])).toEqual([]);
  });

  it.each([
    ["StringEquals", { operator: "StringEquals", ifExists: false }],
    ["StringLike", { operator: "StringLike", ifExists: false }],
    ["ForAnyValue:StringLike", { operator: "StringLike", setQualifier: "ForAnyValue", ifExists: false }],
    ["StringEqualsIfExists", { operator: "StringEquals", ifExists: true }],
    ["StringNotEquals", undefined],
    ["StringNotLike", undefined],
    ["ArnLike", undefined],
  ])("parses %s", (text, expected) => {
    expect(parseConditionOperator(text)).toEqual(expected);
  });
});
