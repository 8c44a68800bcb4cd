import { readFileSync } from "fs";
import { join } from "path";
import { buildGraph } from "../../lib/extract/build-graph";
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

const FILE = "small-plan.json";
const path = join(FIXTURES, FILE);
const text = readFileSync(path, "utf8");
const graph = buildGraph([input(path, FILE, "plan-json")]);

describe("plan JSON", () => {
  test("GIVEN planned values, changes and child modules WHEN extracted THEN exactly these identities (deleted ones omitted)", () => {
    expect(graph.identities.map((i) => [i.id, i.kind, i.name])).toEqual([
      ["aws_iam_role.deploy", "workload", "deploy"],
      ["aws_iam_user.ci", "user", "ci"],
      ["vault_jwt_auth_backend_role.deploy", "workload", "deploy"],
      ['module.app["blue"].aws_iam_role.svc[0]', "service", "blue-0"],
    ]);
    expect(graph.sources).toEqual([{ file: FILE, format: "plan-json" }]);
  });

  test("GIVEN a trust known only after apply WHEN the data source is in prior_state THEN the trust is read from its json", () => {
    const identity = identityById(graph, "aws_iam_role.deploy");
    const role = onlyRole(identity);
    expect(role.trustSources).toEqual(["data.aws_iam_policy_document.deploy_trust"]);
    expect(principalLines(role.trust)).toEqual([
      "Federated arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
    ]);
    expect(conditionLines(role.trust)).toEqual([
      "StringEquals token.actions.githubusercontent.com:sub = repo:acme/api:ref:refs/heads/main",
      "StringEquals token.actions.githubusercontent.com:aud = sts.amazonaws.com",
    ]);
    expect(role.arn).toEqual({ unknown: true, reason: "known only after apply" });
    expect(role.maxSessionDurationSeconds).toBe(7200);
    expect(role.path).toBe("/");
    expect(role.permissionsBoundary).toBeUndefined();
    expect(identity.accountability).toMatchObject({
      source: "tags",
      owner: { team: "payments" },
      ttlSeconds: 900,
    });
    expect(identity.location).toEqual({
      file: FILE,
      address: "aws_iam_role.deploy",
      line: lineOf(text, '"address": "aws_iam_role.deploy"'),
    });
  });

  test("GIVEN a policy unknown at plan time and attachments by configuration reference WHEN extracted THEN Unknown with what it depends on, linked to the role", () => {
    const role = onlyRole(identityById(graph, "aws_iam_role.deploy"));
    expect(role.policies.map((p) => [p.kind, p.location.address, p.name, p.document])).toEqual([
      [
        "inline",
        "aws_iam_role.deploy",
        "inline",
        {
          statements: [
            {
              effect: "Allow",
              actions: ["s3:GetObject"],
              notActions: [],
              resources: ["*"],
              notResources: [],
              principals: [],
              notPrincipals: [],
              conditions: [],
            },
          ],
        },
      ],
      [
        "inline",
        "aws_iam_role_policy.deploy",
        "deploy",
        { unknown: true, reason: "the policy is known only after apply (depends on aws_s3_bucket.b.arn)" },
      ],
      ["customer-managed", "aws_iam_policy.shared", "shared", knownDocument(role.policies[2].document)],
    ]);
    expect(knownDocument(role.policies[2].document).statements.map((s) => s.effect)).toEqual(["Deny"]);
    expect(graph.awsPolicies.find((p) => p.location.address === "aws_iam_policy.shared")?.attachedTo).toEqual(
      ["aws_iam_role.deploy"],
    );
  });

  test("GIVEN a role in a module instance WHEN its trust comes from a module data source THEN the module-relative reference is followed", () => {
    const role = onlyRole(identityById(graph, 'module.app["blue"].aws_iam_role.svc[0]'));
    expect(role.trustSources).toEqual(['module.app["blue"].data.aws_iam_policy_document.trust']);
    expect(principalLines(role.trust)).toEqual(["Service ecs-tasks.amazonaws.com"]);
  });

  test("GIVEN a Vault role and a policy with the generated header WHEN extracted THEN accountability comes from the header", () => {
    const identity = identityById(graph, "vault_jwt_auth_backend_role.deploy");
    expect(identity.accountability).toEqual({
      source: "vault-policy-header",
      owner: { team: "payments", contact: "p@example.com" },
      issuerOwner: { team: "platform", contact: "pl@example.com" },
      approver: { name: "sec", reference: "SEC-1" },
      secretsApprover: undefined,
      ttlSeconds: 900,
      description: "deploy",
    });
    const [role] = identity.vaultRoles;
    expect([role.backendPath, role.backend, role.boundClaims, role.tokenTtl, role.tokenType]).toEqual([
      "jwt",
      undefined,
      { sub: "repo:acme/api:ref:refs/heads/main" },
      900,
      "default",
    ]);
    expect(role.policies.map((p) => p.rules)).toEqual([
      [{ path: "secret/data/payments/*", capabilities: ["read"] }],
    ]);
  });

  test("GIVEN an access key, a provider key, a token variable and a key only in configuration WHEN extracted THEN exactly these credentials", () => {
    expect(graph.staticCredentials.map((c) => [c.kind, c.location.address, c.principal, c.detail])).toEqual([
      [
        "hard-coded-aws-key",
        "aws_instance.box",
        undefined,
        "AWS access key ID ASIA…5678 is written in user_data",
      ],
      [
        "provider-static-key",
        "provider.aws",
        undefined,
        "the aws provider configuration contains the static access key AKIA…1234: the deployment uses a long-lived IAM user key",
      ],
      [
        "provider-static-key",
        "provider.vault",
        undefined,
        "the vault provider configuration sets token from var.vault_token: a static credential",
      ],
      [
        "aws-access-key",
        "aws_iam_access_key.ci",
        "aws_iam_user.ci",
        "a static access key for an IAM user; secret stored unencrypted in state (no pgp_key)",
      ],
    ]);
    expect(JSON.stringify(graph)).not.toContain("ASIAYYYYYYYYYYYY5678");
  });

  test("GIVEN an unused data document and a module without planned resources WHEN extracted THEN notes say so", () => {
    expect(graph.notes.map((n) => [n.location.address, n.message])).toEqual([
      [
        "module.empty",
        "module call with no resources in this plan: identities it may define are not reviewed",
      ],
      [
        "data.aws_iam_policy_document.unused",
        "policy document not used by any IAM role or policy in the input; its statements are not evaluated",
      ],
    ]);
  });
});
