import fc from "fast-check";
import { arnPatternsOverlap } from "../../lib/pattern/arn";
import { globsOverlap, globsOverlapIgnoreCase } from "../../lib/pattern/glob";
import { PrefixIndex } from "../../lib/pattern/prefix-index";

const RUNS = { numRuns: 10000 };

/** Soundness: every stored pattern that truly overlaps the query is among the candidates. */
function soundnessProperty(
  patterns: fc.Arbitrary<string>,
  newIndex: () => PrefixIndex<number>,
  overlap: (a: string, b: string) => boolean,
): fc.IPropertyWithHooks<[string[], string]> {
  return fc.property(fc.array(patterns, { maxLength: 12 }), patterns, (stored, query) => {
    const index = newIndex();
    stored.forEach((pattern, position) => index.insert(pattern, position));
    const candidates = new Set(index.candidates(query));
    return stored.every((pattern, position) => !overlap(query, pattern) || candidates.has(position));
  });
}

const globPattern = fc.string({ unit: fc.constantFrom("a", "b", "A", "*", "?"), maxLength: 6 });
const arnPattern = fc.oneof(
  fc
    .array(fc.string({ unit: fc.constantFrom("a", "A", "*", "?", "/"), maxLength: 2 }), {
      minLength: 0,
      maxLength: 6,
    })
    .map((fields) => ["arn", ...fields].join(":")),
  fc.constantFrom("*", "arn:*", "ARN:a:*", "a*", "Arn:A:a:a:a:a"),
);

describe("PrefixIndex", () => {
  it("reports each item once even when indexed under several patterns", () => {
    const index = PrefixIndex.forGlobs<string>();
    index.insert("repo:org/api:*", "api");
    index.insert("repo:org/api:ref:*", "api");
    expect(index.candidates("repo:org/api:ref:refs/heads/main")).toEqual(["api"]);
    expect(index.candidateEntries("repo:org/api:ref:refs/heads/main").map((entry) => entry.pattern)).toEqual([
      "repo:org/api:*",
      "repo:org/api:ref:*",
    ]);
  });

  it("compares ARN prefixes without case in the first fields", () => {
    const index = PrefixIndex.forArns<string>();
    index.insert("ARN:AWS:secretsmanager:*", "upper");
    index.insert("arn:aws:s3:::bucket/*", "s3");
    expect(index.candidates("arn:aws:secretsmanager:eu-west-1:1:secret:x")).toEqual(["upper"]);
  });

  it("never misses an overlapping glob", () => {
    fc.assert(
      soundnessProperty(globPattern, () => PrefixIndex.forGlobs<number>(), globsOverlap),
      RUNS,
    );
  });

  it("never misses an overlapping case-insensitive glob", () => {
    fc.assert(
      soundnessProperty(globPattern, () => PrefixIndex.forGlobsIgnoreCase<number>(), globsOverlapIgnoreCase),
      RUNS,
    );
  });

  it("never misses an overlapping ARN pattern", () => {
    fc.assert(
      soundnessProperty(arnPattern, () => PrefixIndex.forArns<number>(), arnPatternsOverlap),
      RUNS,
    );
  });
});
