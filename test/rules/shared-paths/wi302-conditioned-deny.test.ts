/**
 * A conditioned Deny subtracts only when its condition is certainly true for the principal, decided
 * from the principal's own facts (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
 * aws:PrincipalTag without session tags); a condition on the request (aws:SourceIp, ...) may be
 * false, so such a Deny subtracts nothing
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
 * Each case asserts the exact set of identity pairs WI302 reports.
 */
import { WI302_SHARED_AWS_SECRET } from "../../../lib/rules/shared-paths/wi302-shared-aws-secret";
import { GET, policy, reportedPairs, rolePolicies, roles } from "./aws-terraform";

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf";

function sharedPairs(json: object): string[] {
  return reportedPairs(WI302_SHARED_AWS_SECRET, json);
}

/** Roles a and b both allowed the secret; `deny` (with a Condition) added to a's policy. */
function withDenyOnA(condition: object, extra: Record<string, object> = {}): object {
  return {
    resource: {
      aws_iam_role: roles(["a", "b"], extra),
      aws_iam_role_policy: rolePolicies({
        a: [
          { Effect: "Allow", Action: GET, Resource: SECRET },
          { Effect: "Deny", Action: "secretsmanager:*", Resource: "*", Condition: condition },
        ],
        b: [{ Effect: "Allow", Action: GET, Resource: SECRET }],
      }),
    },
  };
}

describe("WI302: an identity-policy Deny with a Condition", () => {
  test.each([
    [
      "aws:PrincipalArn ArnLike the role's own ARN (any account)",
      { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/a" } },
    ],
    [
      "aws:PrincipalArn StringLike with a wildcard name",
      { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/?" } },
    ],
    [
      "aws:PrincipalArn by Terraform reference to the role itself",
      { ArnEquals: { "aws:PrincipalArn": "${aws_iam_role.a.arn}" } },
    ],
    [
      "StringNotEquals aws:PrincipalArn excluding only another role",
      { StringNotEquals: { "aws:PrincipalArn": "${aws_iam_role.b.arn}" } },
    ],
    [
      "ArnNotLike aws:PrincipalArn on another name",
      { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/other-*" } },
    ],
    ["aws:PrincipalType AssumedRole", { StringEquals: { "aws:PrincipalType": "AssumedRole" } }],
    ["IfExists on a key every IAM principal has", { StringLikeIfExists: { "aws:PrincipalArn": "*:role/a" } }],
    ["Null false on aws:PrincipalArn", { Null: { "aws:PrincipalArn": "false" } }],
  ])("subtracts when the condition certainly holds: %s", (_label, condition) => {
    expect(sharedPairs(withDenyOnA(condition))).toEqual([]);
  });

  test.each([
    ["a request key (aws:SourceIp)", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }],
    [
      "a request key with a string operator (aws:RequestedRegion)",
      { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
    ],
    [
      "a decidable key AND a request key",
      { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/a" }, Bool: { "aws:SecureTransport": "false" } },
    ],
    ["StringEquals reads * literally", { StringEquals: { "aws:PrincipalArn": "arn:aws:iam::*:role/a" } }],
    [
      "an account the role may not be in (account known only after apply)",
      { StringEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/a" } },
    ],
    [
      "aws:PrincipalAccount of an account not known",
      { StringEquals: { "aws:PrincipalAccount": "123456789012" } },
    ],
    ["another role's ARN", { ArnEquals: { "aws:PrincipalArn": "${aws_iam_role.b.arn}" } }],
    [
      "StringNotEquals listing the role itself",
      { StringNotEquals: { "aws:PrincipalArn": "${aws_iam_role.a.arn}" } },
    ],
    [
      "a reference that cannot be resolved",
      { ArnEquals: { "aws:PrincipalArn": "${aws_iam_role.ghost.arn}" } },
    ],
    ["aws:PrincipalType User", { StringEquals: { "aws:PrincipalType": "User" } }],
    ["a set operator", { "ForAnyValue:StringLike": { "aws:PrincipalArn": "*" } }],
    [
      "a policy variable in the value",
      { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/${aws:username}" } },
    ],
  ])("subtracts nothing when the condition may be false: %s", (_label, condition) => {
    expect(sharedPairs(withDenyOnA(condition))).toEqual(["a+b"]);
  });

  test("a role ARN known from the plan decides StringEquals on aws:PrincipalArn and aws:PrincipalAccount", () => {
    const known = { a: { arn: "arn:aws:iam::111122223333:role/a" } };
    expect(
      sharedPairs(
        withDenyOnA({ StringEquals: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/a" } }, known),
      ),
    ).toEqual([]);
    expect(
      sharedPairs(withDenyOnA({ StringEquals: { "aws:PrincipalAccount": "111122223333" } }, known)),
    ).toEqual([]);
    expect(
      sharedPairs(withDenyOnA({ StringEquals: { "aws:PrincipalAccount": "444455556666" } }, known)),
    ).toEqual(["a+b"]);
    // Case matters for StringEquals, not for StringEqualsIgnoreCase.
    expect(
      sharedPairs(
        withDenyOnA({ StringEquals: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/A" } }, known),
      ),
    ).toEqual(["a+b"]);
    expect(
      sharedPairs(
        withDenyOnA(
          { StringEqualsIgnoreCase: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/A" } },
          known,
        ),
      ),
    ).toEqual([]);
  });

  test("aws:PrincipalTag is the role's IAM tag only while its trust allows no sts:TagSession", () => {
    const condition = { StringEquals: { "aws:PrincipalTag/Team": "payments" } };
    const tagged = { tags: { team: "payments" } };
    // Tag keys in condition keys compare without case.
    expect(sharedPairs(withDenyOnA(condition, { a: tagged }))).toEqual([]);
    expect(sharedPairs(withDenyOnA(condition, { a: { tags: { team: "ledger" } } }))).toEqual(["a+b"]);
    // A tag absent from the input may come from provider default tags.
    expect(sharedPairs(withDenyOnA({ StringNotEquals: { "aws:PrincipalTag/team": "x" } }))).toEqual(["a+b"]);
    expect(
      sharedPairs(withDenyOnA({ StringNotEquals: { "aws:PrincipalTag/team": "x" } }, { a: tagged })),
    ).toEqual([]);
    const sessionTags = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Action: ["sts:AssumeRole", "sts:TagSession"],
          Principal: { Service: "lambda.amazonaws.com" },
        },
      ],
    });
    expect(
      sharedPairs(withDenyOnA(condition, { a: { ...tagged, assume_role_policy: sessionTags } })),
    ).toEqual(["a+b"]);
  });

  test("a permissions boundary's conditioned Deny narrows only when certain", () => {
    const boundary = (condition: object) =>
      policy([
        { Effect: "Allow", Action: "*", Resource: "*" },
        { Effect: "Deny", Action: GET, Resource: "*", Condition: condition },
      ]);
    const json = (condition: object) => ({
      resource: {
        aws_iam_policy: { boundary: { name: "boundary", policy: boundary(condition) } },
        aws_iam_role: roles(["a", "b"], { a: { permissions_boundary: "${aws_iam_policy.boundary.arn}" } }),
        aws_iam_role_policy: rolePolicies({
          a: [{ Effect: "Allow", Action: GET, Resource: SECRET }],
          b: [{ Effect: "Allow", Action: GET, Resource: SECRET }],
        }),
      },
    });
    expect(sharedPairs(json({ StringEquals: { "aws:PrincipalType": "AssumedRole" } }))).toEqual([]);
    expect(sharedPairs(json({ Bool: { "aws:MultiFactorAuthPresent": "false" } }))).toEqual(["a+b"]);
  });
});

describe("WI302: a resource-policy Deny with a Condition", () => {
  /** A secret whose policy allows a, b and c, then denies everyone under `condition`. */
  function secretPolicy(deny: object): object {
    return {
      resource: {
        aws_iam_role: roles(["a", "b", "c"]),
        aws_secretsmanager_secret: { x: { name: "x" } },
        aws_secretsmanager_secret_policy: {
          x: {
            secret_arn: "${aws_secretsmanager_secret.x.arn}",
            policy: policy([
              {
                Effect: "Allow",
                Principal: {
                  AWS: ["${aws_iam_role.a.arn}", "${aws_iam_role.b.arn}", "${aws_iam_role.c.arn}"],
                },
                Action: GET,
                Resource: "*",
              },
              { Effect: "Deny", Action: GET, Resource: "*", ...deny },
            ]),
          },
        },
      },
    };
  }

  test("'deny everyone but a' by StringNotEquals aws:PrincipalArn leaves only a", () => {
    expect(
      sharedPairs(
        secretPolicy({
          Principal: "*",
          Condition: { StringNotEquals: { "aws:PrincipalArn": "${aws_iam_role.a.arn}" } },
        }),
      ),
    ).toEqual([]);
    expect(
      sharedPairs(
        secretPolicy({
          Principal: "*",
          Condition: {
            ArnNotEquals: { "aws:PrincipalArn": ["${aws_iam_role.a.arn}", "${aws_iam_role.b.arn}"] },
          },
        }),
      ),
    ).toEqual(["a+b"]);
  });

  test("a Deny on a request key (aws:SourceVpce) subtracts nothing", () => {
    expect(
      sharedPairs(
        secretPolicy({ Principal: "*", Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } } }),
      ),
    ).toEqual(["a+b+c"]);
  });

  test("Deny with NotPrincipal spares exactly the listed principals; an account among them makes it undecided", () => {
    expect(
      sharedPairs(
        secretPolicy({ NotPrincipal: { AWS: ["${aws_iam_role.a.arn}", "${aws_iam_role.c.arn}"] } }),
      ),
    ).toEqual(["a+c"]);
    expect(
      sharedPairs(
        secretPolicy({ NotPrincipal: { AWS: ["${aws_iam_role.a.arn}", "arn:aws:iam::111122223333:root"] } }),
      ),
    ).toEqual(["a+b+c"]);
  });
});
