/**
 * A resource policy or trust policy naming a principal that cannot be resolved (a reference to
 * something not in the inputs, a variable without a value, the deployer's computed ARN) may name
 * any identity: it is reported "unknown — needs review", never passed. A computed account or
 * partition around a literal role name still names that role; an account root only delegates
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
 */
import { WI302_SHARED_AWS_SECRET } from "../../../lib/rules/shared-paths/wi302-shared-aws-secret";
import { WI305_ROLE_CHAINING } from "../../../lib/rules/shared-paths/wi305-role-chaining";
import { GET, policy, reportedPairs, rolePolicies, roles, unknownAt } from "./aws-terraform";

/** Roles a and b; a secret x read by b's identity policy, whose secret policy names `principal`. */
function secretNaming(principal: string, extra: object = {}): object {
  return {
    data: { aws_caller_identity: { current: {} } },
    ...extra,
    resource: {
      aws_iam_role: roles(["a", "b"]),
      aws_secretsmanager_secret: { x: { name: "x" } },
      aws_secretsmanager_secret_policy: {
        x: {
          secret_arn: "${aws_secretsmanager_secret.x.arn}",
          policy: policy([{ Effect: "Allow", Principal: { AWS: principal }, Action: GET, Resource: "*" }]),
        },
      },
      aws_iam_role_policy: rolePolicies({
        b: [{ Effect: "Allow", Action: GET, Resource: "${aws_secretsmanager_secret.x.arn}" }],
      }),
    },
  };
}

describe("WI302: resource-policy principals that cannot be resolved fail closed", () => {
  test.each([
    ["a reference to a role not in the inputs", "${aws_iam_role.ghost.arn}"],
    ["the deployer's computed ARN", "${data.aws_caller_identity.current.arn}"],
    ["a variable without a value", "${var.reader_arn}"],
    ["a role name that is computed", "arn:aws:iam::111122223333:role/${var.reader}"],
  ])("%s is unknown at the secret policy", (_label, principal) => {
    const json = secretNaming(principal, { variable: { reader_arn: {}, reader: {} } });
    expect(unknownAt(WI302_SHARED_AWS_SECRET, json)).toEqual(["aws_secretsmanager_secret_policy.x"]);
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, json)).toEqual([]);
  });

  test("a computed account around a literal role name names that role; a computed account root delegates", () => {
    const named = secretNaming("arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/a");
    expect(unknownAt(WI302_SHARED_AWS_SECRET, named)).toEqual([]);
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, named)).toEqual(["a+b"]);
    const root = secretNaming("arn:aws:iam::${data.aws_caller_identity.current.account_id}:root");
    expect(unknownAt(WI302_SHARED_AWS_SECRET, root)).toEqual([]);
    expect(reportedPairs(WI302_SHARED_AWS_SECRET, root)).toEqual([]);
  });

  test("a secret policy whose document is not known is unknown at the policy", () => {
    const json = {
      variable: { secret_policy: {} },
      resource: {
        aws_iam_role: roles(["a"]),
        aws_secretsmanager_secret: { x: { name: "x" } },
        aws_secretsmanager_secret_policy: {
          x: { secret_arn: "${aws_secretsmanager_secret.x.arn}", policy: "${var.secret_policy}" },
        },
      },
    };
    expect(unknownAt(WI302_SHARED_AWS_SECRET, json)).toEqual(["aws_secretsmanager_secret_policy.x"]);
  });

  test("a KMS key policy naming an unresolved principal for Decrypt is unknown; for Encrypt only it is not", () => {
    const key = (action: string) => ({
      resource: {
        aws_iam_role: roles(["a"]),
        aws_kms_key: {
          k: {
            policy: policy([
              {
                Effect: "Allow",
                Principal: { AWS: "${aws_iam_user.ghost.arn}" },
                Action: action,
                Resource: "*",
              },
            ]),
          },
        },
      },
    });
    expect(unknownAt(WI302_SHARED_AWS_SECRET, key("kms:Decrypt"))).toEqual(["aws_kms_key.k"]);
    expect(unknownAt(WI302_SHARED_AWS_SECRET, key("kms:Encrypt"))).toEqual([]);
  });
});

describe("WI305: a trust policy naming a principal that cannot be resolved fails closed", () => {
  function trustNaming(principal: string): object {
    const trust = JSON.stringify({
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: principal } }],
    });
    return { resource: { aws_iam_role: roles(["a", "b"], { b: { assume_role_policy: trust } }) } };
  }

  test("an unresolved principal makes the trusting role unknown; a resolved one is a chain", () => {
    expect(unknownAt(WI305_ROLE_CHAINING, trustNaming("${aws_iam_role.ghost.arn}"))).toEqual([
      "aws_iam_role.b",
    ]);
    expect(reportedPairs(WI305_ROLE_CHAINING, trustNaming("${aws_iam_role.ghost.arn}"))).toEqual([]);
    expect(unknownAt(WI305_ROLE_CHAINING, trustNaming("${aws_iam_role.a.arn}"))).toEqual([]);
    expect(reportedPairs(WI305_ROLE_CHAINING, trustNaming("${aws_iam_role.a.arn}"))).toEqual(["a+b"]);
    expect(
      reportedPairs(
        WI305_ROLE_CHAINING,
        trustNaming("arn:${data.aws_partition.p.partition}:iam::${var.account}:role/a"),
      ),
    ).toEqual(["a+b"]);
  });
});
