/**
 * WI301 as Vault evaluates policies, end to end from Terraform JSON: which policies a token carries
 * (default, names as Vault normalizes them, JSON syntax), which rule applies (most specific, deny),
 * namespaces, KV v2 control paths, cubbyhole.
 */
import { WI301_SHARED_VAULT_PATH as rule } from "../../../lib/rules/shared-paths/wi301-shared-vault-path";
import { flagged, run } from "../harness";
import { GITHUB_MOUNT, hcl, jwtRole, terraformGraph } from "./vault-terraform";

describe("WI301: policies a token carries", () => {
  test("a rewritten `default` policy applies to every role unless token_no_default_policy is true", () => {
    const g = terraformGraph({
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_policy: {
        default: { name: "default", policy: hcl({ "secret/data/shared/*": ["read"] }) },
        a: { name: "a", policy: hcl({ "secret/data/a/*": ["read"] }) },
        b: { name: "b", policy: hcl({ "secret/data/b/*": ["read"] }) },
        c: { name: "c", policy: hcl({ "secret/data/c/*": ["read"] }) },
      },
      vault_jwt_auth_backend_role: {
        a: jwtRole("a", ["a"]),
        b: jwtRole("b", ["b"]),
        c: jwtRole("c", ["c"], { token_no_default_policy: true }),
      },
    });
    expect(flagged(rule, g)).toEqual(["vault_policy.default error"]);
    expect(run(rule, g)[0].identityIds).toEqual([
      "vault_jwt_auth_backend_role.a",
      "vault_jwt_auth_backend_role.b",
    ]);
  });

  test("the built-in default policy (not in the inputs) shares nothing; token_policies naming it are not missing", () => {
    const g = terraformGraph({
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_policy: {
        a: { name: "a", policy: hcl({ "secret/data/a/*": ["read"], "cubbyhole/*": ["read", "update"] }) },
        b: { name: "b", policy: hcl({ "secret/data/b/*": ["read"], "cubbyhole/*": ["read", "update"] }) },
      },
      vault_jwt_auth_backend_role: {
        a: jwtRole("a", ["a", "default"]),
        b: jwtRole("b", ["b", " Default "]),
      },
    });
    // cubbyhole/ is private to each token: never shared.
    expect(flagged(rule, g)).toEqual([]);
  });

  test("policy names are compared lower-cased and trimmed, as Vault stores them", () => {
    const g = terraformGraph({
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_policy: {
        shared: { name: "Payments-Read", policy: hcl({ "secret/data/payments/*": ["read"] }) },
      },
      vault_jwt_auth_backend_role: {
        a: jwtRole("a", [" payments-read"]),
        b: jwtRole("b", ["PAYMENTS-READ "]),
      },
    });
    expect(flagged(rule, g)).toEqual(["vault_policy.shared error"]);
  });

  test("two policy resources whose names normalize alike are one Vault policy: a token naming it may carry either text", () => {
    const g = terraformGraph({
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_policy: {
        upper: { name: "App", policy: hcl({ "secret/data/a/*": ["read"] }) },
        lower: { name: " app", policy: hcl({ "secret/data/b/*": ["read"] }) },
        readsA: { name: "reads-a", policy: hcl({ "secret/data/a/x": ["read"] }) },
        readsB: { name: "reads-b", policy: hcl({ "secret/data/b/x": ["read"] }) },
        readsC: { name: "reads-c", policy: hcl({ "secret/data/c/x": ["read"] }) },
      },
      vault_jwt_auth_backend_role: {
        app: jwtRole("app", ["APP"]),
        a: jwtRole("a", ["reads-a"]),
        b: jwtRole("b", ["reads-b"]),
        c: jwtRole("c", ["reads-c"]),
      },
    });
    expect(
      run(rule, g)
        .map((r) => (r.identityIds ?? []).join(" + "))
        .sort(),
    ).toEqual([
      "vault_jwt_auth_backend_role.a + vault_jwt_auth_backend_role.app",
      "vault_jwt_auth_backend_role.app + vault_jwt_auth_backend_role.b",
    ]);
  });

  test("a policy written in JSON syntax is read like HCL", () => {
    const json = (path: string) => JSON.stringify({ path: { [path]: { capabilities: ["read"] } } });
    const g = terraformGraph({
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_policy: {
        a: { name: "a", policy: json("secret/data/payments/*") },
        b: { name: "b", policy: json("secret/data/payments/db") },
        c: { name: "c", policy: json("secret/data/other/db") },
      },
      vault_jwt_auth_backend_role: { a: jwtRole("a", ["a"]), b: jwtRole("b", ["b"]), c: jwtRole("c", ["c"]) },
    });
    expect(flagged(rule, g)).toEqual(["vault_policy.a error"]);
  });
});

describe("WI301: the rule Vault applies", () => {
  const twoRoles = (a: Record<string, string[]>, b: Record<string, string[]>) =>
    terraformGraph({
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_policy: { a: { name: "a", policy: hcl(a) }, b: { name: "b", policy: hcl(b) } },
      vault_jwt_auth_backend_role: { a: jwtRole("a", ["a"]), b: jwtRole("b", ["b"]) },
    });

  test("a more specific deny takes the other's subtree away from a broad glob", () => {
    expect(
      flagged(
        rule,
        twoRoles(
          { "secret/data/*": ["read"], "secret/data/b/*": ["deny"] },
          { "secret/data/b/db": ["read"] },
        ),
      ),
    ).toEqual([]);
  });

  test("a more specific rule with only `list` wins over the glob too (most specific rule, not a union)", () => {
    expect(
      flagged(
        rule,
        twoRoles(
          { "secret/data/*": ["read"], "secret/data/b/*": ["list"] },
          { "secret/data/b/db": ["read"] },
        ),
      ),
    ).toEqual([]);
  });

  test("a deny narrower than the other's reach leaves the rest shared", () => {
    expect(
      flagged(
        rule,
        twoRoles(
          { "secret/data/*": ["read"], "secret/data/b/db": ["deny"] },
          { "secret/data/b/*": ["read"] },
        ),
      ),
    ).toEqual(["vault_policy.a error"]);
  });

  test("a less specific deny does not win over a more specific grant", () => {
    expect(
      flagged(
        rule,
        twoRoles({ "secret/*": ["deny"], "secret/data/b/db": ["read"] }, { "secret/data/b/*": ["read"] }),
      ),
    ).toEqual(["vault_policy.a error"]);
  });

  test("deny on the same path in another policy of the token wins (rules merge per path)", () => {
    const g = terraformGraph({
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_policy: {
        a: { name: "a", policy: hcl({ "secret/data/b/db": ["read"] }) },
        guard: { name: "guard", policy: hcl({ "secret/data/b/db": ["deny"] }) },
        b: { name: "b", policy: hcl({ "secret/data/b/db": ["read"] }) },
      },
      vault_jwt_auth_backend_role: { a: jwtRole("a", ["a", "guard"]), b: jwtRole("b", ["b"]) },
    });
    expect(flagged(rule, g)).toEqual([]);
  });
});

describe("WI301: namespaces", () => {
  test("the same path in two namespaces is distinct; a parent namespace's policy reaches its child", () => {
    const g = terraformGraph({
      vault_jwt_auth_backend: {
        team1: { ...GITHUB_MOUNT, namespace: "team1" },
        team2: { ...GITHUB_MOUNT, namespace: "team2" },
        root: GITHUB_MOUNT,
      },
      vault_policy: {
        t1: { name: "app", namespace: "team1", policy: hcl({ "secret/data/db": ["read"] }) },
        t2: { name: "app", namespace: "team2", policy: hcl({ "secret/data/db": ["read"] }) },
        parent: { name: "parent", policy: hcl({ "team2/secret/data/*": ["read"] }) },
      },
      vault_jwt_auth_backend_role: {
        t1: jwtRole("t1", ["app"], { namespace: "team1" }),
        t2: jwtRole("t2", ["app"], { namespace: "team2" }),
        parent: jwtRole("parent", ["parent"]),
      },
    });
    expect(flagged(rule, g)).toEqual(["vault_policy.parent error"]);
    expect(run(rule, g)[0].identityIds).toEqual([
      "vault_jwt_auth_backend_role.parent",
      "vault_jwt_auth_backend_role.t2",
    ]);
  });
});

describe("WI301: KV v2 control paths", () => {
  test("delete / destroy / metadata writes act on the secret at data/ (so the two destroyers share it too); metadata read and list do not", () => {
    const g = terraformGraph({
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_policy: {
        owner: { name: "owner", policy: hcl({ "secret/data/payments/db": ["read"] }) },
        destroyer: { name: "destroyer", policy: hcl({ "secret/destroy/payments/*": ["update"] }) },
        pruner: { name: "pruner", policy: hcl({ "secret/metadata/payments/db": ["delete"] }) },
        lister: { name: "lister", policy: hcl({ "secret/metadata/payments/*": ["list"] }) },
        auditor: { name: "auditor", policy: hcl({ "secret/metadata/*": ["read"] }) },
      },
      vault_jwt_auth_backend_role: {
        owner: jwtRole("owner", ["owner"]),
        destroyer: jwtRole("destroyer", ["destroyer"]),
        pruner: jwtRole("pruner", ["pruner"]),
        lister: jwtRole("lister", ["lister"]),
        auditor: jwtRole("auditor", ["auditor"]),
      },
    });
    expect(
      run(rule, g)
        .map((r) => r.identityIds?.join(" "))
        .sort(),
    ).toEqual([
      "vault_jwt_auth_backend_role.destroyer vault_jwt_auth_backend_role.owner",
      "vault_jwt_auth_backend_role.destroyer vault_jwt_auth_backend_role.pruner",
      "vault_jwt_auth_backend_role.owner vault_jwt_auth_backend_role.pruner",
    ]);
  });
});

describe("WI301: templated paths", () => {
  const templated = (path: string) =>
    terraformGraph({
      vault_jwt_auth_backend: { github: GITHUB_MOUNT, other: { ...GITHUB_MOUNT, path: "jwt-other" } },
      vault_policy: { own: { name: "own", policy: hcl({ [path]: ["read", "update"] }) } },
      vault_jwt_auth_backend_role: {
        a: jwtRole("a", ["own"]),
        b: jwtRole("b", ["own"]),
        // Same subject as `a` on the same mount: the same entity alias, so the same entity.
        twin: jwtRole("twin", ["own"], {
          role_name: "twin",
          bound_subject: "repo:acme/a:ref:refs/heads/main",
        }),
        elsewhere: jwtRole("elsewhere", ["own"], { backend: "jwt-other" }),
      },
    });

  test.each([
    "secret/data/{{identity.entity.id}}/*",
    "secret/data/{{identity.entity.name}}/*",
    "secret/data/home/{{identity.entity.aliases.auth_jwt_12345.name}}",
  ])("%s bound to distinct entities does not overlap; one entity shared by two roles does", (path) => {
    const g = templated(path);
    expect(run(rule, g).map((r) => r.identityIds?.join(" + "))).toEqual([
      "vault_jwt_auth_backend_role.a + vault_jwt_auth_backend_role.twin",
    ]);
  });

  test("a templated path still meets another identity's concrete path (the template may take that value)", () => {
    const g = terraformGraph({
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_policy: {
        own: { name: "own", policy: hcl({ "secret/data/{{identity.entity.id}}/*": ["read"] }) },
        fixed: { name: "fixed", policy: hcl({ "secret/data/4f1c/db": ["read"] }) },
      },
      vault_jwt_auth_backend_role: { a: jwtRole("a", ["own"]), b: jwtRole("b", ["fixed"]) },
    });
    expect(flagged(rule, g)).toEqual(["vault_policy.own error"]);
  });
});

describe("WI301: identity groups and entities", () => {
  const base = {
    vault_jwt_auth_backend: { github: GITHUB_MOUNT },
    vault_policy: {
      a: { name: "a", policy: hcl({ "secret/data/a/*": ["read"] }) },
      b: { name: "b", policy: hcl({ "secret/data/b/*": ["read"] }) },
      c: { name: "c", policy: hcl({ "secret/data/c/*": ["read"] }) },
      team: { name: "Team", policy: hcl({ "secret/data/a/db": ["read"] }) },
    },
    vault_jwt_auth_backend_role: {
      a: jwtRole("a", ["a"]),
      b: jwtRole("b", ["b"], { groups_claim: "groups" }),
      c: jwtRole("c", ["c"]),
    },
  };

  test("an internal group's policies reach the entities it holds, through the entity alias of a role's subject", () => {
    const g = terraformGraph({
      ...base,
      vault_identity_entity: { c: { name: "c-entity" } },
      vault_identity_entity_alias: {
        c: {
          name: "repo:acme/c:ref:refs/heads/main",
          mount_accessor: "${vault_jwt_auth_backend.github.accessor}",
          canonical_id: "${vault_identity_entity.c.id}",
        },
      },
      vault_identity_group: {
        parent: {
          name: "parent",
          policies: ["team"],
          member_group_ids: ["${vault_identity_group.child.id}"],
        },
        child: { name: "child", member_entity_ids: ["${vault_identity_entity.c.id}"] },
      },
    });
    // The child group's member gets the parent's "team" policy: it reaches a's secret.
    expect(run(rule, g).map((r) => r.identityIds?.join(" + "))).toEqual([
      "vault_jwt_auth_backend_role.a + vault_jwt_auth_backend_role.c",
    ]);
  });

  test("an external group's policies reach the roles of its mount that read a groups claim", () => {
    const g = terraformGraph({
      ...base,
      vault_identity_group: { ops: { name: "ops", type: "external", policies: ["team"] } },
      vault_identity_group_alias: {
        ops: {
          name: "ops",
          mount_accessor: "${vault_jwt_auth_backend.github.accessor}",
          canonical_id: "${vault_identity_group.ops.id}",
        },
      },
    });
    expect(run(rule, g).map((r) => r.identityIds?.join(" + "))).toEqual([
      "vault_jwt_auth_backend_role.a + vault_jwt_auth_backend_role.b",
    ]);
  });

  test("group membership that is not known statically is reported, not passed", () => {
    const g = terraformGraph({
      ...base,
      vault_identity_group: {
        ops: { name: "ops", policies: ["team"], member_entity_ids: ["${var.members}"] },
      },
    });
    expect(flagged(rule, g)).toEqual([
      "vault_jwt_auth_backend_role.a warning unknown",
      "vault_jwt_auth_backend_role.b warning unknown",
      "vault_jwt_auth_backend_role.c warning unknown",
    ]);
  });
});

describe("WI301: AppRole and Kubernetes roles", () => {
  test("an AppRole's and a Kubernetes role's token policies reach like a JWT role's", () => {
    const g = terraformGraph({
      vault_auth_backend: {
        approle: { type: "approle", path: "approle" },
        k8s: { type: "kubernetes", path: "kubernetes" },
      },
      vault_policy: {
        batch: { name: "batch", policy: hcl({ "secret/data/payments/*": ["read"] }) },
        api: { name: "api", policy: hcl({ "secret/data/payments/db": ["read"] }) },
        other: { name: "other", policy: hcl({ "secret/data/other/*": ["read"] }) },
      },
      vault_approle_auth_backend_role: {
        batch: { backend: "approle", role_name: "batch", token_policies: ["batch"] },
      },
      vault_kubernetes_auth_backend_role: {
        api: {
          backend: "kubernetes",
          role_name: "api",
          bound_service_account_names: ["api"],
          bound_service_account_namespaces: ["payments"],
          token_policies: ["api"],
        },
        other: {
          backend: "kubernetes",
          role_name: "other",
          bound_service_account_names: ["other"],
          bound_service_account_namespaces: ["other"],
          token_policies: ["other"],
        },
      },
    });
    expect(run(rule, g).map((r) => r.identityIds?.join(" + "))).toEqual([
      "vault_approle_auth_backend_role.batch + vault_kubernetes_auth_backend_role.api",
    ]);
  });
});
