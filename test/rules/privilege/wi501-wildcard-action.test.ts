import { WI501_WILDCARD_ACTION } from "../../../lib/rules/privilege/wi501-wildcard-action";
import { graph } from "../../support/graph-builder";
import { flagged, run } from "../harness";
import { allow, attachedTo, inline, policiesGraph } from "./privilege-fixtures";

const rule = WI501_WILDCARD_ACTION;

describe("WI501 wildcard actions", () => {
  test("Compliance: Deny *, read-only describe, service wildcard on a specific resource, partial wildcards", () => {
    const g = policiesGraph(
      inline("aws_iam_policy.deny", allow(["*"], ["*"], { effect: "Deny" })),
      inline("aws_iam_role_policy.describe", allow(["ec2:Describe*"])),
      inline("aws_iam_role_policy.bucket", allow(["s3:*"], ["arn:aws:s3:::acme", "arn:aws:s3:::acme/*"])),
      inline(
        "aws_iam_role_policy.table",
        allow(["dynamodb:GetItem", "dynamodb:PutItem"], ["${aws_dynamodb_table.posts.arn}"]),
      ),
    );
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Noncompliance 4: `*`, `iam:*` (any resource), `s3:*` on `*`, and NotAction with Allow", () => {
    const g = policiesGraph(
      inline("aws_iam_policy.admin", allow(["*"])),
      inline("aws_iam_group_policy.iam", allow(["s3:Get*", "IAM:*"], ["arn:aws:iam::111122223333:role/x"])),
      inline("aws_iam_policy.s3", allow(["s3:*"])),
      inline("aws_iam_user_policy.not", statement()),
    );
    expect(flagged(rule, g)).toEqual([
      "aws_iam_group_policy.iam error",
      "aws_iam_policy.admin error",
      "aws_iam_policy.s3 warning",
      "aws_iam_user_policy.not warning",
    ]);
  });

  test("one policy with several kinds gets one result per kind, with attachment context", () => {
    const { identity, policy } = attachedTo(
      "app",
      inline("aws_iam_role_policy.app", allow(["*", "ec2:*", "s3:*"]), allow(["ec2:*"])),
    );
    const g = graph({
      identities: [identity],
      awsPolicies: [{ ...policy, documentSources: ["data.aws_iam_policy_document.app"] }],
    });
    const results = run(rule, g);
    expect(results.map((r) => `${r.key} ${r.severity ?? rule.severity}`).sort()).toEqual([
      "all-actions error",
      "service-wildcard warning",
    ]);
    expect(results[0].identityIds).toEqual(["app"]);
    expect(results[0].related?.map((l) => l.address)).toEqual([
      "aws_iam_role.app",
      "data.aws_iam_policy_document.app",
    ]);
    expect(results.find((r) => r.key === "service-wildcard")?.message).toContain('"ec2:*", "s3:*"');
  });
});

function statement() {
  return allow([], ["*"], { notActions: ["iam:*"] });
}
