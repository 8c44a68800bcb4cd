import { readFileSync } from "node:fs";
import { parse } from "@cdktf/hcl2json";
import { TerraformOutput, Testing, type TerraformStack } from "cdktf";
import { OidcIssuer } from "../../lib/constructs/oidc-issuer";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { AwsGrant } from "../../lib/declaration/aws-grant";
import { Duration } from "../../lib/declaration/duration";
import { Subject } from "../../lib/declaration/subject";
import { VaultGrant } from "../../lib/declaration/vault-grant";
import { RECORD_KEY, RECORD_SCHEMA, writtenRecord } from "../../lib/model/record";
import { accountabilityFromVaultPolicy } from "../../lib/model/vault-policy-header";
import { unescapeTerraformTemplate } from "../../lib/render/terraform-string";
import { only, removeOutdirs, synthResources, terraformJson, testStack } from "./construct-harness";
import { deployProps, githubIssuer, PLATFORM } from "./identity-fixtures";

afterAll(removeOutdirs);

async function vaultPaths(policyAttribute: string): Promise<Record<string, unknown>> {
  // Terraform un-escapes `$${`/`%%{` before Vault sees the text; parse what Vault would receive.
  const hcl = unescapeTerraformTemplate(policyAttribute);
  const json = (await parse("policy.hcl", hcl)) as Record<
    string,
    Record<string, Array<{ capabilities: string[] }>>
  >;
  expect(Object.keys(json)).toEqual(["path"]);
  return Object.fromEntries(
    Object.entries(json.path).map(([path, blocks]) => [path, blocks.map((b) => b.capabilities)]),
  );
}

describe("WorkloadIdentity: GitHub deploy identity with AWS and Vault sides", () => {
  test("GIVEN a valid declaration WHEN synthesized THEN role, inline policy, Vault policy and JWT role are exact", async () => {
    const stack = testStack();
    const identity = new WorkloadIdentity(stack, "deploy-api", deployProps(githubIssuer(stack)));
    const resources = synthResources(stack);
    expect(Object.keys(resources).sort()).toEqual([
      "aws_iam_openid_connect_provider",
      "aws_iam_role",
      "aws_iam_role_policy",
      "vault_jwt_auth_backend",
      "vault_jwt_auth_backend_role",
      "vault_policy",
    ]);
    const address = (type: string) => `${type}.${Object.keys(resources[type])[0]}`;
    const role = only(resources, "aws_iam_role");
    expect(role.name).toBe("stack-deploy-api");
    expect(role.max_session_duration).toBe(3600);
    expect(role.permissions_boundary).toBeUndefined();
    expect(JSON.parse(role.assume_role_policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          // Built from data sources Terraform reads during plan, so the trust is known in the plan.
          Principal: {
            Federated:
              "arn:${data.aws_partition.workload-identity-partition.partition}:iam::" +
              "${data.aws_caller_identity.workload-identity-caller-identity.account_id}:" +
              "oidc-provider/token.actions.githubusercontent.com",
          },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": "repo:acme/api:environment:production",
            },
          },
        },
      ],
    });
    expect(role.depends_on).toEqual([address("aws_iam_openid_connect_provider")]);
    expect(role.tags).toEqual({
      "workload-identity:id": "stack/deploy-api",
      "workload-identity:owner-team": "payments",
      "workload-identity:owner-contact": "payments@example.com",
      "workload-identity:issuer-owner": "platform",
      "workload-identity:approver": "security",
      "workload-identity:approval-ref": "SEC-1",
      "workload-identity:approval-expires": "2026-12-31",
      "workload-identity:secrets-approver": "secrets-custodians",
      "workload-identity:secrets-approval-ref": "SEC-2",
      "workload-identity:secrets-approval-expires": "2026-12-31",
      "workload-identity:ttl-seconds": "1800",
      "workload-identity:description": "Deploy the api service",
    });
    const inline = only(resources, "aws_iam_role_policy");
    expect(inline.role).toBe(`\${${address("aws_iam_role")}.name}`);
    expect(JSON.parse(inline.policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Grant0",
          Effect: "Allow",
          Action: ["s3:PutObject"],
          Resource: ["arn:aws:s3:::acme-artifacts/api/*"],
        },
      ],
    });

    const policy = only(resources, "vault_policy");
    expect(policy.name).toBe("stack-deploy-api");
    expect(await vaultPaths(policy.policy as string)).toEqual({
      "secret/data/payments/api/deploy": [["read"]],
    });
    expect(accountabilityFromVaultPolicy(policy.policy as string)?.owner).toEqual({
      team: "payments",
      contact: "payments@example.com",
    });

    expect(only(resources, "vault_jwt_auth_backend_role")).toEqual({
      backend: `\${${address("vault_jwt_auth_backend")}.path}`,
      role_name: "stack-deploy-api",
      role_type: "jwt",
      bound_audiences: ["vault.workload.identity"],
      bound_subject: "repo:acme/api:environment:production",
      user_claim: "sub",
      token_ttl: 1800,
      token_max_ttl: 1800,
      token_explicit_max_ttl: 1800,
      token_policies: [`\${${address("vault_policy")}.name}`],
      token_no_default_policy: true,
    });

    expect(identity.roleName).toBe("stack-deploy-api");
    expect(identity.vaultRoleName).toBe("stack-deploy-api");
    expect(identity.vaultPolicyName).toBe("stack-deploy-api");
    new TerraformOutput(stack, "role-arn", { value: identity.roleArn });
    const outputs = (JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> })
      .output;
    expect(outputs["role-arn"].value).toBe(`\${${address("aws_iam_role")}.arn}`);
    expect(WorkloadIdentity.isWorkloadIdentity(identity)).toBe(true);
    expect(WorkloadIdentity.isWorkloadIdentity({ record: identity.record })).toBe(false);
  });

  test("GIVEN an identity WHEN synthesized THEN its full record is under // of its IAM role only, next to metadata", () => {
    const stack = testStack();
    const identity = new WorkloadIdentity(
      stack,
      "deploy-api",
      deployProps(githubIssuer(stack), {
        suppressions: [
          {
            ruleId: "WI301",
            reason: "shared artifact bucket reviewed in SEC-9",
            approver: "security",
            expiresOn: "2026-09-01",
          },
        ],
      }),
    );
    expect(identity.record).toEqual({
      schema: RECORD_SCHEMA,
      id: "stack/deploy-api",
      description: "Deploy the api service",
      owner: { team: "payments", contact: "payments@example.com" },
      approver: { name: "security", reference: "SEC-1", expiresOn: "2026-12-31" },
      secretsApprover: { name: "secrets-custodians", reference: "SEC-2", expiresOn: "2026-12-31" },
      ttlSeconds: 1800,
      issuer: {
        kind: "github-actions",
        url: "https://token.actions.githubusercontent.com",
        constructPath: "stack/github",
        owner: PLATFORM,
      },
      subject: { kind: "github-environment", value: "repo:acme/api:environment:production" },
      audiences: { aws: ["sts.amazonaws.com"], vault: ["vault.workload.identity"] },
      scope: {
        aws: [{ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::acme-artifacts/api/*"] }],
        vault: [{ path: "secret/data/payments/api/deploy", capabilities: ["read"] }],
      },
      suppressions: [
        {
          ruleId: "WI301",
          reason: "shared artifact bucket reviewed in SEC-9",
          approver: "security",
          expiresOn: "2026-09-01",
        },
      ],
      // The line of `new WorkloadIdentity(` above, relative to the repository root.
      declaredAt: `test/constructs/workload-identity.test.ts:${lineAfter("its full record is under //", "new WorkloadIdentity(")}`,
    });
    const json = terraformJson(stack);
    const carriers: string[] = [];
    for (const [type, byName] of Object.entries(json.resource)) {
      for (const resource of Object.values(byName)) {
        const comment = resource["//"] as Record<string, unknown>;
        if (comment[RECORD_KEY] === undefined) continue;
        carriers.push(type);
        // One JSON text (lib/model/record.ts) holding exactly the record.
        expect(comment[RECORD_KEY]).toBe(writtenRecord(identity.record));
        expect(JSON.parse(comment[RECORD_KEY] as string)).toEqual(identity.record);
        expect(Object.keys(comment).sort()).toEqual([RECORD_KEY, "metadata"]);
      }
    }
    expect(carriers).toEqual(["aws_iam_role"]);
  });

  test("GIVEN a Vault-only identity WHEN synthesized THEN its Vault role carries the record, once", () => {
    const stack = testStack();
    const identity = vaultOnlyIdentity(stack);
    const json = terraformJson(stack);
    const carriers = Object.entries(json.resource).flatMap(([type, byName]) =>
      Object.values(byName)
        .filter((resource) => (resource["//"] as Record<string, unknown>)[RECORD_KEY] !== undefined)
        .map((resource) => [type, JSON.parse((resource["//"] as Record<string, string>)[RECORD_KEY])]),
    );
    expect(carriers).toEqual([["vault_jwt_auth_backend_role", identity.record]]);
  });
  test("GIVEN the Vault role's logical id overridden WHEN synthesized THEN the record is under it", () => {
    const stack = testStack();
    const identity = vaultOnlyIdentity(stack);
    (
      identity.node.findChild("vault-role") as unknown as { overrideLogicalId(id: string): void }
    ).overrideLogicalId("deploy_api_role");
    const roles = terraformJson(stack).resource.vault_jwt_auth_backend_role;
    expect(Object.keys(roles)).toEqual(["deploy_api_role"]);
    const comment = roles.deploy_api_role["//"] as Record<string, string>;
    expect(JSON.parse(comment[RECORD_KEY])).toEqual(identity.record);
  });
});

describe("WorkloadIdentity: every issuer kind and subject kind", () => {
  const issuers = {
    github: (s: TerraformStack) =>
      OidcIssuer.githubActions(s, "issuer", { owner: PLATFORM, aws: {}, vault: { mountPath: "jwt" } }),
    gitlab: (s: TerraformStack) =>
      OidcIssuer.gitlab(s, "issuer", { owner: PLATFORM, aws: {}, vault: { mountPath: "jwt" } }),
    eks: (s: TerraformStack) =>
      OidcIssuer.kubernetes(s, "issuer", {
        owner: PLATFORM,
        url: "https://oidc.eks.us-east-1.amazonaws.com/id/0123ABCD",
        aws: {},
        vault: { mountPath: "jwt" },
      }),
    hcp: (s: TerraformStack) =>
      OidcIssuer.terraformCloud(s, "issuer", { owner: PLATFORM, aws: {}, vault: { mountPath: "jwt" } }),
    spiffe: (s: TerraformStack) =>
      OidcIssuer.spiffe(s, "issuer", {
        owner: PLATFORM,
        url: "https://oidc.spire.example",
        trustDomain: "prod.example",
        aws: {},
        vault: { mountPath: "jwt" },
      }),
    generic: (s: TerraformStack) =>
      new OidcIssuer(s, "issuer", {
        owner: PLATFORM,
        url: "https://issuer.example.com",
        aws: {},
        vault: { mountPath: "jwt" },
      }),
  };

  test.each([
    [
      "github",
      Subject.githubBranch("acme/api", "main"),
      "token.actions.githubusercontent.com",
      "sts.amazonaws.com",
    ],
    [
      "github",
      Subject.githubEnvironment("acme/api", "prod"),
      "token.actions.githubusercontent.com",
      "sts.amazonaws.com",
    ],
    [
      "github",
      Subject.githubTag("acme/api", "v1"),
      "token.actions.githubusercontent.com",
      "sts.amazonaws.com",
    ],
    [
      "github",
      Subject.githubPullRequest("acme@1/api@2"),
      "token.actions.githubusercontent.com",
      "sts.amazonaws.com",
    ],
    ["gitlab", Subject.gitlab("acme/api", "branch", "main"), "gitlab.com", "sts.amazonaws.com"],
    [
      "eks",
      Subject.kubernetesServiceAccount("orders", "api"),
      "oidc.eks.us-east-1.amazonaws.com/id/0123ABCD",
      "sts.amazonaws.com",
    ],
    [
      "hcp",
      Subject.terraformCloud("acme", "Default Project", "net", "plan"),
      "app.terraform.io",
      "aws.workload.identity",
    ],
    ["spiffe", Subject.spiffe("spiffe://prod.example/ns/a/sa/b"), "oidc.spire.example", "sts.amazonaws.com"],
    ["generic", Subject.exact("client:42"), "issuer.example.com", "sts.amazonaws.com"],
    ["generic", Subject.githubBranch("acme/api", "main"), "issuer.example.com", "sts.amazonaws.com"],
  ] as const)(
    "GIVEN a %s issuer and subject %s THEN trust and Vault role pin that subject exactly",
    (kind, subject, host, aud) => {
      const stack = testStack();
      new WorkloadIdentity(stack, "identity", deployProps(issuers[kind](stack), { subject }));
      const resources = synthResources(stack);
      const trust = JSON.parse(only(resources, "aws_iam_role").assume_role_policy as string);
      expect(trust.Statement[0].Condition).toEqual({
        StringEquals: { [`${host}:aud`]: aud, [`${host}:sub`]: subject.value },
      });
      const vaultRole = only(resources, "vault_jwt_auth_backend_role");
      expect(vaultRole.bound_subject).toBe(subject.value);
      expect(vaultRole.bound_claims).toBeUndefined();
      expect(vaultRole.bound_claims_type).toBeUndefined();
    },
  );

  test("GIVEN Subject.pattern THEN AWS uses StringLike and Vault glob bound claims without comma parsing", () => {
    const stack = testStack();
    const subject = Subject.pattern(
      "repo:acme/api:ref:refs/heads/release-*",
      "one role for every release branch line",
    );
    const identity = new WorkloadIdentity(stack, "identity", deployProps(githubIssuer(stack), { subject }));
    const resources = synthResources(stack);
    const trust = JSON.parse(only(resources, "aws_iam_role").assume_role_policy as string);
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/api:ref:refs/heads/release-*" },
    });
    const vaultRole = only(resources, "vault_jwt_auth_backend_role");
    expect(vaultRole.bound_subject).toBeUndefined();
    expect(vaultRole.bound_claims).toEqual({ sub: "repo:acme/api:ref:refs/heads/release-*" });
    expect(vaultRole.bound_claims_type).toBe("glob");
    expect(vaultRole.disable_bound_claims_parsing).toBe(true);
    expect(identity.record.subject.patternReason).toBe("one role for every release branch line");
  });
});

describe("WorkloadIdentity: sides, TTL and options", () => {
  test("GIVEN only Vault grants THEN no IAM role is created and the AWS attributes are undefined", () => {
    const stack = testStack();
    const identity = new WorkloadIdentity(
      stack,
      "reader",
      deployProps(githubIssuer(stack), {
        scope: { description: "Read a secret", vault: [VaultGrant.read("secret/data/x")] },
      }),
    );
    const resources = synthResources(stack);
    expect(resources.aws_iam_role).toBeUndefined();
    expect(resources.aws_iam_role_policy).toBeUndefined();
    expect(identity.roleArn).toBeUndefined();
    expect(identity.roleName).toBeUndefined();
    expect(identity.record.audiences).toEqual({ vault: ["vault.workload.identity"] });
  });

  test("GIVEN only AWS grants without secrets THEN no Vault resources and no secrets approver needed", () => {
    const stack = testStack();
    const identity = new WorkloadIdentity(
      stack,
      "deployer",
      deployProps(githubIssuer(stack, { aws: true }), {
        secretsApprover: undefined,
        scope: {
          description: "Upload artifacts",
          aws: [AwsGrant.allow(["s3:PutObject"], ["arn:aws:s3:::b/*"])],
        },
      }),
    );
    const resources = synthResources(stack);
    expect(Object.keys(resources).sort()).toEqual([
      "aws_iam_openid_connect_provider",
      "aws_iam_role",
      "aws_iam_role_policy",
    ]);
    expect(identity.vaultRoleName).toBeUndefined();
  });

  test.each([
    [Duration.minutes(15), 3600],
    [Duration.hours(2), 7200],
    [Duration.parse("5h30m"), 19800],
    [Duration.hours(12), 43200],
  ])("GIVEN ttl %s THEN max_session_duration is %d and Vault TTLs equal the ttl", (ttl, maxSession) => {
    const stack = testStack();
    new WorkloadIdentity(stack, "identity", deployProps(githubIssuer(stack), { ttl }));
    const resources = synthResources(stack);
    expect(only(resources, "aws_iam_role").max_session_duration).toBe(maxSession);
    const vaultRole = only(resources, "vault_jwt_auth_backend_role");
    expect([vaultRole.token_ttl, vaultRole.token_max_ttl, vaultRole.token_explicit_max_ttl]).toEqual([
      ttl.toSeconds(),
      ttl.toSeconds(),
      ttl.toSeconds(),
    ]);
  });

  test("GIVEN a TTL below one hour with an AWS side THEN a warning says AWS cannot enforce it at the role", () => {
    const stack = testStack();
    const short = new WorkloadIdentity(
      stack,
      "short",
      deployProps(githubIssuer(stack), { ttl: Duration.minutes(20) }),
    );
    const long = new WorkloadIdentity(
      stack,
      "long",
      deployProps(stack.node.findChild("github") as OidcIssuer, {
        ttl: Duration.hours(1),
        subject: Subject.githubBranch("acme/api", "main"),
      }),
    );
    const warnings = (c: WorkloadIdentity) =>
      c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings(short)).toEqual([
      expect.stringContaining('"stack/short" ttl: 1200 seconds is below 3600'),
    ]);
    expect(warnings(long)).toEqual([]);
  });

  test("GIVEN a TTL below one hour with only a Vault side THEN no warning (Vault enforces it)", () => {
    const stack = testStack();
    const identity = new WorkloadIdentity(
      stack,
      "identity",
      deployProps(githubIssuer(stack), {
        ttl: Duration.minutes(5),
        scope: { description: "Read", vault: [VaultGrant.read("kv/data/a")] },
      }),
    );
    expect(identity.node.metadata.filter((m) => m.type === "@cdktf/warn")).toEqual([]);
  });

  test("GIVEN name, audience and permissions boundary THEN they are used", () => {
    const stack = testStack();
    const issuer = OidcIssuer.githubActions(stack, "github", {
      owner: PLATFORM,
      aws: { providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
      vault: { mountPath: "jwt-github", existingMount: true },
    });
    new WorkloadIdentity(
      stack,
      "identity",
      deployProps(issuer, {
        name: "Deploy-API",
        audience: "acme-deploy",
        permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/workload-boundary",
      }),
    );
    const resources = synthResources(stack);
    const role = only(resources, "aws_iam_role");
    expect(role.name).toBe("Deploy-API");
    expect(role.permissions_boundary).toBe("arn:aws:iam::111122223333:policy/workload-boundary");
    const trust = JSON.parse(role.assume_role_policy as string);
    expect(trust.Statement[0].Principal.Federated).toBe(
      "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
    );
    expect(trust.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"]).toBe(
      "acme-deploy",
    );
    const vaultRole = only(resources, "vault_jwt_auth_backend_role");
    expect(vaultRole.role_name).toBe("deploy-api");
    expect(vaultRole.backend).toBe("jwt-github");
    expect(vaultRole.bound_audiences).toEqual(["acme-deploy"]);
    expect(only(resources, "vault_policy").name).toBe("deploy-api");
  });
});

describe("WorkloadIdentity: hostile input stays inert", () => {
  const HOSTILE =
    '"}\npath "sys/*" {\n  capabilities = ["sudo"]\n}\n# ${file("/etc/passwd")} %{ if true }x%{ endif }';

  test("GIVEN hostile owner, contact, approver and description THEN the Vault policy has exactly the granted path", async () => {
    const stack = testStack();
    const identity = new WorkloadIdentity(
      stack,
      "identity",
      deployProps(githubIssuer(stack), {
        owner: { team: `team ${HOSTILE}`.replace(/\n/g, " "), contact: `c ${HOSTILE}`.replace(/\n/g, " ") },
        approver: {
          name: `a ${HOSTILE}`.replace(/\n/g, " "),
          reference: "${var.x}",
          expiresOn: "2030-12-31",
        },
        scope: {
          description: `Deploy ${HOSTILE}`.replace(/\n/g, " "),
          aws: [AwsGrant.allow(["s3:PutObject"], ["arn:aws:s3:::b/${aws:username}/*"])],
          vault: [VaultGrant.read("secret/data/a")],
        },
      }),
    );
    const resources = synthResources(stack);
    const policy = only(resources, "vault_policy").policy as string;
    expect(await vaultPaths(policy)).toEqual({ "secret/data/a": [["read"]] });
    expect(unescapeTerraformTemplate(policy).split("\n").slice(1)).toEqual([
      'path "secret/data/a" {',
      '  capabilities = ["read"]',
      "}",
      "",
    ]);
    expect(accountabilityFromVaultPolicy(unescapeTerraformTemplate(policy))?.description).toBe(
      identity.record.description,
    );

    // Outside "//" comments, the only unescaped `${` left are cdktf references to our own resources.
    const text = JSON.stringify(resources);
    const interpolations = text.match(/(?<!\$)\$\{[^}]*\}/g) ?? [];
    expect(
      interpolations.every((i) =>
        /^\$\{(aws_iam_role|vault_jwt_auth_backend|vault_policy)\.[\w-]+\.(name|path)\}$|^\$\{data\.aws_(caller_identity\.workload-identity-caller-identity\.account_id|partition\.workload-identity-partition\.partition)\}$/.test(
          i,
        ),
      ),
    ).toBe(true);
    expect(text).not.toMatch(/(?<!%)%\{/);
    // IAM policy variables reach AWS unchanged after Terraform un-escapes them.
    const inline = only(resources, "aws_iam_role_policy").policy as string;
    expect(JSON.parse(unescapeTerraformTemplate(inline)).Statement[0].Resource).toEqual([
      "arn:aws:s3:::b/${aws:username}/*",
    ]);
    // Tags hold only allowed characters.
    for (const value of Object.values(only(resources, "aws_iam_role").tags as Record<string, string>)) {
      expect(value).toMatch(/^[\p{L}\p{N} _.:/=+\-@]*$/u);
    }
  });

  test("GIVEN a subject with ${ in the branch name THEN trust and bound_subject keep it literal", () => {
    const stack = testStack();
    new WorkloadIdentity(
      stack,
      "identity",
      deployProps(githubIssuer(stack), { subject: Subject.githubBranch("acme/api", "x${y}") }),
    );
    const resources = synthResources(stack);
    const trust = JSON.parse(only(resources, "aws_iam_role").assume_role_policy as string);
    expect(trust.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toBe(
      "repo:acme/api:ref:refs/heads/x$${y}",
    );
    expect(only(resources, "vault_jwt_auth_backend_role").bound_subject).toBe(
      "repo:acme/api:ref:refs/heads/x$${y}",
    );
  });
});

/** 1-based line of the first line containing `text` after the line containing `anchor`, in this file. */
/** An identity with Vault grants only: its Vault role carries the record. */
function vaultOnlyIdentity(stack: TerraformStack): WorkloadIdentity {
  return new WorkloadIdentity(
    stack,
    "deploy-api",
    deployProps(githubIssuer(stack), {
      scope: { description: "Read the deploy secret", vault: [VaultGrant.read("secret/data/api/deploy")] },
    }),
  );
}

function lineAfter(anchor: string, text: string): number {
  const lines = readFileSync(__filename, "utf8").split("\n");
  const start = lines.findIndex((line) => line.includes(anchor));
  return lines.findIndex((line, i) => i > start && line.includes(text)) + 1;
}
