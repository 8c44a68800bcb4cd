import fc from "fast-check";
import { arnPatternsConstrainedMatch } from "../../lib/pattern/arn";
import { globTokens } from "../../lib/pattern/glob";
import { UNDECIDED, constrainedCommonMatch } from "../../lib/pattern/pattern-automaton";
import { EnumerationOracle, escapeRegExp, memoized } from "./oracle";

const RUNS = { numRuns: 10000 };

const globRegExp = memoized(
  (pattern: string) =>
    new RegExp(
      `^${Array.from(pattern)
        .map((char) => (char === "*" ? "[\\s\\S]*" : char === "?" ? "[\\s\\S]" : escapeRegExp(char)))
        .join("")}$`,
      "u",
    ),
);

// Every string of length <= 7 over {a, b, z}: `z` stands for every character no pattern names.
const BOUND = 7;
const oracle = new EnumerationOracle(["a", "b", "z"], BOUND, globRegExp);
const pattern = fc.string({ unit: fc.constantFrom("a", "b", "*", "?"), maxLength: 4 });
const groups = fc.array(fc.array(pattern, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 });
const exclusions = fc.array(pattern, { maxLength: 2 });

function satisfies(value: string, required: string[][], excluded: string[]): boolean {
  return (
    required.every((group) => group.some((p) => globRegExp(p).test(value))) &&
    !excluded.some((p) => globRegExp(p).test(value))
  );
}

/** The first enumerated string in every required group and in no excluded pattern. */
function oracleWitness(required: string[][], excluded: string[]): string | undefined {
  const bits = (p: string) => oracle.membership(p);
  for (let index = 0; index < oracle.universe.length; index++) {
    if (
      required.every((group) => group.some((p) => bits(p)[index] === 1)) &&
      !excluded.some((p) => bits(p)[index] === 1)
    )
      return oracle.universe[index];
  }
  return undefined;
}

describe("constrained common match (Allow ∩ Allow minus Deny)", () => {
  test("agrees with brute-force enumeration on both sides: a witness is real, and none is missed", () => {
    fc.assert(
      fc.property(groups, exclusions, (required, excluded) => {
        const found = constrainedCommonMatch(
          required.map((group) => group.map((p) => globTokens(p))),
          excluded.map((p) => globTokens(p)),
        );
        expect(found).not.toBe(UNDECIDED);
        const expected = oracleWitness(required, excluded);
        if (typeof found === "string") {
          expect(satisfies(found, required, excluded)).toBe(true);
          // Breadth-first: never longer than the oracle's shortest-first witness.
          if (expected !== undefined) expect(Array.from(found).length).toBeLessThanOrEqual(expected.length);
        } else {
          expect(expected).toBeUndefined();
        }
      }),
      RUNS,
    );
  });

  test("case-insensitive literals meet every character that folds to them (Kelvin sign for k)", () => {
    const kelvin = "\u212a";
    const found = constrainedCommonMatch([[globTokens("k", true)]], [globTokens("k"), globTokens("K")]);
    expect(found).toBe(kelvin);
  });

  test("ARN wrapper: a Deny on the prefix removes the overlap; a narrower Deny leaves a witness", () => {
    const secret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:";
    expect(arnPatternsConstrainedMatch([[`${secret}app/*`], ["*"]], [`${secret}app/*`])).toBeUndefined();
    const witness = arnPatternsConstrainedMatch([[`${secret}app/*`], ["*"]], [`${secret}app/db*`]);
    expect(typeof witness).toBe("string");
    expect(witness as string).toMatch(/^arn:aws:secretsmanager:us-east-1:111122223333:secret:app\//);
    expect(witness as string).not.toMatch(/secret:app\/db/);
  });
});
