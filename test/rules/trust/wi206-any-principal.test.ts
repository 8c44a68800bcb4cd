import { WI206_ANY_PRINCIPAL as rule } from "../../../lib/rules/trust/wi206-any-principal";
import { awsRole, doc, graph, identity, statement } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";

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
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "aws_iam_role.aws-star error",
      "aws_iam_role.not-narrowing error",
      "aws_iam_role.star error",
    ]);
  });
});

describe("WI206: `*` narrowed only by a wildcard is still any principal", () => {
  const anyone = (name: string, operator: string, key: string, values: string[]) =>
    roleWith(
      name,
      statement({
        actions: ["sts:AssumeRole"],
        principals: [{ type: "AWS", values: ["*"] }],
        conditions: [{ operator, key, values }],
      }),
    );

  it("wildcard account or organisation under StringLike/ArnLike is flagged; pinned accounts, org ids and exact ARNs are not", () => {
    const g = graph({
      identities: [
        anyone("arn-any-account", "ArnLike", "aws:PrincipalArn", ["arn:aws:iam::*:role/deployer"]),
        anyone("org-glob", "StringLike", "aws:PrincipalOrgID", ["o-*"]),
        anyone("orgpath-glob", "ForAnyValue:StringLike", "aws:PrincipalOrgPaths", ["*/r-root/*"]),
        anyone("one-wild-value", "StringLike", "aws:PrincipalAccount", ["111122223333", "1111222?3333"]),
        anyone("arn-pinned-account", "ArnLike", "aws:PrincipalArn", ["arn:aws:iam::111122223333:role/*"]),
        anyone("arn-exact", "ArnEquals", "aws:PrincipalArn", ["arn:aws:iam::111122223333:role/deployer"]),
        anyone("org-literal", "StringLike", "aws:PrincipalOrgID", ["o-abc123"]),
        anyone("orgpath-pinned", "ForAnyValue:StringLike", "aws:PrincipalOrgPaths", ["o-abc123/r-root/*"]),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "aws_iam_role.arn-any-account error",
      "aws_iam_role.one-wild-value error",
      "aws_iam_role.org-glob error",
      "aws_iam_role.orgpath-glob error",
    ]);
  });
});
