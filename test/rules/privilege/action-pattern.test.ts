import fc from "fast-check";
import { globMatchesIgnoreCase } from "../../../lib/pattern/glob";
import { ActionList, actionPatternMatches, allowsAction } from "../../../lib/analysis/statement-actions";
import type { PolicyStatement } from "../../../lib/model/iam-policy";

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

describe("ActionList", () => {
  const ACTIONS = ["iam:PassRole", "sts:AssumeRole", "s3:GetObject", "kms:Decrypt"];
  const list = new ActionList(ACTIONS);

  function statement(effect: "Allow" | "Deny", actions: string[], notActions: string[]): PolicyStatement {
    return {
      effect,
      actions,
      notActions,
      resources: ["*"],
      notResources: [],
      principals: [],
      notPrincipals: [],
      conditions: [],
    };
  }

  test("the allowed mask names exactly the actions allowsAction grants, for Action and NotAction", () => {
    const pattern = fc.constantFrom(
      "*",
      "iam:*",
      "IAM:passrole",
      "sts:Assume*",
      "s3:Get?bject",
      "kms:*",
      "ec2:*",
      "${x}",
    );
    fc.assert(
      fc.property(
        fc.constantFrom<"Allow" | "Deny">("Allow", "Deny"),
        fc.array(pattern, { maxLength: 3 }),
        fc.array(pattern, { maxLength: 2 }),
        (effect, actions, notActions) => {
          const s = statement(effect, actions, notActions);
          const expected = ACTIONS.filter((action) => allowsAction(s, action));
          expect(list.actionsOf(list.allowedMask(s))).toEqual(expected);
          // Asked twice (the second answer comes from the per-pattern memo): the same.
          expect(list.actionsOf(list.allowedMask(s))).toEqual(expected);
        },
      ),
      { numRuns: 500, seed: 11 },
    );
  });

  test("examples", () => {
    expect(list.actionsOf(list.patternMask("*"))).toEqual(ACTIONS);
    expect(list.actionsOf(list.patternMask("sts:assume*"))).toEqual(["sts:AssumeRole"]);
    expect(list.allowedMask(statement("Allow", [], ["iam:*", "s3:*"]))).toBe(
      list.patternMask("sts:AssumeRole") | list.patternMask("kms:Decrypt"),
    );
    expect(list.allowedMask(statement("Deny", ["*"], []))).toBe(0);
  });

  test("holds at most 31 actions", () => {
    expect(() => new ActionList(Array.from({ length: 32 }, (_, i) => `s3:A${i}`))).toThrow();
  });
});
