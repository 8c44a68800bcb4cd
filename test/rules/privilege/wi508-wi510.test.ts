import { unknown } from "../../../lib/model/unknown";
import {
  WI508_BROAD_MANAGED_POLICY,
  broadManagedPolicySeverity,
} from "../../../lib/rules/privilege/wi508-broad-managed-policy";
import { WI509_UNKNOWN_POLICY } from "../../../lib/rules/privilege/wi509-unknown-policy";
import { WI510_WEB_IDENTITY_PERMISSION } from "../../../lib/rules/privilege/wi510-web-identity-permission";
import { awsPolicy, graph, vaultPolicy } from "../../support/graph-builder";
import { flagged, run } from "../harness";
import { allow, inline, policiesGraph } from "./privilege-fixtures";

describe("WI508 broad AWS-managed policies", () => {
  test("severity by name", () => {
    expect(
      [
        "AdministratorAccess",
        "IAMFullAccess",
        "PowerUserAccess",
        "AmazonS3FullAccess",
        "AmazonEC2ContainerRegistryPowerUser",
        "AmazonEKSWorkerNodePolicy",
        "ReadOnlyAccess",
      ].map(broadManagedPolicySeverity),
    ).toEqual(["error", "error", "warning", "warning", "warning", undefined, undefined]);
  });

  test("Compliance / Noncompliance 2: only AWS-managed policies are judged by name", () => {
    const g = policiesGraph(
      awsPolicy("aws_iam_role_policy_attachment.admin", unknown("AWS-managed"), {
        kind: "aws-managed",
        arn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
      awsPolicy("aws_iam_role_policy_attachment.s3", unknown("AWS-managed"), {
        kind: "aws-managed",
        arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
      }),
      awsPolicy("aws_iam_policy.custom", unknown("known only after apply"), {
        kind: "customer-managed",
        name: "AdministratorAccess",
      }),
      awsPolicy("aws_iam_role_policy_attachment.lambda", unknown("AWS-managed"), {
        kind: "aws-managed",
        arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      }),
    );
    expect(flagged(WI508_BROAD_MANAGED_POLICY, g)).toEqual([
      "aws_iam_role_policy_attachment.admin error",
      "aws_iam_role_policy_attachment.s3 warning",
    ]);
  });
});

describe("WI509 unknown policy content", () => {
  test("Compliance / Noncompliance 2: unknown IAM and Vault policies, not AWS-managed ones", () => {
    const g = graph({
      awsPolicies: [
        awsPolicy("aws_iam_role_policy.unknown", unknown("known only after apply"), {
          attachedTo: ["aws_iam_role.ci"],
        }),
        awsPolicy("aws_iam_role_policy_attachment.managed", unknown("AWS-managed"), {
          kind: "aws-managed",
          arn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
        }),
        inline("aws_iam_role_policy.known", allow(["s3:GetObject"], ["arn:aws:s3:::b/*"])),
      ],
      vaultPolicies: [
        vaultPolicy("vault_policy.unparsed", unknown("policy text failed to parse")),
        vaultPolicy("vault_policy.ok", []),
      ],
    });
    expect(flagged(WI509_UNKNOWN_POLICY, g)).toEqual([
      "aws_iam_role_policy.unknown error unknown",
      "vault_policy.unparsed error unknown",
    ]);
    const result = run(WI509_UNKNOWN_POLICY, g).find(
      (r) => r.location.address === "aws_iam_role_policy.unknown",
    );
    expect(result?.message).toContain("unknown — needs review");
    expect(result?.related?.map((l) => l.address)).toEqual(["aws_iam_role.ci"]);
  });
});

describe("WI510 web-identity permission", () => {
  test("Compliance / Noncompliance 1: only an explicit Allow in a permission policy", () => {
    const g = policiesGraph(
      inline("aws_iam_role_policy.noop", allow(["sts:AssumeRoleWithWebIdentity"])),
      inline("aws_iam_role_policy.wild", allow(["sts:*"])),
      inline("aws_iam_role_policy.deny", allow(["sts:AssumeRoleWithWebIdentity"], ["*"], { effect: "Deny" })),
      awsPolicy(
        "aws_s3_bucket_policy.b",
        { statements: [allow(["sts:AssumeRoleWithWebIdentity"])] },
        { kind: "resource-policy" },
      ),
    );
    expect(flagged(WI510_WEB_IDENTITY_PERMISSION, g)).toEqual(["aws_iam_role_policy.noop note"]);
  });
});
