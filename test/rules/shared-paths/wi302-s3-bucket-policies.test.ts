/**
 * WI302 on S3: objects are secret-bearing only in buckets tagged `workload-identity:secret-material
 * = true` (model/secret-material). In one account an identity policy OR the bucket policy grants
 * reach, and an explicit Deny in either wins
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html). Each case asserts
 * the exact set of identity pairs (and of unknown locations).
 */
import { WI302_SHARED_AWS_SECRET } from "../../../lib/rules/shared-paths/wi302-shared-aws-secret";
import { policy, reportedPairs, rolePolicies, roles, unknownAt } from "./aws-terraform";

const MARKED = { "workload-identity:secret-material": "true" };

function sharedPairs(json: object): string[] {
  return reportedPairs(WI302_SHARED_AWS_SECRET, json);
}

/** Buckets `vault` (marked unless `marked` is false) and `artifacts`, roles a-d, and the given pieces. */
function s3App(pieces: {
  bucketPolicy?: object[] | string;
  grants?: Record<string, object[]>;
  marked?: boolean;
  data?: object;
}): object {
  return {
    ...(pieces.data ? { data: pieces.data } : {}),
    resource: {
      aws_iam_role: roles(["a", "b", "c", "d"]),
      aws_s3_bucket: {
        vault: { bucket: "acme-vault", ...(pieces.marked === false ? {} : { tags: MARKED }) },
        artifacts: { bucket: "acme-artifacts" },
      },
      ...(pieces.bucketPolicy
        ? {
            aws_s3_bucket_policy: {
              vault: {
                bucket: "${aws_s3_bucket.vault.id}",
                policy:
                  typeof pieces.bucketPolicy === "string" ? pieces.bucketPolicy : policy(pieces.bucketPolicy),
              },
            },
          }
        : {}),
      ...(pieces.grants ? { aws_iam_role_policy: rolePolicies(pieces.grants) } : {}),
    },
  };
}

const role = (name: string) => `\${aws_iam_role.${name}.arn}`;

describe("WI302: S3 bucket policies on a secret-material bucket", () => {
  test("a bucket policy granting two roles the same prefix, and an identity policy meeting it, are shared", () => {
    expect(
      sharedPairs(
        s3App({
          bucketPolicy: [
            {
              Effect: "Allow",
              Principal: { AWS: [role("a"), role("b")] },
              Action: "s3:GetObject",
              Resource: "arn:aws:s3:::acme-vault/team/*",
            },
          ],
          grants: {
            c: [
              {
                Effect: "Allow",
                Action: "s3:getobject",
                Resource: "${aws_s3_bucket.vault.arn}/team/db.json",
              },
            ],
            d: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-vault/other/*" }],
          },
        }),
      ),
    ).toEqual(["a+b", "a+b+c"]);
  });

  test("the same grants on an unmarked bucket share nothing secret", () => {
    expect(
      sharedPairs(
        s3App({
          marked: false,
          bucketPolicy: [
            {
              Effect: "Allow",
              Principal: { AWS: [role("a"), role("b")] },
              Action: "s3:*",
              Resource: "arn:aws:s3:::acme-vault/*",
            },
          ],
          grants: { c: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] },
        }),
      ),
    ).toEqual([]);
  });

  test("an identity-policy `*` reaches only the marked bucket, not the artifacts bucket another role writes", () => {
    expect(
      sharedPairs(
        s3App({
          grants: {
            a: [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }],
            b: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-artifacts/*" }],
            c: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-vault/x" }],
            d: [{ Effect: "Allow", Action: "s3:PutBucketPolicy", Resource: "arn:aws:s3:::acme-vault" }],
          },
        }),
      ),
    ).toEqual(["a+c", "a+d", "c+d"]);
  });

  test("an explicit Deny in the bucket policy or in the identity policy wins", () => {
    expect(
      sharedPairs(
        s3App({
          bucketPolicy: [
            {
              Effect: "Allow",
              Principal: { AWS: [role("a"), role("b"), role("c")] },
              Action: "s3:GetObject",
              Resource: "arn:aws:s3:::acme-vault/*",
            },
            {
              Effect: "Deny",
              Principal: { AWS: role("b") },
              Action: "s3:*",
              Resource: "arn:aws:s3:::acme-vault/*",
            },
          ],
          grants: { c: [{ Effect: "Deny", Action: "s3:GetObject", Resource: "*" }] },
        }),
      ),
    ).toEqual([]);
  });

  test("a bucket policy rendered from data.aws_iam_policy_document is read the same way", () => {
    expect(
      sharedPairs(
        s3App({
          data: {
            aws_iam_policy_document: {
              vault: {
                statement: [
                  {
                    actions: ["s3:GetObject"],
                    resources: ["${aws_s3_bucket.vault.arn}/*"],
                    principals: [{ type: "AWS", identifiers: [role("a"), role("d")] }],
                  },
                ],
              },
            },
          },
          bucketPolicy: "${data.aws_iam_policy_document.vault.json}",
        }),
      ),
    ).toEqual(["a+d"]);
  });

  test("a principal that cannot be resolved in the bucket policy is unknown at the policy", () => {
    const json = s3App({
      bucketPolicy: [
        {
          Effect: "Allow",
          Principal: { AWS: "${aws_iam_role.ghost.arn}" },
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::acme-vault/*",
        },
      ],
    });
    expect(unknownAt(WI302_SHARED_AWS_SECRET, json)).toEqual(["aws_s3_bucket_policy.vault"]);
    expect(sharedPairs(json)).toEqual([]);
  });
});
