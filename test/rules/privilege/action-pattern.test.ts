import fc from "fast-check";
import { globMatchesIgnoreCase } from "../../../lib/pattern/glob";
import { actionPatternMatches } from "../../../lib/analysis/statement-actions";

describe("actionPatternMatches", () => {
  test("agrees with the pattern algebra's case-insensitive glob", () => {
    const chars = fc.constantFrom("a", "B", "s", "3", ":", "*", "?", ".", "-", "/", "(", "[", "\\", "$");
    const text = fc.array(chars, { maxLength: 8 }).map((c) => c.join(""));
    const plain = fc
      .array(fc.constantFrom("a", "b", "S", "3", ":", ".", "-", "/", "(", "["), { maxLength: 8 })
      .map((c) => c.join(""));
    fc.assert(
      fc.property(text, plain, (pattern, action) => {
        expect(actionPatternMatches(pattern, action)).toBe(globMatchesIgnoreCase(pattern, action));
      }),
      { numRuns: 2000, seed: 504 },
    );
  });

  test("examples", () => {
    expect(actionPatternMatches("iam:Attach*Policy", "iam:attachrolepolicy")).toBe(true);
    expect(actionPatternMatches("S3:GET?BJECT", "s3:GetObject")).toBe(true);
    expect(actionPatternMatches("s3:Get*", "s3:PutObject")).toBe(false);
    expect(actionPatternMatches("${var.x}", "${var.x}")).toBe(false);
  });

  test("a 4,000-character pattern with a thousand wildcards is matched without a giant regular expression", () => {
    const pattern = `s3:${"Get*".repeat(1000)}`;
    expect(actionPatternMatches(pattern, `s3:${"Get".repeat(1000)}Object`)).toBe(true);
    expect(actionPatternMatches(pattern, `s3:${"Get".repeat(999)}`)).toBe(false);
    expect(actionPatternMatches(`s3:${"*a".repeat(60)}`, `s3:${"a".repeat(59)}b`)).toBe(false);
  });
});
