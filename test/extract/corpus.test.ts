import { readdirSync, statSync } from "fs";
import { join } from "path";
import { buildGraph } from "../../lib/extract/build-graph";
import type { AwsPolicy, IdentityGraph } from "../../lib/model/graph";
import { isUnknown } from "../../lib/model/unknown";
import {
  CORPUS,
  conditionLines,
  corpusInput,
  identityById,
  knownDocument,
  onlyRole,
  principalLines,
} from "./support";

function graphOf(relative: string): IdentityGraph {
  return buildGraph([corpusInput(relative)]);
}

/** AWS-managed policies are named by ARN and located where they are attached. */
function summary(policy: AwsPolicy): string {
  const site =
    policy.kind === "aws-managed"
      ? `${String(policy.arn)} at ${policy.location.address}`
      : policy.location.address;
  if (isUnknown(policy.document)) return `${policy.kind} ${site}: unknown (${policy.document.reason})`;
  const statements = policy.document.statements.map(
    (s) =>
      `${s.effect} ${[...s.actions, ...s.notActions.map((a) => `not ${a}`)].join(",")} on ${s.resources.join(",")}`,
  );
  return `${policy.kind} ${site}: ${statements.join("; ")}`;
}

const MANAGED_UNKNOWN = "unknown (AWS-managed policy; content not in the input)";

describe("corpus: every file is read", () => {
  const files = readdirSync(CORPUS)
    .filter((entry) => statSync(join(CORPUS, entry)).isDirectory())
    .flatMap((dir) =>
      readdirSync(join(CORPUS, dir))
        .filter((f) => f.endsWith(".json"))
        .map((f) => `${dir}/${f}`),
    );

  test("GIVEN the corpus WHEN listed THEN all ten inputs are present", () => {
    expect(files).toHaveLength(10);
  });

  test.each(files)(
    "GIVEN %s WHEN extracted THEN no crash and every identity has a location in that file",
    (file) => {
      const graph = graphOf(file);
      expect(graph.identities.length).toBeGreaterThan(0);
      for (const identity of graph.identities) expect(identity.location.file).toBe(file);
    },
  );
});

describe("corpus: angegar-cdk-eks-cdktf", () => {
  const graph = graphOf("angegar-cdk-eks-cdktf/cdk.tf.json");

  test("GIVEN the node and cluster roles WHEN extracted THEN two service identities with their inline and managed policies", () => {
    expect(graph.identities.map((i) => [i.id, i.kind, i.name, i.location.constructPath])).toEqual([
      [
        "aws_iam_role.ec2-pods-execution-role",
        "service",
        "role-pods-laurentgil",
        "sbx-laurentgil/ec2-pods-execution-role",
      ],
      [
        "aws_iam_role.eks-cluster-role",
        "service",
        "role-eks-cluster-laurentgil",
        "sbx-laurentgil/eks-cluster-role",
      ],
    ]);
    expect(onlyRole(graph.identities[0]).policies.map(summary)).toEqual([
      "inline aws_iam_role.ec2-pods-execution-role: Allow sts:AssumeRoleWithWebIdentity on *; Allow route53:* on *",
      `aws-managed arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy at aws_iam_role.ec2-pods-execution-role: ${MANAGED_UNKNOWN}`,
      `aws-managed arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy at aws_iam_role.ec2-pods-execution-role: ${MANAGED_UNKNOWN}`,
      `aws-managed arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly at aws_iam_role.ec2-pods-execution-role: ${MANAGED_UNKNOWN}`,
      `aws-managed arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore at aws_iam_role.ec2-pods-execution-role: ${MANAGED_UNKNOWN}`,
      `aws-managed arn:aws:iam::aws:policy/AmazonRoute53DomainsFullAccess at aws_iam_role.ec2-pods-execution-role: ${MANAGED_UNKNOWN}`,
    ]);
    expect(principalLines(onlyRole(graph.identities[1]).trust)).toEqual(["Service eks.amazonaws.com"]);
  });

  test("GIVEN a named-profile provider and no modules WHEN extracted THEN no credentials and no notes", () => {
    expect(graph.staticCredentials).toEqual([]);
    expect(graph.notes).toEqual([]);
    expect(graph.oidcProviders).toEqual([]);
  });
});

describe("corpus: aymanzahran-crossplane-irsa-cdktf", () => {
  const graph = graphOf("aymanzahran-crossplane-irsa-cdktf/cdk.tf.json");
  const issuer =
    "oidc.eks.us-east-1.amazonaws.com/id/arn:aws:iam::903664048601:role/eks-crossplane-iam-role-dev";

  test("GIVEN ${var.*} inside the trust JSON WHEN extracted THEN variable defaults are substituted", () => {
    const identity = identityById(graph, "aws_iam_role.eks_iam-eks-node-role_1738041F");
    expect(identity.kind).toBe("workload");
    const role = onlyRole(identity);
    expect(role.name).toBe("dev-eks-iam-role");
    expect(principalLines(role.trust)).toEqual([
      `Federated arn:aws:iam::903664048601:oidc-provider/${issuer}`,
    ]);
    expect(conditionLines(role.trust)).toEqual([
      `StringEquals ${issuer}:sub = system:serviceaccount:crossplane-system:eks-crossplane-sa-dev`,
      `StringEquals ${issuer}:aud = sts.amazonaws.com`,
    ]);
    expect(role.policies.map(summary)).toEqual([
      `aws-managed arn:aws:iam::aws:policy/AdministratorAccess at aws_iam_role.eks_iam-eks-node-role_1738041F: ${MANAGED_UNKNOWN}`,
    ]);
  });

  test("GIVEN access_key in the aws provider block WHEN extracted THEN one provider static key, the key not copied", () => {
    expect(graph.staticCredentials.map((c) => [c.kind, c.location.address, c.detail])).toEqual([
      [
        "provider-static-key",
        "provider.aws",
        "the aws provider block contains the static access key AKIA…MPLE: the deployment uses a long-lived IAM user key",
      ],
    ]);
  });

  test("GIVEN four module calls WHEN extracted THEN one note each, the EKS module among them", () => {
    expect(graph.notes.map((n) => n.location.address)).toEqual([
      "module.aks_BAB83E91",
      "module.aks_vnet_CD5E95BE",
      "module.eks_B1A34D59",
      "module.eks_vpc_924ECCC8",
    ]);
    expect(graph.notes[2].message).toContain('"terraform-aws-modules/eks/aws"');
    expect(graph.notes[2].location.constructPath).toBe("dev/eks/eks");
  });
});

describe("corpus: checkov-github-oidc-roles", () => {
  const graph = graphOf("checkov-github-oidc-roles/github-oidc-roles.tf.json");

  test("GIVEN the CKV_AWS_393 fixtures WHEN extracted THEN every role with its kind and exact subject conditions", () => {
    const subjects = graph.identities.map((i) => [
      i.name,
      i.kind,
      conditionLines(onlyRole(i).trust).filter((line) => line.includes(":sub")),
    ]);
    expect(subjects).toEqual([
      [
        "fail-abusable",
        "workload",
        [
          "StringEquals token.actions.githubusercontent.com:sub = workflow:github-actions:repo:myOrg/myRepo:ref:refs/heads/MyBranch",
        ],
      ],
      [
        "fail-misused-repo",
        "workload",
        ["StringEquals token.actions.githubusercontent.com:sub = repo:myOrg*"],
      ],
      ["fail-wildcard", "workload", ["StringEquals token.actions.githubusercontent.com:sub = *"]],
      [
        "fail-wildcard-assertion",
        "workload",
        ["StringEquals token.actions.githubusercontent.com:sub = repo:*"],
      ],
      ["fail1", "workload", []],
      ["fail2", "workload", ["StringEquals token.actions.githubusercontent.com:sub = invalid"]],
      [
        "pass-fm-customer",
        "workload",
        ["StringLike token.actions.githubusercontent.com:sub = repo:freddiemac/*"],
      ],
      [
        "pass-gh-org",
        "workload",
        [
          "StringEquals token.actions.githubusercontent.com/github-org:sub = repo:myOrg/myRepo:ref:refs/heads/MyBranch",
        ],
      ],
      ["pass-org-only", "workload", ["StringEquals token.actions.githubusercontent.com:sub = repo:myOrg/*"]],
      ["pass1", "service", []],
      ["pass2", "workload", ["StringLike token.actions.githubusercontent.com:sub = repo:myOrg/myRepo:*"]],
      [
        "pass3",
        "workload",
        ["StringEquals token.actions.githubusercontent.com:sub = repo:myOrg/myRepo:ref:refs/heads/MyBranch"],
      ],
      [
        "pass_aud_first",
        "workload",
        ["StringLike token.actions.githubusercontent.com:sub = repo:org/our-repo-name:*"],
      ],
    ]);
    expect(identityById(graph, "aws_iam_role.fail1").location.line).toBe(34);
  });
});

describe("corpus: checkov-iam-policies-plan", () => {
  const graph = graphOf("checkov-iam-policies-plan/tfplan.json");

  test("GIVEN inline policies on role, group and user WHEN extracted THEN each reaches its principal (CRLF policy read)", () => {
    expect(graph.identities.map((i) => [i.id, i.kind])).toEqual([
      ["aws_iam_role.example", "service"],
      ["aws_iam_user.fail_3", "user"],
    ]);
    expect(onlyRole(graph.identities[0]).policies.map(summary)).toEqual([
      "inline aws_iam_role_policy.fail_1: Allow iam:* on *",
    ]);
    expect(graph.identities[1].awsUsers[0].policies.map(summary)).toEqual([
      "inline aws_iam_user_policy.fail_3: Allow iam:* on *",
    ]);
    expect(graph.awsGroups.map((g) => [g.location.address, g.policies.map(summary)])).toEqual([
      ["aws_iam_group.fail_2", ["inline aws_iam_group_policy.fail_2: Allow s3:Get*,iam:* on *"]],
    ]);
  });

  test("GIVEN a data source only in prior_state WHEN extracted THEN it is recorded as the source, not as another policy", () => {
    expect(graph.awsPolicies.map((p) => [summary(p), p.attachedTo, p.documentSources])).toEqual([
      ["customer-managed aws_iam_policy.policy_pass: Allow s3:* on *", [], []],
      ["inline aws_iam_group_policy.fail_2: Allow s3:Get*,iam:* on *", ["aws_iam_group.fail_2"], []],
      [
        "inline aws_iam_role_policy.fail_1: Allow iam:* on *",
        ["aws_iam_role.example"],
        ["data.aws_iam_policy_document.fail_1"],
      ],
      [
        "inline aws_iam_user_policy.fail_3: Allow iam:* on *",
        ["aws_iam_user.fail_3"],
        ["data.aws_iam_policy_document.fail_1"],
      ],
    ]);
    expect(graph.staticCredentials).toEqual([]);
    expect(graph.notes).toEqual([]);
  });
});

describe.each(["tfplan.json", "tfplan.pr7610.json"])("corpus: checkov-oidc-trust-data-plan/%s", (file) => {
  const graph = graphOf(`checkov-oidc-trust-data-plan/${file}`);

  test("GIVEN trusts unknown at plan time WHEN extracted THEN each role instance is resolved from the document instance with its key", () => {
    const rows = graph.identities.map((i) => {
      const role = onlyRole(i);
      return [
        i.id,
        i.kind,
        role.name,
        role.trustSources,
        principalLines(role.trust),
        conditionLines(role.trust),
      ];
    });
    const google = "arn:aws:iam::<account>:oidc-provider/accounts.google.com";
    const conditions = (key: string) => [
      "StringEquals accounts.google.com:aud = sts.amazonaws.com",
      `StringEquals accounts.google.com:sub = system:serviceaccount:${key}:default`,
    ];
    expect(rows).toEqual([
      [
        'module.poc.aws_iam_role.r6["p1"]',
        "workload",
        "r8",
        ['module.poc.data.aws_iam_policy_document.r4["p1"]'],
        ["Federated cognito-identity.amazonaws.com"],
        conditions("p1"),
      ],
      [
        'module.poc.aws_iam_role.r6["p2"]',
        "workload",
        "r9",
        ['module.poc.data.aws_iam_policy_document.r4["p2"]'],
        ["Federated cognito-identity.amazonaws.com"],
        conditions("p2"),
      ],
      [
        'module.poc.aws_iam_role.r1["p1"]',
        "workload",
        "r7",
        ['module.poc.data.aws_iam_policy_document.r3["p1"]'],
        [`Federated ${google}`],
        conditions("p1"),
      ],
      [
        'module.poc.aws_iam_role.r1["p2"]',
        "workload",
        "r2",
        ['module.poc.data.aws_iam_policy_document.r3["p2"]'],
        [`Federated ${google}`],
        conditions("p2"),
      ],
    ]);
  });

  test("GIVEN the inline s3 policy and the Google provider WHEN extracted THEN both are read", () => {
    const role = onlyRole(identityById(graph, 'module.poc.aws_iam_role.r1["p1"]'));
    expect(role.policies.map(summary)).toEqual([
      'inline module.poc.aws_iam_role.r1["p1"]: Allow s3:ListBucket on arn:aws:s3:::',
    ]);
    expect(knownDocument(role.policies[0].document).statements[0].conditions).toEqual([
      { operator: "StringLike", key: "s3:prefix", values: ["p1/*"] },
    ]);
    expect(graph.oidcProviders.map((p) => [p.location.address, p.url, p.clientIds])).toEqual([
      ["module.poc.aws_iam_openid_connect_provider.r5", "https://accounts.google.com", ["sts.amazonaws.com"]],
    ]);
  });

  test("GIVEN a document only in planned_values (PR file) WHEN extracted THEN it is found and reported as not used", () => {
    expect(graph.notes.map((n) => [n.location.address, n.message])).toEqual(
      file === "tfplan.pr7610.json"
        ? [
            [
              "module.poc.data.aws_iam_policy_document.pass_immutable",
              "policy document not used by any IAM role or policy in the input; its statements are not evaluated",
            ],
          ]
        : [],
    );
  });
});

describe("corpus: checkov-terragoat-plan", () => {
  const graph = graphOf("checkov-terragoat-plan/tfplan.json");

  test("GIVEN the TerraGoat plan WHEN extracted THEN exactly these identities and policies", () => {
    expect(graph.identities.map((i) => [i.id, i.kind, i.name])).toEqual([
      ["aws_iam_role.ec2role", "service", "123456789123-acme-corp-role"],
      ["aws_iam_role.iam_for_eks", "service", "123456789123-acme-corp-iam-for-eks"],
      ["aws_iam_role.iam_for_lambda", "service", "123456789123-acme-corp-analysis-lambda"],
      ["aws_iam_user.user", "user", "123456789123-acme-corp-user"],
    ]);
    expect(onlyRole(identityById(graph, "aws_iam_role.iam_for_eks")).trustSources).toEqual([
      "data.aws_iam_policy_document.iam_policy_eks",
    ]);
    expect(graph.awsPolicies.map(summary)).toEqual([
      "resource-policy aws_elasticsearch_domain_policy.monitoring-framework-policy: Allow es:* on *",
      "inline aws_iam_role_policy.ec2policy: Allow s3:*,ec2:*,rds:* on *",
      `aws-managed arn:aws:iam::aws:policy/AmazonEKSClusterPolicy at aws_iam_role_policy_attachment.policy_attachment-AmazonEKSClusterPolicy: ${MANAGED_UNKNOWN}`,
      `aws-managed arn:aws:iam::aws:policy/AmazonEKSServicePolicy at aws_iam_role_policy_attachment.policy_attachment-AmazonEKSServicePolicy: ${MANAGED_UNKNOWN}`,
      "inline aws_iam_user_policy.userpolicy: Allow ec2:*,s3:*,lambda:*,cloudwatch:* on *",
    ]);
    expect(principalLines(graph.awsPolicies[0].document)).toEqual(["AWS *"]);
  });

  test("GIVEN the access key and keys in Lambda env and user_data (configuration only) WHEN extracted THEN exactly three credentials", () => {
    expect(graph.staticCredentials.map((c) => [c.kind, c.location.address, c.principal, c.detail])).toEqual([
      [
        "hard-coded-aws-key",
        "aws_lambda_function.analysis_lambda",
        undefined,
        "AWS access key ID AKIA…MPLE is written in environment[0].variables.access_key",
      ],
      [
        "hard-coded-aws-key",
        "aws_instance.web_host",
        undefined,
        "AWS access key ID AKIA…MAAA is written in user_data",
      ],
      [
        "aws-access-key",
        "aws_iam_access_key.user",
        "aws_iam_user.user",
        "a static access key for an IAM user; secret stored unencrypted in state (no pgp_key)",
      ],
    ]);
    expect(JSON.stringify(graph)).not.toMatch(/AKIAIOSFODNN7EXAM|wJalrXUtnFEMI/);
  });
});

describe("corpus: regula-admin-policy-plan", () => {
  const graph = graphOf("regula-admin-policy-plan/admin_policy_infra.json");

  test("GIVEN Allow * and Deny * policies on every principal type WHEN extracted THEN effects are kept", () => {
    expect(graph.awsPolicies.map((p) => [summary(p), p.attachedTo])).toEqual([
      ["customer-managed aws_iam_policy.invalid_policy: Allow * on *", []],
      ["customer-managed aws_iam_policy.valid_deny_policy: Deny * on *", []],
      ["inline aws_iam_group_policy.invalid_group_policy: Allow * on *", ["aws_iam_group.my_group"]],
      [
        "inline aws_iam_group_policy.valid_group_policy: Allow ec2:Describe* on *",
        ["aws_iam_group.my_group"],
      ],
      ["inline aws_iam_role_policy.invalid_role_policy: Allow * on *", ["aws_iam_role.my_test_role"]],
      [
        "inline aws_iam_role_policy.valid_role_policy: Allow ec2:Describe* on *",
        ["aws_iam_role.my_test_role"],
      ],
      ["inline aws_iam_user_policy.invalid_user_policy: Allow * on *", ["aws_iam_user.my_test_user"]],
      [
        "inline aws_iam_user_policy.valid_user_policy: Allow ec2:Describe* on *",
        ["aws_iam_user.my_test_user"],
      ],
    ]);
    expect(graph.identities.map((i) => [i.id, i.kind])).toEqual([
      ["aws_iam_role.my_test_role", "service"],
      ["aws_iam_user.my_test_user", "user"],
    ]);
  });
});

describe("corpus: regula-cdktf-posts-stack", () => {
  const graph = graphOf("regula-cdktf-posts-stack/posts-dev.tf.json");

  test("GIVEN an interpolated table ARN as Resource WHEN extracted THEN it reads the table's ARN from its literal name and the provider's region", () => {
    const identity = identityById(graph, "aws_iam_role.posts_api_lambda-exec_B42627E0");
    expect([identity.kind, identity.location.constructPath]).toEqual([
      "service",
      "posts-dev/posts/api/lambda-exec",
    ]);
    expect(onlyRole(identity).policies.map(summary)).toEqual([
      "inline aws_iam_role.posts_api_lambda-exec_B42627E0: Allow dynamodb:Scan,dynamodb:Query,dynamodb:BatchGetItem,dynamodb:GetItem,dynamodb:PutItem on arn:aws:dynamodb:eu-central-1:<account>:table/sls-posts-development",
      `aws-managed arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole at aws_iam_role_policy_attachment.posts_api_lambda-managed-policy_460C9C52: ${MANAGED_UNKNOWN}`,
    ]);
    expect(graph.identities).toHaveLength(1);
    expect(graph.staticCredentials).toEqual([]);
    expect(graph.notes).toEqual([]);
  });
});

describe("corpus: snyk-terraci-unknown-policy-plan", () => {
  const graph = graphOf("snyk-terraci-unknown-policy-plan/tf-plan-create.json");

  test("GIVEN inline policies unknown at plan time WHEN extracted THEN Unknown with what they depend on, never clean", () => {
    expect(graph.identities.map((i) => [i.id, i.kind, onlyRole(i).policies.map(summary)])).toEqual([
      [
        "aws_iam_role.terra_ci_job",
        "service",
        [
          "inline aws_iam_role_policy.terra_ci_job: unknown (the policy is known only after apply (depends on data.aws_caller_identity.current, aws_s3_bucket.terra_ci))",
          `aws-managed arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser at aws_iam_role_policy_attachment.terra_ci_job_ecr_access: ${MANAGED_UNKNOWN}`,
        ],
      ],
      [
        "aws_iam_role.terra_ci_runner",
        "service",
        [
          "inline aws_iam_role_policy.terra_ci_runner: unknown (the policy is known only after apply (depends on aws_codebuild_project.terra_ci, var.aws_region, data.aws_caller_identity.current))",
        ],
      ],
    ]);
    expect(graph.staticCredentials).toEqual([]);
  });
});
