import { readFileSync } from "fs";
import { join } from "path";
import { buildGraph } from "../../lib/extract/build-graph";
import { PrincipalDirectory } from "../../lib/analysis/principal-directory";
import { isUnknown } from "../../lib/model/unknown";
import {
  FIXTURES,
  conditionLines,
  identityById,
  input,
  knownDocument,
  lineOf,
  onlyRole,
  principalLines,
} from "./support";

const FILE = "hand-written-stack.tf.json";
const path = join(FIXTURES, FILE);
const text = readFileSync(path, "utf8");
const graph = buildGraph([input(path, FILE, "terraform-json", "app")]);

describe("Terraform JSON: identities", () => {
  test("GIVEN resources of one WorkloadIdentity and hand-written ones WHEN extracted THEN exactly these identities", () => {
    expect(graph.identities.map((i) => [i.id, i.kind, i.name])).toEqual([
      ["app/deploy-api", "workload", "app/deploy-api"],
      ["app:aws_iam_role.ci", "workload", "ci-dev"],
      ["app:aws_iam_role.lambda", "service", "aws_iam_role.lambda"],
      ["app:aws_iam_user.legacy", "user", "legacy-deployer"],
      ["app:vault_kubernetes_auth_backend_role.reader", "workload", "reader"],
      ["app:vault_approle_auth_backend_role.ci", "workload", "ci"],
    ]);
  });

  test("GIVEN the embedded record WHEN extracted THEN IAM role and Vault role are one identity accountable from the record", () => {
    const identity = identityById(graph, "app/deploy-api");
    expect(identity.record?.id).toBe("app/deploy-api");
    expect(identity.stack).toBe("app");
    expect(identity.accountability).toEqual({
      source: "record",
      owner: { team: "payments", contact: "payments-oncall@example.com" },
      issuerOwner: { team: "platform", contact: "platform@example.com" },
      approver: { name: "security-governance", reference: "SEC-1234", expiresOn: "2027-06-30" },
      ttlSeconds: 1800,
      description: "Deploy the api service to production",
    });
    expect(identity.awsRoles.map((r) => r.location.address)).toEqual(["aws_iam_role.deploy-api_role_1A2B3C"]);
    expect(identity.vaultRoles.map((r) => r.location.address)).toEqual([
      "vault_jwt_auth_backend_role.deploy-api_vault-role_888",
    ]);
    expect(identity.location).toEqual({
      file: FILE,
      stack: "app",
      address: "aws_iam_role.deploy-api_role_1A2B3C",
      constructPath: "app/deploy-api/role",
      line: lineOf(text, '"deploy-api_role_1A2B3C"'),
    });
  });

  test("GIVEN a Federated principal ${aws_iam_openid_connect_provider.github.arn} WHEN extracted THEN it is linked to that provider's issuer", () => {
    const role = onlyRole(identityById(graph, "app/deploy-api"));
    expect(principalLines(role.trust)).toEqual([
      "Federated arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com",
    ]);
    expect(conditionLines(role.trust)).toEqual([
      "StringEquals token.actions.githubusercontent.com:aud = sts.amazonaws.com",
      "StringEquals token.actions.githubusercontent.com:sub = repo:acme/api:environment:production",
    ]);
    expect(role.maxSessionDurationSeconds).toBe(3600);
    expect(role.arn).toEqual({ unknown: true, reason: "known only after apply" });
    expect(role.policies.map((p) => [p.kind, p.location.address, p.attachedTo])).toEqual([
      ["inline", "aws_iam_role_policy.deploy-api_policy_4D5E6F", ["aws_iam_role.deploy-api_role_1A2B3C"]],
    ]);
  });

  test("GIVEN a trust from data.aws_iam_policy_document with ${var.*} WHEN extracted THEN rendered, defaults substituted, source recorded", () => {
    const identity = identityById(graph, "app:aws_iam_role.ci");
    const role = onlyRole(identity);
    expect(role.name).toBe("ci-dev");
    expect(role.trustSources).toEqual(["data.aws_iam_policy_document.ci_trust"]);
    expect(principalLines(role.trust)).toEqual([
      "Federated arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com",
    ]);
    expect(conditionLines(role.trust)).toEqual([
      "StringEquals token.actions.githubusercontent.com:aud = sts.amazonaws.com",
      "StringLike token.actions.githubusercontent.com:sub = repo:acme/api:*",
    ]);
    expect(role.permissionsBoundary).toEqual({
      unknown: true,
      reason: "not known statically (depends on var.boundary_arn)",
    });
    expect(identity.accountability).toEqual({
      source: "tags",
      owner: { team: "ci-team", contact: undefined },
      issuerOwner: undefined,
      approver: { name: "sec", reference: undefined, expiresOn: undefined },
      secretsApprover: undefined,
      ttlSeconds: undefined,
      description: undefined,
    });
  });

  test("GIVEN managed_policy_arns and a role_policy by role name WHEN extracted THEN all reach the role", () => {
    const role = onlyRole(identityById(graph, "app:aws_iam_role.ci"));
    expect(role.policies.map((p) => [p.kind, p.location.address])).toEqual([
      ["aws-managed", "aws_iam_role.ci"],
      ["customer-managed", "aws_iam_policy.reader"],
      ["inline", "aws_iam_role_policy.by_name"],
    ]);
    const [managed, reader, byName] = role.policies;
    expect(managed.document).toEqual({
      unknown: true,
      reason: "AWS-managed policy; content not in the input",
    });
    expect(managed.arn).toBe("arn:aws:iam::aws:policy/ReadOnlyAccess");
    expect(managed.name).toBe("ReadOnlyAccess");
    expect(reader.documentSources).toEqual(["data.aws_iam_policy_document.reader"]);
    expect(knownDocument(reader.document).statements).toEqual([
      {
        sid: "Read",
        effect: "Allow",
        actions: [],
        notActions: ["iam:*"],
        resources: ["*"],
        notResources: [],
        principals: [],
        notPrincipals: [],
        conditions: [],
      },
    ]);
    expect(isUnknown(byName.document) && byName.document.reason).toMatch(/^policy is not valid JSON/);
  });

  test("GIVEN a service role with name_prefix and a jsonencode inline policy WHEN extracted THEN name and policy are Unknown with reasons", () => {
    const role = onlyRole(identityById(graph, "app:aws_iam_role.lambda"));
    expect(role.name).toEqual({
      unknown: true,
      reason: 'the name is generated at apply from the prefix "fn-"',
    });
    expect(principalLines(role.trust)).toEqual(["Service lambda.amazonaws.com"]);
    expect(role.policies).toHaveLength(1);
    expect(role.policies[0].name).toBe("logs");
    expect(role.policies[0].document).toEqual({
      unknown: true,
      reason:
        "the inline policy is the Terraform expression ${jsonencode({Statement = []})}, which is not evaluated statically",
    });
  });

  test("GIVEN a user in a group WHEN extracted THEN the membership is recorded and the group's policies reach the user through the group", () => {
    const identity = identityById(graph, "app:aws_iam_user.legacy");
    expect(identity.accountability.source).toBe("tags");
    expect(identity.accountability.owner?.team).toBe("ops");
    const [user] = identity.awsUsers;
    expect(user.groups).toEqual(["aws_iam_group.admins", "external-group"]);
    expect(user.policies).toEqual([]);
    const held = PrincipalDirectory.of(graph).awsPoliciesOf(identity);
    expect(held.map((h) => h.principal.address)).toEqual(["aws_iam_group.admins"]);
    expect(held.map(({ policy: p }) => [p.kind, p.arn, p.location.address, p.attachedTo])).toEqual([
      [
        "aws-managed",
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "aws_iam_group_policy_attachment.admins",
        ["aws_iam_group.admins"],
      ],
    ]);
    expect(graph.awsGroups.map((g) => [g.location.address, g.name, g.policies.length])).toEqual([
      ["aws_iam_group.admins", "admins", 1],
    ]);
  });

  test("GIVEN every policy resource WHEN extracted THEN graph.awsPolicies lists each once (AWS-managed: once per attachment site) with its attachments", () => {
    expect(graph.awsPolicies.map((p) => [p.kind, p.location.address, p.attachedTo])).toEqual([
      ["inline", "aws_iam_role.lambda", ["aws_iam_role.lambda"]],
      ["customer-managed", "aws_iam_policy.reader", ["aws_iam_role.ci"]],
      ["aws-managed", "aws_iam_role.ci", ["aws_iam_role.ci"]],
      ["inline", "aws_iam_role_policy.deploy-api_policy_4D5E6F", ["aws_iam_role.deploy-api_role_1A2B3C"]],
      ["inline", "aws_iam_role_policy.by_name", ["aws_iam_role.ci"]],
      ["inline", "aws_iam_role_policy.orphan", []],
      ["aws-managed", "aws_iam_group_policy_attachment.admins", ["aws_iam_group.admins"]],
    ]);
  });
});

describe("Terraform JSON: Vault", () => {
  test("GIVEN the JWT role of the record WHEN extracted THEN every field is read and the policy linked by name", () => {
    const [role] = identityById(graph, "app/deploy-api").vaultRoles;
    const { policies, backend, location, ...fields } = role;
    expect(fields).toEqual({
      authType: "jwt",
      roleName: "deploy-api",
      backendPath: "jwt-github",
      roleType: "jwt",
      boundAudiences: ["vault"],
      boundClaims: { sub: "repo:acme/api:environment:production" },
      boundClaimsType: "string",
      userClaim: "sub",
      tokenPolicies: ["deploy-api"],
      tokenTtl: 1800,
      tokenMaxTtl: 1800,
      tokenExplicitMaxTtl: 1800,
      tokenNoDefaultPolicy: true,
    });
    expect(location.constructPath).toBe("app/deploy-api/vault-role");
    expect(backend?.location.address).toBe("vault_jwt_auth_backend.github");
    expect(policies.map((p) => [p.location.address, p.rules])).toEqual([
      [
        "vault_policy.deploy-api_vault-policy_777",
        [{ path: "secret/data/payments/api/deploy", capabilities: ["read"] }],
      ],
    ]);
  });

  test("GIVEN hand-written Kubernetes and AppRole roles WHEN extracted THEN mounts, policies and unknowns are linked", () => {
    const [k8s] = identityById(graph, "app:vault_kubernetes_auth_backend_role.reader").vaultRoles;
    expect(k8s.authType).toBe("kubernetes");
    expect(k8s.backendPath).toBe("kubernetes");
    expect(k8s.backend?.location.address).toBe("vault_auth_backend.kubernetes");
    expect(k8s.boundServiceAccountNames).toEqual(["reader"]);
    expect(k8s.boundServiceAccountNamespaces).toEqual({
      unknown: true,
      reason: "not known statically (depends on var.namespace)",
    });
    expect(k8s.tokenPeriod).toBe(3600);
    expect(k8s.policies.map((p) => p.location.address)).toEqual(["vault_policy.k8s"]);
    const [approle] = identityById(graph, "app:vault_approle_auth_backend_role.ci").vaultRoles;
    expect([approle.authType, approle.backendPath, approle.backend?.location.address]).toEqual([
      "approle",
      "approle-ci",
      "vault_auth_backend.approle",
    ]);
  });

  test("GIVEN vault_policy resources WHEN extracted THEN rules, header and attachments; a broken policy is Unknown", () => {
    expect(
      graph.vaultPolicies.map((p) => [p.location.address, p.name, p.attachedTo, p.header?.source]),
    ).toEqual([
      [
        "vault_policy.deploy-api_vault-policy_777",
        "deploy-api",
        ["vault_jwt_auth_backend_role.deploy-api_vault-role_888"],
        "vault-policy-header",
      ],
      ["vault_policy.broken", "broken", [], undefined],
      [
        "vault_policy.k8s",
        "k8s-reader",
        ["vault_kubernetes_auth_backend_role.reader", "vault_approle_auth_backend_role.ci"],
        undefined,
      ],
    ]);
    expect(graph.vaultPolicies[1].rules).toEqual({
      unknown: true,
      reason: 'Vault policy could not be parsed: expected "," or "]" on line 2',
    });
    expect(graph.vaultAuthBackends.map((b) => [b.location.address, b.type, b.path, b.boundIssuer])).toEqual([
      ["vault_jwt_auth_backend.github", "jwt", "jwt-github", "https://token.actions.githubusercontent.com"],
      ["vault_auth_backend.kubernetes", "kubernetes", "kubernetes", undefined],
      ["vault_auth_backend.approle", "approle", "approle-ci", undefined],
    ]);
  });
});

describe("Terraform JSON: static credentials, providers, notes", () => {
  test("GIVEN keys, profiles, tokens, secret IDs and a provider token WHEN extracted THEN exactly these credentials", () => {
    expect(graph.staticCredentials.map((c) => [c.kind, c.location.address, c.principal, c.detail])).toEqual([
      [
        "hard-coded-aws-key",
        "aws_lambda_function.fn",
        undefined,
        "AWS access key ID AKIA…MNOP is written in environment.variables.KEY",
      ],
      [
        "provider-static-key",
        "provider.vault",
        undefined,
        "the vault provider block contains a static Vault token",
      ],
      [
        "aws-access-key",
        "aws_iam_access_key.legacy",
        "aws_iam_user.legacy",
        "a static access key for an IAM user; secret stored unencrypted in state (no pgp_key)",
      ],
      [
        "aws-login-profile",
        "aws_iam_user_login_profile.legacy",
        "aws_iam_user.legacy",
        "a console password for an IAM user; secret encrypted with pgp_key in state",
      ],
      [
        "vault-approle-secret-id",
        "vault_approle_auth_backend_role_secret_id.ci",
        "vault_approle_auth_backend_role.ci",
        "an AppRole secret ID created by Terraform; the secret is stored in state",
      ],
      [
        "vault-token",
        "vault_token.bootstrap",
        undefined,
        "a Vault token created by Terraform; the token is stored in state; periodic (renewable without limit)",
      ],
    ]);
    const serialized = JSON.stringify(graph.staticCredentials);
    expect(serialized).not.toContain("AKIAABCDEFGHIJKLMNOP");
    expect(serialized).not.toContain("hvs.not-a-real-token");
  });

  test("GIVEN a local module call that was not loaded and a policy for a role not in the input WHEN extracted THEN the module is unknown and a note names the role", () => {
    expect(graph.notes.map((n) => [n.location.address, n.message])).toEqual([
      ["aws_iam_role_policy.orphan", 'refers to IAM role "somebody-else", which is not in the input'],
      [
        "aws_iam_user_group_membership.legacy",
        'refers to IAM group "external-group", which is not in the input',
      ],
    ]);
    expect(graph.unknowns.map((n) => [n.location.address, n.expression, n.reason])).toEqual([
      [
        "module.network",
        "source = ./modules/network",
        "is a local module that could not be read (it was not loaded): the principals and attachments it defines are not reviewed",
      ],
    ]);
  });

  test("GIVEN the text WHEN extracted THEN locations carry the line of the resource key", () => {
    const lines = Object.fromEntries(
      graph.staticCredentials.map((c) => [c.location.address, c.location.line]),
    );
    expect(lines["aws_iam_access_key.legacy"]).toBe(lineOf(text, '"aws_iam_access_key": {') + 1);
    expect(lines["provider.vault"]).toBe(lineOf(text, '"vault": ['));
    expect(graph.sources).toEqual([{ file: FILE, stack: "app", format: "terraform-json" }]);
  });
});

describe("Terraform JSON: shapes", () => {
  test("GIVEN no text, resource lists and an interpolated provider key WHEN extracted THEN read without line numbers", () => {
    const g = buildGraph([
      {
        file: "x.tf.json",
        format: "terraform-json",
        json: {
          provider: { aws: { access_key: "${var.key}", alias: "west" } },
          resource: [
            { aws_iam_role: { a: [{ name: "a" }, { assume_role_policy: '{"Statement":[]}' }] } },
            {
              aws_iam_role: { b: { name: "${aws_iam_role.a.name}-b", assume_role_policy: "${var.missing}" } },
            },
          ],
          variable: { key: {} },
        },
      },
    ]);
    expect(g.identities.map((i) => [i.id, i.kind, i.location.line])).toEqual([
      ["aws_iam_role.a", "other", undefined],
      ["aws_iam_role.b", "other", undefined],
    ]);
    expect(g.identities[1].awsRoles[0].name).toBe("a-b");
    expect(g.identities[1].awsRoles[0].trust).toEqual({
      unknown: true,
      reason:
        "the trust policy is the Terraform expression ${var.missing}, which is not evaluated statically",
    });
    expect(g.staticCredentials.map((c) => [c.kind, c.location.address, c.detail])).toEqual([
      [
        "provider-static-key",
        "provider.aws.west",
        "the aws provider block sets access_key from ${var.key}: the deployment uses a long-lived IAM user key",
      ],
    ]);
  });

  test("GIVEN a value that is not an object WHEN extracted THEN a note, no crash", () => {
    const g = buildGraph([{ file: "bad.tf.json", format: "terraform-json", json: [1, 2] }]);
    expect(g.identities).toEqual([]);
    expect(g.notes.map((n) => n.message)).toEqual([
      "the document is not a JSON object; nothing was read from it",
    ]);
  });

  test("GIVEN a malformed record WHEN extracted THEN it is ignored, reported as a record issue, and the role stands alone", () => {
    const g = buildGraph([
      {
        file: "r.tf.json",
        stack: "s",
        format: "terraform-json",
        json: {
          resource: {
            aws_iam_role: {
              r: {
                "//": { "cdktf-workload-identity": { schema: "cdktf-workload-identity/v1", id: "" } },
                name: "r",
                assume_role_policy: "{}",
              },
            },
          },
        },
      },
    ]);
    expect(g.identities.map((i) => [i.id, i.record])).toEqual([["s:aws_iam_role.r", undefined]]);
    expect(g.recordIssues.map((n) => [n.location.address, n.kind, n.detail])).toEqual([
      ["aws_iam_role.r", "malformed", "the record has no id"],
    ]);
    expect(g.identities[0].awsRoles[0].trust).toEqual({ unknown: true, reason: "policy has no Statement" });
  });

  test("GIVEN two documents defining the same address without stacks WHEN extracted THEN ids stay unique", () => {
    const json = { resource: { aws_iam_role: { r: { name: "r", assume_role_policy: '{"Statement":[]}' } } } };
    const g = buildGraph([
      { file: "one.tf.json", format: "terraform-json", json },
      { file: "two.tf.json", format: "terraform-json", json },
    ]);
    // Both get their file: the first one given is not privileged, so ids do not depend on order.
    expect(g.identities.map((i) => i.id)).toEqual([
      "one.tf.json:aws_iam_role.r",
      "two.tf.json:aws_iam_role.r",
    ]);
  });
});

describe("Terraform JSON: AWS-managed policy attachment sites", () => {
  const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  const trust = '{"Statement":[]}';
  const g = buildGraph([
    {
      file: "sites.tf.json",
      format: "terraform-json",
      json: {
        resource: {
          aws_iam_role: {
            a: { name: "a", assume_role_policy: trust, managed_policy_arns: [ADMIN] },
            b: { name: "b", assume_role_policy: trust },
            c: { name: "c", assume_role_policy: trust },
          },
          aws_iam_role_policy_attachment: {
            b_admin: { role: "${aws_iam_role.b.name}", policy_arn: ADMIN },
          },
          aws_iam_policy_attachment: {
            shared: {
              name: "shared",
              policy_arn: ADMIN,
              roles: ["${aws_iam_role.b.name}", "${aws_iam_role.c.name}"],
            },
          },
        },
      },
    },
  ]);

  test("GIVEN one ARN attached at three sites WHEN extracted THEN one policy per site, located at the site, attached to its targets", () => {
    expect(g.awsPolicies.map((p) => [p.kind, p.arn, p.location.address, p.attachedTo])).toEqual([
      ["aws-managed", ADMIN, "aws_iam_role.a", ["aws_iam_role.a"]],
      ["aws-managed", ADMIN, "aws_iam_role_policy_attachment.b_admin", ["aws_iam_role.b"]],
      ["aws-managed", ADMIN, "aws_iam_policy_attachment.shared", ["aws_iam_role.b", "aws_iam_role.c"]],
    ]);
    expect(onlyRole(identityById(g, "aws_iam_role.b")).policies.map((p) => p.location.address)).toEqual([
      "aws_iam_role_policy_attachment.b_admin",
      "aws_iam_policy_attachment.shared",
    ]);
  });
});

describe("Terraform JSON: references read while resources are read", () => {
  test("GIVEN a count that reads an ARN whose region is a variable of the root module WHEN extracted THEN the instances are unknown, the reading does not fail", () => {
    const json = {
      variable: { region: { default: "eu-west-1" } },
      provider: { aws: [{ region: "${var.region}" }] },
      resource: {
        aws_sqs_queue: { q: { name: "q1" } },
        aws_iam_role: { r: { count: "${aws_sqs_queue.q.arn}", name: "r", assume_role_policy: "{}" } },
      },
    };
    const read = buildGraph([{ file: "f.tf.json", format: "terraform-json", json }]);
    expect(read.unknowns.map((u) => [u.location.address, u.expression])).toEqual([
      ["aws_iam_role.r", "count = ${aws_sqs_queue.q.arn}"],
    ]);
  });
});
