import { evaluate } from "../../lib/engine/evaluate";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { buildGraph } from "../../lib/extract/build-graph";
import type { InputDocument } from "../../lib/extract/input-document";
import { RECORD_KEY, RECORD_SCHEMA, type IdentityRecord } from "../../lib/model/record";
import { resolveRecordClaims } from "../../lib/extract/record-claims";
import type { Principal } from "../../lib/extract/identity-assembly";
import type { DocumentScope, ResourceView } from "../../lib/extract/resource-view";

/** The record the constructs embed for identity `stack/deploy` (shape of lib/model/record.ts). */
function record(overrides: Record<string, unknown> = {}) {
  return {
    schema: RECORD_SCHEMA,
    id: "stack/deploy",
    description: "Deploy the api",
    owner: { team: "payments", contact: "payments@example.com" },
    approver: { name: "security", reference: "SEC-1", expiresOn: "2027-06-30" },
    secretsApprover: { name: "secrets-custodians", reference: "SEC-2", expiresOn: "2026-12-31" },
    ttlSeconds: 1800,
    issuer: {
      kind: "github-actions",
      url: "https://token.actions.githubusercontent.com",
      constructPath: "stack/github",
      owner: { team: "platform", contact: "platform@example.com" },
    },
    subject: { kind: "github-environment", value: "repo:acme/api:environment:production" },
    audiences: { vault: ["vault"] },
    scope: { aws: [], vault: [{ path: "secret/data/payments/api", capabilities: ["read"] }] },
    suppressions: [],
    ...overrides,
  };
}

const comment = (child: string | undefined, body: unknown = record()) => ({
  "//": { ...(child ? { metadata: { path: `stack/deploy/${child}` } } : {}), [RECORD_KEY]: body },
});

/** A Vault JWT role on mount jwt-github bound to one subject, holding one policy. */
function vaultRole(name: string, subject: string, policy: string, extra: object = {}) {
  return {
    ...extra,
    backend: "jwt-github",
    role_name: name,
    role_type: "jwt",
    bound_audiences: ["vault"],
    bound_subject: subject,
    user_claim: "sub",
    token_ttl: 1800,
    token_max_ttl: 1800,
    token_explicit_max_ttl: 1800,
    token_no_default_policy: true,
    token_policies: [`\${vault_policy.${policy}.name}`],
  };
}

function stack(resource: Record<string, Record<string, unknown>>): InputDocument[] {
  return [
    {
      file: "stacks/stack/cdk.tf.json",
      stack: "stack",
      format: "terraform-json",
      json: {
        resource: {
          vault_jwt_auth_backend: {
            github: { path: "jwt-github", bound_issuer: "https://token.actions.githubusercontent.com" },
          },
          ...resource,
        },
      },
    },
  ];
}

const POLICY = resolvePolicy({ today: "2026-12-01" });
const SECRET = 'path "secret/data/payments/api" { capabilities = ["read"] }';

function findingLines(documents: InputDocument[]): string[] {
  return evaluate(buildGraph(documents), POLICY)
    .findings.filter((f) => ["WI101", "WI111", "WI301"].includes(f.ruleId))
    .map((f) =>
      f.ruleId === "WI301"
        ? `WI301 ${f.severity} ${[...f.identityIds].sort().join(" + ")}`
        : `${f.ruleId} ${f.severity} ${f.location.address}`,
    )
    .sort();
}

describe("the identity record is a claim, not an anchor", () => {
  test("GIVEN the genuine identity WHEN extracted THEN its IAM-free Vault side is one identity with the record, no WI111", () => {
    const graph = buildGraph(
      stack({
        vault_policy: { deploy_policy: { ...comment("vault-policy"), name: "stack-deploy", policy: SECRET } },
        vault_jwt_auth_backend_role: {
          deploy_role: vaultRole(
            "stack-deploy",
            "repo:acme/api:environment:production",
            "deploy_policy",
            comment("vault-role"),
          ),
        },
      }),
    );
    expect(graph.identities.map((i) => [i.id, i.record?.id])).toEqual([["stack/deploy", "stack/deploy"]]);
    expect(graph.recordIssues).toEqual([]);
  });

  test("GIVEN the record copied onto two hand-written roles WHEN evaluated THEN the sharing is still reported, plus WI111 on each copy", () => {
    const documents = stack({
      vault_policy: {
        deploy_policy: { ...comment("vault-policy"), name: "stack-deploy", policy: SECRET },
        other_policy: { ...comment(undefined), name: "other", policy: SECRET },
      },
      vault_jwt_auth_backend_role: {
        deploy_role: vaultRole(
          "stack-deploy",
          "repo:acme/api:environment:production",
          "deploy_policy",
          comment("vault-role"),
        ),
        // Copied with the whole "//" block, metadata path included: two principals claim one record.
        copy_a: vaultRole(
          "copy-a",
          "repo:acme/tool:ref:refs/heads/main",
          "other_policy",
          comment("vault-role"),
        ),
        // Copied without metadata: the record was not synthesized with this resource.
        copy_b: vaultRole("copy-b", "repo:acme/web:ref:refs/heads/main", "other_policy", comment(undefined)),
      },
    });
    const graph = buildGraph(documents);
    expect(graph.identities.map((i) => i.id).sort()).toEqual([
      "stack:vault_jwt_auth_backend_role.copy_a",
      "stack:vault_jwt_auth_backend_role.copy_b",
      "stack:vault_jwt_auth_backend_role.deploy_role",
    ]);
    expect(graph.identities.every((i) => i.record === undefined)).toBe(true);
    expect(graph.recordIssues.map((i) => `${i.kind} ${i.location.address}`).sort()).toEqual([
      "claimed-twice vault_jwt_auth_backend_role.copy_a",
      "claimed-twice vault_jwt_auth_backend_role.deploy_role",
      "foreign-resource vault_jwt_auth_backend_role.copy_b",
      "foreign-resource vault_policy.other_policy",
    ]);
    expect(findingLines(documents)).toEqual([
      "WI101 warning vault_jwt_auth_backend_role.copy_a",
      "WI101 warning vault_jwt_auth_backend_role.copy_b",
      "WI101 warning vault_jwt_auth_backend_role.deploy_role",
      "WI111 error vault_jwt_auth_backend_role.copy_a",
      "WI111 error vault_jwt_auth_backend_role.copy_b",
      "WI111 error vault_jwt_auth_backend_role.deploy_role",
      "WI111 error vault_policy.other_policy",
      // One finding for the three identities reaching the one path.
      "WI301 error stack:vault_jwt_auth_backend_role.copy_a + stack:vault_jwt_auth_backend_role.copy_b + stack:vault_jwt_auth_backend_role.deploy_role",
    ]);
  });

  test("GIVEN the record only on one resource of the identity (record once per identity) WHEN extracted THEN both principals join it", () => {
    const graph = buildGraph(
      stack({
        vault_policy: { deploy_policy: { ...comment("vault-policy"), name: "stack-deploy", policy: SECRET } },
        vault_jwt_auth_backend_role: {
          deploy_role: vaultRole("stack-deploy", "repo:acme/api:environment:production", "deploy_policy", {
            "//": { metadata: { path: "stack/deploy/vault-role" } },
          }),
        },
      }),
    );
    expect(graph.identities.map((i) => [i.id, i.record?.id])).toEqual([["stack/deploy", "stack/deploy"]]);
    expect(graph.recordIssues).toEqual([]);
  });

  test.each([
    ["suppressions: [null]", { suppressions: [null] }, "the record's suppressions[0] is not an object"],
    ["owner: null", { owner: null }, "the record's owner is not an object"],
    [
      "scope.vault item without path",
      { scope: { aws: [], vault: [{ capabilities: [] }] } },
      "the record's scope.vault[0].path is not a string",
    ],
    ["ttlSeconds NaN-like", { ttlSeconds: "900" }, "the record's ttlSeconds is not a number"],
    ["audiences.aws not a list", { audiences: { aws: "sts" } }, "the record's audiences.aws is not a list"],
  ])(
    "GIVEN a malformed record (%s) WHEN evaluated THEN WI111 reports it and the check goes on",
    (_label, overrides, problem) => {
      const documents = stack({
        vault_policy: {
          deploy_policy: { ...comment("vault-policy", record(overrides)), name: "p", policy: SECRET },
        },
        vault_jwt_auth_backend_role: {
          deploy_role: vaultRole(
            "r",
            "repo:acme/api:environment:production",
            "deploy_policy",
            comment("vault-role", record(overrides)),
          ),
        },
      });
      const graph = buildGraph(documents);
      expect(graph.recordIssues.map((i) => [i.kind, i.location.address, i.detail])).toEqual([
        ["malformed", "vault_policy.deploy_policy", problem],
        ["malformed", "vault_jwt_auth_backend_role.deploy_role", problem],
      ]);
      expect(findingLines(documents)).toEqual([
        "WI101 warning vault_jwt_auth_backend_role.deploy_role",
        "WI111 error vault_jwt_auth_backend_role.deploy_role",
        "WI111 error vault_policy.deploy_policy",
      ]);
    },
  );

  describe("a record whose scope differs from the attached policies", () => {
    const awsRecord = record({
      audiences: { aws: ["sts.amazonaws.com"] },
      scope: { aws: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::artifacts/*"] }], vault: [] },
    });
    const trust = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: {
            Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
          },
          Condition: {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": "repo:acme/api:environment:production",
            },
          },
        },
      ],
    });
    const policy = (action: string) =>
      JSON.stringify({
        Statement: [{ Effect: "Allow", Action: action, Resource: "arn:aws:s3:::artifacts/*" }],
      });
    function documents(action: string, extra: Record<string, Record<string, unknown>> = {}) {
      return stack({
        aws_iam_role: {
          deploy_role: { ...comment("role", awsRecord), name: "stack-deploy", assume_role_policy: trust },
        },
        aws_iam_role_policy: {
          deploy_policy: {
            ...comment("role-policy", awsRecord),
            name: "stack-deploy",
            role: "${aws_iam_role.deploy_role.name}",
            policy: policy(action),
          },
        },
        ...extra,
      });
    }
    const issues = (docs: InputDocument[]) =>
      buildGraph(docs).recordIssues.map((i) => `${i.kind} ${i.location.address}: ${i.detail}`);

    test("GIVEN the policy the record declares WHEN extracted THEN no issue", () => {
      expect(issues(documents("s3:GetObject"))).toEqual([]);
    });

    test("GIVEN an AWS-managed policy attached by hand to the declared role WHEN evaluated THEN WI111 says the scope differs", () => {
      const docs = documents("s3:GetObject", {
        aws_iam_role_policy_attachment: {
          admin: {
            role: "${aws_iam_role.deploy_role.name}",
            policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess",
          },
        },
      });
      expect(issues(docs)).toEqual([
        "scope-differs aws_iam_role.deploy_role: the policy AdministratorAccess is attached but not declared",
      ]);
      const wi111 = evaluate(buildGraph(docs), POLICY).findings.filter((f) => f.ruleId === "WI111");
      expect(wi111.map((f) => [f.severity, f.location.address])).toEqual([
        ["error", "aws_iam_role.deploy_role"],
      ]);
    });

    test("GIVEN the inline policy widened but the record left as it was WHEN extracted THEN the scope differs", () => {
      expect(issues(documents("s3:*"))).toEqual([
        "scope-differs aws_iam_role.deploy_role: attached policies grant s3:* on arn:aws:s3:::artifacts/*, which the record does not declare",
      ]);
    });
  });

  test("GIVEN a record with its metadata path copied into another stack WHEN extracted THEN it lends no accountability there", () => {
    const genuine = stack({
      vault_policy: { deploy_policy: { ...comment("vault-policy"), name: "stack-deploy", policy: SECRET } },
      vault_jwt_auth_backend_role: {
        deploy_role: vaultRole(
          "stack-deploy",
          "repo:acme/api:environment:production",
          "deploy_policy",
          comment("vault-role"),
        ),
      },
    });
    const copy: InputDocument = {
      file: "stacks/other/cdk.tf.json",
      stack: "other",
      format: "terraform-json",
      json: {
        resource: {
          vault_policy: { p: { name: "other", policy: SECRET } },
          vault_jwt_auth_backend_role: {
            r: vaultRole("other", "repo:acme/tool:ref:refs/heads/main", "p", comment("vault-role")),
          },
        },
      },
    };
    const graph = buildGraph([...genuine, copy]);
    expect(graph.identities.map((i) => [i.id, i.record?.id ?? null]).sort()).toEqual([
      ["other:vault_jwt_auth_backend_role.r", null],
      ["stack/deploy", "stack/deploy"],
    ]);
    expect(graph.recordIssues.map((i) => `${i.kind} ${i.location.stack}:${i.location.address}`)).toEqual([
      "foreign-resource other:vault_jwt_auth_backend_role.r",
    ]);
    const shared = evaluate(graph, POLICY).findings.filter((f) => f.ruleId === "WI301");
    expect(shared.map((f) => [...f.identityIds].sort().join(" + "))).toEqual([
      "other:vault_jwt_auth_backend_role.r + stack/deploy",
    ]);
  });
});

describe("resolveRecordClaims issue order", () => {
  // Minimal views: what resolveRecordClaims reads (scope, record, location).
  const scopeA = { file: "a" } as unknown as DocumentScope;
  const scopeB = { file: "b" } as unknown as DocumentScope;
  const view = (scope: DocumentScope, path: string, id?: string, address = path) =>
    ({
      scope,
      address,
      record: id === undefined ? undefined : (record({ id }) as unknown as IdentityRecord),
      location: { file: "f", stack: "stack", address, constructPath: path },
    }) as unknown as ResourceView;
  const principal = (kind: "aws-role" | "vault-role", v: ResourceView) =>
    ({ kind, view: v, role: {} }) as unknown as Principal;

  test("GIVEN ids claimed twice by either kind in two documents WHEN resolved THEN issues follow the first claims, document by document, and single claims join", () => {
    const carriers = [
      view(scopeA, "stack/x/role", "stack/x"),
      view(scopeA, "stack/y/role", "stack/y"),
      view(scopeB, "stack/z/role", "stack/z"),
    ];
    const principals = [
      principal("vault-role", view(scopeB, "stack/z/vault-role", undefined, "b1")),
      principal("vault-role", view(scopeA, "stack/y/vault-role", undefined, "a1")),
      principal("aws-role", view(scopeA, "stack/x/role", undefined, "a2")),
      principal("aws-role", view(scopeA, "stack/y/role", undefined, "a3")),
      principal("vault-role", view(scopeB, "stack/z/vault-role", undefined, "b2")),
      principal("aws-role", view(scopeA, "stack/x/role", undefined, "a4")),
      principal("vault-role", view(scopeA, "stack/y/vault-role", undefined, "a5")),
    ];
    const claims = resolveRecordClaims(carriers, principals);
    expect(claims.issues.map((i) => `${i.kind} ${i.recordId} ${i.location.address}`)).toEqual([
      "claimed-twice stack/z b1",
      "claimed-twice stack/z b2",
      "claimed-twice stack/y a1",
      "claimed-twice stack/y a5",
      "claimed-twice stack/x a2",
      "claimed-twice stack/x a4",
    ]);
    expect(principals.filter((_, i) => claims.recordOf[i] !== undefined).map((p) => p.view.address)).toEqual([
      "a3",
    ]);
  });

  test("GIVEN one id carried with two different records WHEN resolved THEN both carriers conflict and no principal joins it", () => {
    const carriers = [view(scopeA, "stack/x/role", "stack/x"), view(scopeA, "stack/x/vault-role", "stack/x")];
    (carriers[1] as { record: unknown }).record = { ...record({ id: "stack/x" }), description: "other" };
    const claims = resolveRecordClaims(carriers, [principal("aws-role", view(scopeA, "stack/x/role"))]);
    expect(claims.issues.map((i) => `${i.kind} ${i.location.address}`)).toEqual([
      "conflicting stack/x/role",
      "conflicting stack/x/vault-role",
    ]);
    expect(claims.recordOf.filter((record) => record !== undefined)).toEqual([]);
  });
});
