import { WI206_ANY_PRINCIPAL as rule } from "../../../lib/rules/trust/wi206-any-principal";
import { awsRole, doc, graph, identity, statement } from "../../support/graph-builder";
import { flaggedWithSeverity, run } from "./rule-test-helpers";

function roleWith(name: string, ...statements: Parameters<typeof doc>) {
  return identity(`aws_iam_role.${name}`, {
    kind: "other",
    awsRoles: [awsRole(`aws_iam_role.${name}`, { trust: doc(...statements) })],
  });
}

describe("WI206 trust principal allows any account", () => {
  it("Compliance: named accounts, `*` narrowed by aws:PrincipalOrgID, Deny statements", () => {
    const g = graph({
      identities: [
        roleWith(
          "account",
          statement({
            actions: ["sts:AssumeRole"],
            principals: [{ type: "AWS", values: ["arn:aws:iam::111122223333:root"] }],
          }),
        ),
        roleWith(
          "org",
          statement({
            actions: ["sts:AssumeRole"],
            principals: [{ type: "AWS", values: ["*"] }],
            conditions: [{ operator: "StringEquals", key: "aws:PrincipalOrgID", values: ["o-abc123"] }],
          }),
        ),
        roleWith(
          "deny",
          statement({
            effect: "Deny",
            actions: ["sts:AssumeRole"],
            principals: [{ type: "*", values: ["*"] }],
          }),
        ),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it('Noncompliance 1: Principal "*", AWS "*", and `*` under a condition that does not narrow the principal', () => {
    const g = graph({
      identities: [
        roleWith(
          "star",
          statement({ actions: ["sts:AssumeRole"], principals: [{ type: "*", values: ["*"] }] }),
        ),
        roleWith("aws-star", statement({ actions: ["sts:*"], principals: [{ type: "AWS", values: ["*"] }] })),
        roleWith(
          "not-narrowing",
          statement({
            actions: ["sts:AssumeRole"],
            principals: [{ type: "AWS", values: ["*"] }],
            conditions: [
              { operator: "StringEqualsIfExists", key: "aws:PrincipalOrgID", values: ["o-abc123"] },
            ],
          }),
        ),
      ],
    });
    expect(flaggedWithSeverity(run(rule, g), rule)).toEqual([
      "aws_iam_role.aws-star error",
      "aws_iam_role.not-narrowing error",
      "aws_iam_role.star error",
    ]);
  });
});
