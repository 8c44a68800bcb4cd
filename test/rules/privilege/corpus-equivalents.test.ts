/**
 * Hand-built graphs equivalent to the corpus cases in test/fixtures/corpus (see each EXPECTED.md),
 * checked against every privilege rule at once: the exact set of (rule, address, severity).
 */
import type { AwsPolicy, IdentityGraph } from "../../../lib/model/graph";
import { unknown } from "../../../lib/model/unknown";
import { PRIVILEGE_RULES } from "../../../lib/rules/privilege";
import { awsPolicy, awsRole, awsUser, doc, graph, identity, loc } from "../../support/graph-builder";
import { run } from "../harness";
import { allow } from "./privilege-fixtures";

function verdicts(g: IdentityGraph): string[] {
  return PRIVILEGE_RULES.flatMap((rule) =>
    run(rule, g).map(
      (r) => `${rule.id} ${r.location.address} ${r.severity ?? rule.severity}${r.unknown ? " unknown" : ""}`,
    ),
  ).sort();
}

const managed = (address: string, name: string, attachedTo: string[]): AwsPolicy =>
  awsPolicy(address, unknown("AWS-managed policy content is not in the inputs"), {
    kind: "aws-managed",
    name,
    arn: `arn:aws:iam::aws:policy/${name}`,
    attachedTo,
  });

const at = (
  address: string,
  document: AwsPolicy["document"],
  attachedTo: string[],
  extra: Partial<AwsPolicy> = {},
) => awsPolicy(address, document, { attachedTo, ...extra });

describe("corpus equivalents (privilege rules)", () => {
  test("regula-admin-policy-plan: Allow * flagged on every principal type, Deny * and ec2:Describe* clean", () => {
    const g = graph({
      awsPolicies: [
        at("aws_iam_policy.invalid_policy", doc(allow(["*"])), []),
        at("aws_iam_policy.valid_deny_policy", doc(allow(["*"], ["*"], { effect: "Deny" })), []),
        at("aws_iam_group_policy.invalid_group_policy", doc(allow(["*"])), ["aws_iam_group.my_group"]),
        at("aws_iam_group_policy.valid_group_policy", doc(allow(["ec2:Describe*"])), [
          "aws_iam_group.my_group",
        ]),
        at("aws_iam_role_policy.invalid_role_policy", doc(allow(["*"])), ["aws_iam_role.my_test_role"]),
        at("aws_iam_role_policy.valid_role_policy", doc(allow(["ec2:Describe*"])), [
          "aws_iam_role.my_test_role",
        ]),
        at("aws_iam_user_policy.invalid_user_policy", doc(allow(["*"])), ["aws_iam_user.my_test_user"]),
        at("aws_iam_user_policy.valid_user_policy", doc(allow(["ec2:Describe*"])), [
          "aws_iam_user.my_test_user",
        ]),
      ],
    });
    expect(verdicts(g)).toEqual([
      "WI501 aws_iam_group_policy.invalid_group_policy error",
      "WI501 aws_iam_policy.invalid_policy error",
      "WI501 aws_iam_role_policy.invalid_role_policy error",
      "WI501 aws_iam_user_policy.invalid_user_policy error",
    ]);
  });

  test("checkov-iam-policies-plan: iam:* errors on role/group/user policies, s3:* on * a lower-severity warning", () => {
    const source = { documentSources: ["data.aws_iam_policy_document.fail_1"] };
    const role = awsRole("aws_iam_role.example");
    const g = graph({
      identities: [
        identity("aws_iam_role.example", { awsRoles: [role] }),
        identity("aws_iam_user.fail_3", { awsUsers: [awsUser("aws_iam_user.fail_3")] }),
      ],
      awsPolicies: [
        at("aws_iam_role_policy.fail_1", doc(allow(["iam:*"])), ["aws_iam_role.example"], source),
        at("aws_iam_group_policy.fail_2", doc(allow(["s3:Get*", "iam:*"])), ["aws_iam_group.fail_2"]),
        at("aws_iam_user_policy.fail_3", doc(allow(["iam:*"])), ["aws_iam_user.fail_3"], source),
        at("aws_iam_policy.policy_pass", doc(allow(["s3:*"])), []),
      ],
    });
    expect(verdicts(g)).toEqual([
      "WI501 aws_iam_group_policy.fail_2 error",
      "WI501 aws_iam_policy.policy_pass warning",
      "WI501 aws_iam_role_policy.fail_1 error",
      "WI501 aws_iam_user_policy.fail_3 error",
    ]);
    const [roleResult] = run(PRIVILEGE_RULES[0], g).filter(
      (r) => r.location.address === "aws_iam_role_policy.fail_1",
    );
    expect(roleResult.identityIds).toEqual(["aws_iam_role.example"]);
    expect(roleResult.related?.map((l) => l.address)).toEqual([
      "aws_iam_role.example",
      "data.aws_iam_policy_document.fail_1",
    ]);
  });

  test("checkov-terragoat-plan: service wildcards on * (user, instance role, ES resource policy); EKS managed policies clean", () => {
    const g = graph({
      awsPolicies: [
        at("aws_iam_user_policy.userpolicy", doc(allow(["ec2:*", "s3:*", "lambda:*", "cloudwatch:*"])), [
          "aws_iam_user.user",
        ]),
        at("aws_iam_role_policy.ec2policy", doc(allow(["s3:*", "ec2:*", "rds:*"])), ["aws_iam_role.ec2role"]),
        at(
          "aws_elasticsearch_domain_policy.monitoring-framework-policy",
          doc(allow(["es:*"], ["*"], { principals: [{ type: "AWS", values: ["*"] }] })),
          [],
          {
            kind: "resource-policy",
          },
        ),
        managed(
          "aws_iam_role_policy_attachment.policy_attachment-AmazonEKSClusterPolicy",
          "AmazonEKSClusterPolicy",
          ["aws_iam_role.iam_for_eks"],
        ),
        managed(
          "aws_iam_role_policy_attachment.policy_attachment-AmazonEKSServicePolicy",
          "AmazonEKSServicePolicy",
          ["aws_iam_role.iam_for_eks"],
        ),
      ],
    });
    expect(verdicts(g)).toEqual([
      "WI501 aws_elasticsearch_domain_policy.monitoring-framework-policy warning",
      "WI501 aws_iam_role_policy.ec2policy warning",
      "WI501 aws_iam_user_policy.userpolicy warning",
    ]);
  });

  test("angegar-cdk-eks-cdktf: route53:* on *, Route53Domains full access, no-op web identity; cluster role clean", () => {
    const node = ["aws_iam_role.ec2-pods-execution-role"];
    const cluster = ["aws_iam_role.eks-cluster-role"];
    const g = graph({
      awsPolicies: [
        at(
          "aws_iam_role.ec2-pods-execution-role",
          doc(allow(["route53:*"]), allow(["sts:AssumeRoleWithWebIdentity"])),
          node,
          { name: "STSAllowPolicy" },
        ),
        managed("aws_iam_role_policy_attachment.domains", "AmazonRoute53DomainsFullAccess", node),
        managed("aws_iam_role_policy_attachment.worker", "AmazonEKSWorkerNodePolicy", node),
        managed("aws_iam_role_policy_attachment.cni", "AmazonEKS_CNI_Policy", node),
        managed("aws_iam_role_policy_attachment.ecr", "AmazonEC2ContainerRegistryReadOnly", node),
        managed("aws_iam_role_policy_attachment.ssm", "AmazonSSMManagedInstanceCore", node),
        at("aws_iam_role.eks-cluster-role", doc(allow(["cloudwatch:PutMetricData"])), cluster, {
          location: loc("aws_iam_role.eks-cluster-role"),
        }),
        managed("aws_iam_role_policy_attachment.cluster", "AmazonEKSClusterPolicy", cluster),
        managed("aws_iam_role_policy_attachment.vpc", "AmazonEKSVPCResourceController", cluster),
      ],
    });
    expect(verdicts(g)).toEqual([
      "WI501 aws_iam_role.ec2-pods-execution-role warning",
      "WI508 aws_iam_role_policy_attachment.domains warning",
      "WI510 aws_iam_role.ec2-pods-execution-role note",
    ]);
  });

  test("snyk-terraci-unknown-policy-plan: unknown inline policies need review; ECR PowerUser is a low warning", () => {
    const g = graph({
      awsPolicies: [
        at("aws_iam_role_policy.terra_ci_job", unknown("known only after apply"), [
          "aws_iam_role.terra_ci_job",
        ]),
        at("aws_iam_role_policy.terra_ci_runner", unknown("known only after apply"), [
          "aws_iam_role.terra_ci_runner",
        ]),
        managed(
          "aws_iam_role_policy_attachment.terra_ci_job_ecr_access",
          "AmazonEC2ContainerRegistryPowerUser",
          ["aws_iam_role.terra_ci_job"],
        ),
      ],
    });
    expect(verdicts(g)).toEqual([
      "WI508 aws_iam_role_policy_attachment.terra_ci_job_ecr_access warning",
      "WI509 aws_iam_role_policy.terra_ci_job error unknown",
      "WI509 aws_iam_role_policy.terra_ci_runner error unknown",
    ]);
  });

  test("regula-cdktf-posts-stack: an interpolated table ARN is a specific resource; the stack is clean", () => {
    const exec = ["aws_iam_role.posts_api_lambda-exec_B42627E0"];
    const table = "${aws_dynamodb_table.posts_storage_table_50F8EECB.arn}";
    const g = graph({
      awsPolicies: [
        at(
          exec[0],
          doc(
            allow(
              [
                "dynamodb:Scan",
                "dynamodb:Query",
                "dynamodb:BatchGetItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
              ],
              [table],
            ),
          ),
          exec,
        ),
        awsPolicy(
          "aws_iam_role_policy_attachment.posts_api_lambda-managed-policy_460C9C52",
          unknown("AWS-managed"),
          {
            kind: "aws-managed",
            arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            attachedTo: exec,
          },
        ),
      ],
    });
    expect(verdicts(g)).toEqual([]);
  });

  test("aymanzahran-crossplane-irsa-cdktf: AdministratorAccess on an IRSA role is an error naming the identity", () => {
    const admin = managed("aws_iam_role_policy_attachment.admin", "AdministratorAccess", [
      "aws_iam_role.irsa",
    ]);
    const g = graph({
      identities: [identity("irsa", { awsRoles: [awsRole("aws_iam_role.irsa", { policies: [admin] })] })],
    });
    expect(verdicts(g)).toEqual(["WI508 aws_iam_role_policy_attachment.admin error"]);
    const result = run(
      PRIVILEGE_RULES.find((r) => r.id === "WI508")!,
      g,
    )[0];
    expect(result.identityIds).toEqual(["irsa"]);
    expect(result.message).toBe(
      'AWS-managed policy "AdministratorAccess" is attached to "aws_iam_role.irsa".',
    );
  });
});
