/**
 * Cases someone checking "reach as AWS decides it" would try, each with the exact verdict AWS
 * gives (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 */
import { WI302_SHARED_AWS_SECRET } from "../../../lib/rules/shared-paths/wi302-shared-aws-secret";
import { WI305_ROLE_CHAINING } from "../../../lib/rules/shared-paths/wi305-role-chaining";
import { WI308_AWS_ROLE_TAKEOVER } from "../../../lib/rules/shared-paths/wi308-aws-role-takeover";
import { GET, policy, reportedPairs, rolePolicies, roles, unknownAt } from "./aws-terraform";

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf";

function trustNamingAccount(account: string): string {
  return JSON.stringify({
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: account } }],
  });
}

describe("AWS evaluation checklist", () => {
  test("action names compare without case; Action and Resource written in any case of the action", () => {
    expect(
      reportedPairs(WI302_SHARED_AWS_SECRET, {
        resource: {
          aws_iam_role: roles(["a", "b"]),
          aws_iam_role_policy: rolePolicies({
            a: [{ Effect: "Allow", Action: "SecretsManager:getsecretVALUE", Resource: SECRET }],
            b: [{ Effect: "Allow", Action: "secretsmanager:Get*", Resource: SECRET }],
          }),
        },
      }),
    ).toEqual(["a+b"]);
  });

  test("an sts:AssumeRole grant in another partition (aws-us-gov) still names a role whose ARN is known only after apply", () => {
    const json = (partition: string) => ({
      resource: {
        aws_iam_role: roles(["a", "b"], {
          b: { assume_role_policy: trustNamingAccount(`arn:${partition}:iam::111122223333:root`) },
        }),
        aws_iam_role_policy: rolePolicies({
          a: [
            {
              Effect: "Allow",
              Action: "sts:AssumeRole",
              Resource: `arn:${partition}:iam::111122223333:role/b`,
            },
          ],
        }),
      },
    });
    expect(reportedPairs(WI305_ROLE_CHAINING, json("aws-us-gov"))).toEqual(["a+b"]);
    expect(reportedPairs(WI305_ROLE_CHAINING, json("aws-cn"))).toEqual(["a+b"]);
    expect(reportedPairs(WI305_ROLE_CHAINING, json("aws"))).toEqual(["a+b"]);
  });

  test("Principal * narrowed by aws:PrincipalArn to a user gives that user, not the roles", () => {
    expect(
      reportedPairs(WI302_SHARED_AWS_SECRET, {
        resource: {
          aws_iam_role: roles(["a", "b"]),
          aws_iam_user: { u: { name: "u" } },
          aws_secretsmanager_secret: { x: { name: "x" } },
          aws_secretsmanager_secret_policy: {
            x: {
              secret_arn: "${aws_secretsmanager_secret.x.arn}",
              policy: policy([
                {
                  Effect: "Allow",
                  Principal: { AWS: "*" },
                  Action: GET,
                  Resource: "*",
                  Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:user/u" } },
                },
              ]),
            },
          },
          aws_iam_role_policy: rolePolicies({
            b: [{ Effect: "Allow", Action: GET, Resource: "${aws_secretsmanager_secret.x.arn}" }],
          }),
        },
      }),
    ).toEqual(["b+u"]);
  });

  test("an Action that is a Terraform value not known statically fails closed", () => {
    const json = {
      variable: { actions: {} },
      resource: {
        aws_iam_role: roles(["a", "b"]),
        aws_iam_role_policy: rolePolicies({
          a: [{ Effect: "Allow", Action: "${var.actions}", Resource: SECRET }],
          b: [{ Effect: "Allow", Action: GET, Resource: SECRET }],
        }),
      },
    };
    expect(unknownAt(WI302_SHARED_AWS_SECRET, json)).toEqual(["aws_iam_role.a"]);
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, json)).toEqual([]);
    const chain = {
      variable: { actions: {} },
      resource: {
        aws_iam_role: roles(["a", "b"], { b: { assume_role_policy: trustNamingAccount("111122223333") } }),
        aws_iam_role_policy: rolePolicies({
          a: [{ Effect: "Allow", Action: "${var.actions}", Resource: "*" }],
        }),
      },
    };
    expect(unknownAt(WI305_ROLE_CHAINING, chain)).toEqual(["aws_iam_role.a"]);
  });

  test("a Deny whose NotAction is not known statically subtracts nothing; a known one denies all it does not name", () => {
    const json = (notAction: string) => ({
      variable: { keep: {} },
      resource: {
        aws_iam_role: roles(["a", "b"]),
        aws_iam_role_policy: rolePolicies({
          a: [
            { Effect: "Allow", Action: GET, Resource: SECRET },
            { Effect: "Deny", NotAction: notAction, Resource: "*" },
          ],
          b: [{ Effect: "Allow", Action: GET, Resource: SECRET }],
        }),
      },
    });
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, json("${var.keep}"))).toEqual(["a+b"]);
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, json("s3:*"))).toEqual([]);
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, json("secretsmanager:Get*"))).toEqual(["a+b"]);
  });

  test("a resource policy naming a role of another known account gives it nothing without its own identity policy", () => {
    const json = (grantB: boolean) => ({
      resource: {
        aws_iam_role: roles(["a", "b"], { b: { arn: "arn:aws:iam::444455556666:role/b" } }),
        aws_secretsmanager_secret: {
          x: { name: "x", arn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:x-AbCdEf" },
        },
        aws_secretsmanager_secret_policy: {
          x: {
            secret_arn: "${aws_secretsmanager_secret.x.arn}",
            policy: policy([
              {
                Effect: "Allow",
                Principal: { AWS: ["${aws_iam_role.a.arn}", "arn:aws:iam::444455556666:role/b"] },
                Action: GET,
                Resource: "*",
              },
            ]),
          },
        },
        ...(grantB
          ? {
              aws_iam_role_policy: rolePolicies({
                b: [
                  {
                    Effect: "Allow",
                    Action: GET,
                    Resource: "arn:aws:secretsmanager:us-east-1:111122223333:secret:x-*",
                  },
                ],
              }),
            }
          : {}),
      },
    });
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, json(false))).toEqual([]);
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, json(true))).toEqual(["a+b"]);
  });
});

describe("explicit Deny and boundaries on becoming another role", () => {
  const trustAccount = trustNamingAccount("111122223333");
  const trustingA = JSON.stringify({
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "${aws_iam_role.a.arn}" } }],
  });

  /** a may assume b (identity policy + trust naming the account) plus `aStatements`; b's trust as given. */
  function chain(aStatements: object[], bTrust = trustAccount, extra: Record<string, object> = {}): object {
    return {
      resource: {
        aws_iam_role: roles(["a", "b"], { b: { assume_role_policy: bTrust }, ...extra }),
        aws_iam_role_policy: rolePolicies({
          a: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }, ...aStatements],
        }),
      },
    };
  }

  test("the caller's own Deny (Resource *, a reference to the role, or a partition-less pattern) removes the chain", () => {
    expect(reportedPairs(WI305_ROLE_CHAINING, chain([]))).toEqual(["a+b"]);
    for (const resource of ["*", "${aws_iam_role.b.arn}", "arn:aws:iam::*:role/b"]) {
      expect(
        reportedPairs(
          WI305_ROLE_CHAINING,
          chain([{ Effect: "Deny", Action: "sts:AssumeRole", Resource: resource }]),
        ),
      ).toEqual([]);
    }
    // A Deny on another role, or one on a request condition, leaves it.
    expect(
      reportedPairs(
        WI305_ROLE_CHAINING,
        chain([{ Effect: "Deny", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/c" }]),
      ),
    ).toEqual(["a+b"]);
    expect(
      reportedPairs(
        WI305_ROLE_CHAINING,
        chain([
          {
            Effect: "Deny",
            Action: "sts:*",
            Resource: "*",
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
          },
        ]),
      ),
    ).toEqual(["a+b"]);
  });

  test("a trust naming the caller is enough in one account, unless the caller's identity policy denies it", () => {
    const json = (aStatements: object[]) => ({
      resource: {
        aws_iam_role: roles(["a", "b"], { b: { assume_role_policy: trustingA } }),
        ...(aStatements.length > 0 ? { aws_iam_role_policy: rolePolicies({ a: aStatements }) } : {}),
      },
    });
    expect(reportedPairs(WI305_ROLE_CHAINING, json([]))).toEqual(["a+b"]);
    expect(
      reportedPairs(WI305_ROLE_CHAINING, json([{ Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" }])),
    ).toEqual([]);
  });

  test("a Deny in the target's trust that certainly applies wins over its Allow", () => {
    const trust = (deny: object) =>
      JSON.stringify({
        Statement: [
          { Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "111122223333" } },
          { Effect: "Deny", Action: "sts:AssumeRole", ...deny },
        ],
      });
    expect(
      reportedPairs(WI305_ROLE_CHAINING, chain([], trust({ Principal: { AWS: "${aws_iam_role.a.arn}" } }))),
    ).toEqual([]);
    // "Deny everyone but b itself": a is certainly another principal.
    expect(
      reportedPairs(
        WI305_ROLE_CHAINING,
        chain(
          [],
          trust({
            Principal: "*",
            Condition: { StringNotEquals: { "aws:PrincipalArn": "${aws_iam_role.b.arn}" } },
          }),
        ),
      ),
    ).toEqual([]);
    // Excepting a role that is not in the inputs: a may be it, nothing is subtracted.
    expect(
      reportedPairs(
        WI305_ROLE_CHAINING,
        chain(
          [],
          trust({
            Principal: "*",
            Condition: { StringNotEquals: { "aws:PrincipalArn": "${aws_iam_role.ghost.arn}" } },
          }),
        ),
      ),
    ).toEqual(["a+b"]);
    expect(
      reportedPairs(
        WI305_ROLE_CHAINING,
        chain([], trust({ Principal: "*", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })),
      ),
    ).toEqual(["a+b"]);
  });

  test("a permissions boundary without sts:AssumeRole leaves the caller no chain", () => {
    const boundary = (action: string) => ({
      aws_iam_policy: {
        boundary: { name: "boundary", policy: policy([{ Effect: "Allow", Action: action, Resource: "*" }]) },
      },
    });
    const json = (action: string) => {
      const base = chain([], trustAccount, {
        a: { permissions_boundary: "${aws_iam_policy.boundary.arn}" },
      }) as {
        resource: object;
      };
      return { resource: { ...base.resource, ...boundary(action) } };
    };
    expect(reportedPairs(WI305_ROLE_CHAINING, json("s3:*"))).toEqual([]);
    expect(reportedPairs(WI305_ROLE_CHAINING, json("sts:*"))).toEqual(["a+b"]);
  });
});

describe("changing a managed policy attached to another identity's role is changing that role", () => {
  function app(aResource: string, action = "iam:CreatePolicyVersion"): object {
    return {
      resource: {
        aws_iam_role: roles(["a", "b", "c"]),
        aws_iam_policy: {
          shared: {
            name: "b-permissions",
            policy: policy([{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }]),
          },
          own: {
            name: "a-permissions",
            policy: policy([{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }]),
          },
        },
        aws_iam_role_policy_attachment: {
          b: { role: "${aws_iam_role.b.name}", policy_arn: "${aws_iam_policy.shared.arn}" },
          a: { role: "${aws_iam_role.a.name}", policy_arn: "${aws_iam_policy.own.arn}" },
        },
        aws_iam_role_policy: rolePolicies({ a: [{ Effect: "Allow", Action: action, Resource: aResource }] }),
      },
    };
  }

  test.each([
    ["a reference to the policy", "${aws_iam_policy.shared.arn}", "iam:CreatePolicyVersion", ["a+b"]],
    [
      "the policy's ARN by name",
      "arn:aws:iam::111122223333:policy/b-permissions",
      "iam:SetDefaultPolicyVersion",
      ["a+b"],
    ],
    ["every policy", "*", "iam:createpolicyversion", ["a+b"]],
    ["only its own policy", "${aws_iam_policy.own.arn}", "iam:CreatePolicyVersion", []],
    ["another policy name", "arn:aws:iam::111122223333:policy/other", "iam:CreatePolicyVersion", []],
    ["an unrelated IAM action", "${aws_iam_policy.shared.arn}", "iam:GetPolicyVersion", []],
  ])("%s", (_label, resource, action, expected) => {
    expect(reportedPairs(WI308_AWS_ROLE_TAKEOVER, app(resource, action))).toEqual(expected);
  });
});
