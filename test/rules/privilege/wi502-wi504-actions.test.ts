import { WI502_WILDCARD_RESOURCE_WRITE } from "../../../lib/rules/privilege/wi502-wildcard-resource-write";
import { WI503_PRIVILEGE_ESCALATION } from "../../../lib/rules/privilege/wi503-privilege-escalation";
import { WI504_UNKNOWN_ACTION } from "../../../lib/rules/privilege/wi504-unknown-action";
import { flagged, run } from "../harness";
import { allow, inline, policiesGraph } from "./privilege-fixtures";

describe("WI502 write actions on every resource", () => {
  const rule = WI502_WILDCARD_RESOURCE_WRITE;

  test("Compliance: reads and lists, unscopable writes, scoped writes, escalation and full wildcards left to other rules", () => {
    const g = policiesGraph(
      inline("aws_iam_role_policy.read", allow(["ec2:Describe*", "s3:GetObject", "s3:ListAllMyBuckets"])),
      inline("aws_iam_role_policy.metrics", allow(["cloudwatch:PutMetricData", "xray:PutTraceSegments"])),
      inline("aws_iam_role_policy.scoped", allow(["s3:PutObject"], ["arn:aws:s3:::acme/*"])),
      inline("aws_iam_role_policy.others", allow(["*", "s3:*", "iam:PassRole", "nosuch:Write"])),
      inline("aws_iam_role_policy.deny", allow(["s3:PutObject"], ["*"], { effect: "Deny" })),
    );
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Noncompliance 2: s3:PutObject and s3:Put* on *, route53 record changes via NotResource", () => {
    const g = policiesGraph(
      inline("aws_iam_role_policy.put", allow(["s3:PutObject", "ec2:Describe*"]), allow(["S3:Put*"])),
      inline(
        "aws_iam_role_policy.dns",
        allow(["route53:ChangeResourceRecordSets"], [], {
          notResources: ["arn:aws:route53:::hostedzone/Z1"],
        }),
      ),
    );
    expect(flagged(rule, g)).toEqual(["aws_iam_role_policy.dns warning", "aws_iam_role_policy.put warning"]);
    expect(run(rule, g).find((r) => r.location.address.endsWith("put"))?.message).toContain(
      '"s3:PutObject", "S3:Put*"',
    );
  });
});

describe("WI503 privilege escalation", () => {
  const rule = WI503_PRIVILEGE_ESCALATION;

  test("Compliance: scoped PassRole/AssumeRole, full wildcards (WI501's), read-only IAM", () => {
    const g = policiesGraph(
      inline(
        "aws_iam_role_policy.pass",
        allow(["iam:PassRole", "sts:AssumeRole"], ["arn:aws:iam::111122223333:role/app-task"]),
      ),
      inline("aws_iam_role_policy.full", allow(["*"]), allow(["iam:*"])),
      inline("aws_iam_role_policy.read", allow(["iam:Get*", "iam:List*"])),
      inline("aws_iam_role_policy.deny", allow(["iam:CreateAccessKey"], ["*"], { effect: "Deny" })),
    );
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Noncompliance 4: PassRole on *, Attach*Policy, sts:* on role/*, NotAction granting IAM", () => {
    const g = policiesGraph(
      inline("aws_iam_role_policy.pass", allow(["iam:PassRole"])),
      inline(
        "aws_iam_role_policy.attach",
        allow(["iam:Attach*Policy"], ["arn:aws:iam::111122223333:role/x"]),
      ),
      inline("aws_iam_role_policy.sts", allow(["sts:*"], ["arn:aws:iam::111122223333:role/*"])),
      inline("aws_iam_role_policy.not", allow([], ["*"], { notActions: ["s3:*"] })),
    );
    expect(flagged(rule, g)).toEqual([
      "aws_iam_role_policy.attach error",
      "aws_iam_role_policy.not error",
      "aws_iam_role_policy.pass error",
      "aws_iam_role_policy.sts error",
    ]);
    const attach = run(rule, g).find((r) => r.location.address.endsWith("attach"));
    expect(attach?.message).toContain('"iam:AttachRolePolicy"');
  });
});

describe("WI504 unknown actions", () => {
  const rule = WI504_UNKNOWN_ACTION;

  test("Compliance: real names in any case, matching wildcards, `*`, interpolations", () => {
    const g = policiesGraph(
      inline(
        "aws_iam_role_policy.ok",
        allow(["S3:GETOBJECT", "ec2:Describe*", "*", "sts:AssumeRole", "${var.action}", "*:Get*"]),
      ),
    );
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Noncompliance 2: typos, wildcards matching nothing, unknown services, also in Deny", () => {
    const g = policiesGraph(
      inline(
        "aws_iam_role_policy.typo",
        allow(["s3:GetObjekt", "s3:Foo*", "nosuchservice:Get", "s3GetObject"]),
      ),
      inline("aws_iam_policy.deny", allow(["iam:DeleteRoel"], ["*"], { effect: "Deny" })),
    );
    expect(flagged(rule, g)).toEqual(["aws_iam_policy.deny warning", "aws_iam_role_policy.typo warning"]);
    const typo = run(rule, g).find((r) => r.location.address.endsWith("typo"));
    expect(typo?.message).toContain('"s3:GetObjekt", "s3:Foo*", "nosuchservice:Get", "s3GetObject"');
  });
});
