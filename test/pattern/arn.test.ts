import fc from "fast-check";
import {
  arnLiteralPrefix,
  arnPatternIsLiteral,
  arnPatternMatches,
  arnPatternsCommonMatch,
  arnPatternsOverlap,
  isArnPattern,
  splitArn,
} from "../../lib/pattern/arn";
import { EnumerationOracle, escapeRegExp, memoized } from "./oracle";

const RUNS = { numRuns: 10000 };

function caseInsensitiveChar(char: string): string {
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  return lower === upper ? escapeRegExp(char) : `[${lower}${upper}]`;
}

function resourceGlobRegExpBody(resource: string): string {
  return Array.from(resource)
    .map((char) => (char === "*" ? "[\\s\\S]*" : char === "?" ? "[\\s\\S]" : escapeRegExp(char)))
    .join("");
}

/** Reference: the documented model, written directly as one regular expression. */
const arnRegExp = memoized((pattern: string): RegExp => {
  if (!/^arn:/i.test(pattern)) return new RegExp(`^${resourceGlobRegExpBody(pattern)}$`, "u");
  const fields = pattern.split(":");
  const truncated = fields.length < 6;
  const head = fields.slice(0, 5).map((field, index, all) => {
    const crossing = truncated && index === all.length - 1 && field.endsWith("*");
    const body = crossing ? field.slice(0, -1) : field;
    const translated = Array.from(body)
      .map((char) => (char === "*" ? "[^:]*" : char === "?" ? "[^:]" : caseInsensitiveChar(char)))
      .join("");
    return translated + (crossing ? "[\\s\\S]*" : "");
  });
  const resource = truncated ? "" : `:${resourceGlobRegExpBody(fields.slice(5).join(":"))}`;
  return new RegExp(`^${head.join(":")}${resource}$`, "u");
});

function singleCount(pattern: string): number {
  return Array.from(pattern).filter((char) => char !== "*").length;
}

// Field-wise oracle for full six-field patterns: ARN patterns overlap exactly when every one of the
// first five fields overlaps (case-insensitively, within the field: strings without `:`) and the
// resource globs overlap. Each field is decided by brute force: head fields have at most 2
// characters over {a, A, b, *, ?} (bound 4 over {a, A, b}); resources at most 3 characters over
// {a, :, /, *, ?} (bound 6 over {a, :, /}).
const FIELD_BOUND = 4;
const RESOURCE_BOUND = 6;
const headField = fc.string({ unit: fc.constantFrom("a", "A", "b", "*", "?"), maxLength: 2 });
const resourceField = fc.string({ unit: fc.constantFrom("a", ":", "/", "*", "?"), maxLength: 3 });
const fullArnPattern = fc
  .tuple(headField, headField, headField, headField, resourceField)
  .map(([partition, service, region, account, resource]) =>
    ["arn", partition, service, region, account, resource].join(":"),
  );
const headOracle = new EnumerationOracle(
  ["a", "A", "b"],
  FIELD_BOUND,
  (field) =>
    new RegExp(
      `^${Array.from(field)
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c))
        .join("")}$`,
      "i",
    ),
);
const resourceOracle = new EnumerationOracle(
  ["a", ":", "/"],
  RESOURCE_BOUND,
  (resource) => new RegExp(`^${resourceGlobRegExpBody(resource)}$`, "u"),
);

function fieldWiseOverlap(a: string, b: string): boolean {
  const fieldsA = a.split(":");
  const fieldsB = b.split(":");
  // Field 0 is `arn` on both sides.
  for (let index = 1; index < 5; index++) {
    if (singleCount(fieldsA[index]) + singleCount(fieldsB[index]) > FIELD_BOUND) throw new Error("bound");
    if (headOracle.commonMatch(fieldsA[index], fieldsB[index]) === undefined) return false;
  }
  const resourceA = fieldsA.slice(5).join(":");
  const resourceB = fieldsB.slice(5).join(":");
  if (singleCount(resourceA) + singleCount(resourceB) > RESOURCE_BOUND) throw new Error("bound");
  return resourceOracle.commonMatch(resourceA, resourceB) !== undefined;
}

// Any shape: full, truncated, non-ARN; concrete values built from the same pieces.
const anyResourcePattern = fc.oneof(
  fullArnPattern,
  fc
    .array(headField, { minLength: 0, maxLength: 3 })
    .map((fields) => ["arn", ...fields].join(":"))
    .chain((stem) => fc.constantFrom(stem, `${stem}*`, `${stem}:*`)),
  fc.constantFrom("*", "arn*", "a?n:*", "ARN:aa:*", "not-an-arn", "${aws:username}"),
);
const concreteArn = fc
  .tuple(
    fc.constantFrom("arn", "ARN", "Arn", "arm"),
    fc.array(fc.string({ unit: fc.constantFrom("a", "A", "b", ":"), maxLength: 3 }), { maxLength: 6 }),
  )
  .map(([head, rest]) => [head, ...rest].join(":"));

describe("arnPatternMatches", () => {
  it.each([
    ["*", "arn:aws:s3:::bucket/key", true],
    ["arn:aws:s3:::acme-artifacts/api/*", "arn:aws:s3:::acme-artifacts/api/build/1.zip", true],
    ["arn:aws:s3:::acme-artifacts/api/*", "arn:aws:s3:::acme-artifacts/web/1.zip", false],
    [
      "arn:aws:secretsmanager:*:111122223333:secret:db-*",
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbC",
      true,
    ],
    [
      "arn:aws:secretsmanager:*:111122223333:secret:db-*",
      "arn:aws:secretsmanager:eu-west-1:444455556666:secret:db-AbC",
      false,
    ],
    // A wildcard inside one of the first five fields does not cross `:`.
    ["arn:aws:ssm:*:parameter/app", "arn:aws:ssm:eu-west-1:111122223333:parameter/app", false],
    [
      "arn:aws:ssm:us-east-?:111122223333:parameter/app",
      "arn:aws:ssm:us-east-1:111122223333:parameter/app",
      true,
    ],
    // The resource part may contain `:` and `/`; its `*` spans both.
    [
      "arn:aws:ssm:us-east-1:111122223333:parameter/*",
      "arn:aws:ssm:us-east-1:111122223333:parameter/a:b/c",
      true,
    ],
    // A truncated pattern ending in `*` covers the rest (AWS: "can expand beyond colon boundaries").
    ["arn:aws:s3:*", "arn:aws:s3:::bucket/key", true],
    ["arn:aws:s3:*", "arn:aws:sqs:us-east-1:111122223333:q", false],
    // The first fields ignore case; the resource part does not.
    ["arn:AWS:S3:::bucket/*", "arn:aws:s3:::bucket/key", true],
    ["arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/key", false],
    // Non-ARN strings are plain globs over the whole string.
    ["not-an-arn", "not-an-arn", true],
    ["not-an-arn", "arn:aws:s3:::not-an-arn", false],
  ])("%s matches %s: %s", (pattern, arn, expected) => {
    expect(arnPatternMatches(pattern, arn)).toBe(expected);
  });

  it("agrees with the reference regular expression for every shape", () => {
    fc.assert(
      fc.property(
        anyResourcePattern,
        concreteArn,
        (pattern, arn) => arnPatternMatches(pattern, arn) === arnRegExp(pattern).test(arn),
      ),
      RUNS,
    );
  });
});

describe("arnPatternsOverlap", () => {
  it.each([
    ["*", "arn:aws:s3:::bucket", true],
    [
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:payments/*",
      "arn:aws:secretsmanager:*:111122223333:secret:payments/db-*",
      true,
    ],
    [
      "arn:aws:secretsmanager:*:111122223333:secret:payments/*",
      "arn:aws:secretsmanager:*:444455556666:secret:payments/*",
      false,
    ],
    // Without field boundaries, the region `*` of the first could absorb "us-east-1:222:secret:x".
    ["arn:aws:secretsmanager:*:111:secret:a", "arn:aws:secretsmanager:us-east-1:222:secret:*", false],
    ["arn:aws:s3:::bucket-a/*", "arn:aws:s3:::bucket-b/*", false],
    ["arn:aws:s3:::bucket-*", "arn:aws:s3:::bucket-b/key", true],
    ["arn:aws:ssm:*", "arn:aws:ssm:eu-west-1:111122223333:parameter/x", true],
    ["arn:aws:kms:*:*:key/*", "arn:aws:kms:eu-west-1:111122223333:alias/x", false],
    ["arn:aws:KMS:*:*:key/*", "arn:aws:kms:eu-west-1:111122223333:key/x", true],
  ])("%s vs %s: %s", (a, b, expected) => {
    expect(arnPatternsOverlap(a, b)).toBe(expected);
    expect(arnPatternsOverlap(b, a)).toBe(expected);
  });

  it("equals the field-wise brute-force oracle for six-field patterns", () => {
    fc.assert(
      fc.property(
        fullArnPattern,
        fullArnPattern,
        (a, b) => arnPatternsOverlap(a, b) === fieldWiseOverlap(a, b),
      ),
      RUNS,
    );
  });

  it("names a common ARN matched by both (reference regex), for every shape", () => {
    fc.assert(
      fc.property(anyResourcePattern, anyResourcePattern, (a, b) => {
        const witness = arnPatternsCommonMatch(a, b);
        if (witness === undefined) return !arnPatternsOverlap(a, b);
        return arnRegExp(a).test(witness) && arnRegExp(b).test(witness);
      }),
      RUNS,
    );
  });

  it("never misses an ARN matched by both, for every shape", () => {
    fc.assert(
      fc.property(
        anyResourcePattern,
        anyResourcePattern,
        concreteArn,
        (a, b, arn) => !(arnRegExp(a).test(arn) && arnRegExp(b).test(arn)) || arnPatternsOverlap(a, b),
      ),
      RUNS,
    );
  });

  it("is symmetric and reflexive", () => {
    fc.assert(
      fc.property(
        anyResourcePattern,
        anyResourcePattern,
        (a, b) => arnPatternsOverlap(a, b) === arnPatternsOverlap(b, a) && arnPatternsOverlap(a, a),
      ),
      RUNS,
    );
  });
});

describe("arn helpers", () => {
  it("splits full ARNs and rejects other strings", () => {
    expect(splitArn("arn:aws:ssm:eu-west-1:111122223333:parameter/a:b")).toEqual({
      partition: "aws",
      service: "ssm",
      region: "eu-west-1",
      account: "111122223333",
      resource: "parameter/a:b",
    });
    expect(splitArn("arn:aws:s3:*")).toBeUndefined();
    expect(splitArn("*")).toBeUndefined();
    expect(isArnPattern("ARN:aws:s3:::x")).toBe(true);
    expect(isArnPattern("*")).toBe(false);
  });

  it("gives a lower-cased literal prefix and detects literal patterns", () => {
    expect(arnLiteralPrefix("arn:AWS:s3:::Bucket/*")).toBe("arn:aws:s3:::bucket/");
    expect(arnLiteralPrefix("*")).toBe("");
    expect(arnPatternIsLiteral("arn:aws:s3:::bucket")).toBe(true);
    expect(arnPatternIsLiteral("arn:aws:s3:::bucket/*")).toBe(false);
  });
});
