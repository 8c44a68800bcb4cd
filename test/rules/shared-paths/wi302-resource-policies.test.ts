/**
 * WI302 through resource-based policies, read from Terraform JSON: Secrets Manager secret policies,
 * KMS key policies and grants, and the names Terraform gives one object (`.id`/`.arn`, a data
 * source looking the resource up). Each case asserts the exact set of identity pairs.
 */
import { WI302_SHARED_AWS_SECRET } from "../../../lib/rules/shared-paths/wi302-shared-aws-secret";
import { GET, policy, reportedPairs, rolePolicies, roles } from "./aws-terraform";

/** The identity pairs WI302 reports for one Terraform JSON document, as `a+b`, sorted. */
function sharedPairs(json: object): string[] {
  return reportedPairs(WI302_SHARED_AWS_SECRET, json);
}

describe("WI302 resource-based policies (same account: either policy suffices)", () => {
  test("a secret policy naming a role, an identity grant by .id, and a data source by name are one secret", () => {
    expect(
      sharedPairs({
        data: { aws_secretsmanager_secret: { lookup: { name: "db" } } },
        resource: {
          aws_iam_role: roles(["a", "b", "c", "d"]),
          aws_secretsmanager_secret: { x: { name: "db" }, other: { name: "other" } },
          aws_secretsmanager_secret_policy: {
            x: {
              secret_arn: "${aws_secretsmanager_secret.x.arn}",
              policy: policy([
                { Effect: "Allow", Principal: { AWS: "${aws_iam_role.a.arn}" }, Action: GET, Resource: "*" },
              ]),
            },
          },
          aws_iam_role_policy: rolePolicies({
            b: [{ Effect: "Allow", Action: GET, Resource: "${aws_secretsmanager_secret.x.id}" }],
            c: [{ Effect: "Allow", Action: GET, Resource: "${data.aws_secretsmanager_secret.lookup.arn}" }],
            d: [{ Effect: "Allow", Action: GET, Resource: "${aws_secretsmanager_secret.other.arn}" }],
          }),
        },
      }),
    ).toEqual(["a+b+c"]);
  });

  test("KMS key policies and grants give Decrypt to the principals they name; the account root delegates only", () => {
    expect(
      sharedPairs({
        resource: {
          aws_iam_role: roles(["a", "b", "c", "d"]),
          aws_kms_key: {
            k: {
              policy: policy([
                {
                  Effect: "Allow",
                  Principal: { AWS: "arn:aws:iam::111122223333:root" },
                  Action: "kms:*",
                  Resource: "*",
                },
                {
                  Effect: "Allow",
                  Principal: { AWS: "${aws_iam_role.a.arn}" },
                  Action: "kms:Decrypt",
                  Resource: "*",
                },
              ]),
            },
            k2: {},
          },
          aws_kms_grant: {
            g: {
              key_id: "${aws_kms_key.k.key_id}",
              grantee_principal: "${aws_iam_role.b.arn}",
              operations: ["Decrypt"],
            },
            encrypt_only: {
              key_id: "${aws_kms_key.k.key_id}",
              grantee_principal: "${aws_iam_role.d.arn}",
              operations: ["Encrypt"],
            },
          },
          aws_kms_key_policy: {
            k2: {
              key_id: "${aws_kms_key.k2.id}",
              policy: policy([
                {
                  Effect: "Allow",
                  Principal: { AWS: "${aws_iam_role.c.arn}" },
                  Action: "kms:Decrypt",
                  Resource: "*",
                },
              ]),
            },
          },
        },
      }),
    ).toEqual(["a+b"]);
  });

  test("a resource-policy Deny for everyone wins; Principal * narrowed by aws:PrincipalArn names only those roles", () => {
    expect(
      sharedPairs({
        resource: {
          aws_iam_role: roles(["a", "b", "c"]),
          aws_secretsmanager_secret: { denied: { name: "denied" }, narrowed: { name: "narrowed" } },
          aws_secretsmanager_secret_policy: {
            denied: {
              secret_arn: "${aws_secretsmanager_secret.denied.arn}",
              policy: policy([
                { Effect: "Allow", Principal: { AWS: "${aws_iam_role.a.arn}" }, Action: GET, Resource: "*" },
                { Effect: "Deny", Principal: "*", Action: "secretsmanager:*", Resource: "*" },
              ]),
            },
            narrowed: {
              secret_arn: "${aws_secretsmanager_secret.narrowed.arn}",
              policy: policy([
                {
                  Effect: "Allow",
                  Principal: { AWS: "*" },
                  Action: GET,
                  Resource: "*",
                  Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/b" } },
                },
              ]),
            },
          },
          aws_iam_role_policy: rolePolicies({
            b: [{ Effect: "Allow", Action: GET, Resource: "${aws_secretsmanager_secret.denied.arn}" }],
            c: [{ Effect: "Allow", Action: GET, Resource: "${aws_secretsmanager_secret.narrowed.arn}" }],
          }),
        },
      }),
    ).toEqual(["b+c"]);
  });

  test("Principal * without a narrowing condition gives every identity the secret", () => {
    expect(
      sharedPairs({
        resource: {
          aws_iam_role: roles(["a", "b"]),
          aws_secretsmanager_secret: { open: { name: "open" } },
          aws_secretsmanager_secret_policy: {
            open: {
              secret_arn: "${aws_secretsmanager_secret.open.arn}",
              policy: policy([{ Effect: "Allow", Principal: { AWS: "*" }, Action: GET, Resource: "*" }]),
            },
          },
        },
      }),
    ).toEqual(["a+b"]);
  });

  test("a role's permissions boundary caps what a resource policy grants to the role's ARN", () => {
    const boundary = policy([{ Effect: "Allow", Action: "s3:*", Resource: "*" }]);
    expect(
      sharedPairs({
        resource: {
          aws_iam_policy: { boundary: { name: "boundary", policy: boundary } },
          aws_iam_role: roles(["a", "b", "c"], {
            a: { permissions_boundary: "${aws_iam_policy.boundary.arn}" },
          }),
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
              ]),
            },
          },
        },
      }),
    ).toEqual(["b+c"]);
  });
});
