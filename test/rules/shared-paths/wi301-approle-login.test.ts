/**
 * Holders of an AppRole role's secret IDs log in as that role and reach what its token policies
 * reach (https://developer.hashicorp.com/vault/docs/auth/approle,
 * https://developer.hashicorp.com/vault/api-docs/auth/approle).
 */
import type { Identity, IdentityGraph } from "../../../lib/model/graph";
import {
  WI301_SHARED_VAULT_PATH,
  sharedVaultPaths,
} from "../../../lib/rules/shared-paths/wi301-shared-vault-path";
import { WI307_VAULT_TAKEOVER } from "../../../lib/rules/shared-paths/wi307-vault-takeover";
import { flagged, run } from "../harness";
import { GITHUB_MOUNT, hcl, jwtRole, terraformGraph } from "./vault-terraform";

/** Identity pairs WI301's shares make, as `a + b` of role names, sorted and unique. */
function sharingPairs(graph: IdentityGraph): string[] {
  const name = (identity: Identity) => identity.id.split(".").pop() as string;
  const pairs = new Set<string>();
  const add = (a: Identity, b: Identity) => {
    if (a !== b)
      pairs.add(
        [a.id, b.id]
          .sort()
          .map((id) => name({ id } as Identity))
          .join(" + "),
      );
  };
  for (const { sides } of sharedVaultPaths(graph.identities).shares) {
    const [first, second = first] = sides.map((side) => side.map((entry) => entry.identity));
    for (const a of first) for (const b of second) add(a, b);
  }
  return [...pairs].sort();
}

/** An AppRole `deployer` on `mount` reading secret/data/deploy/*, and one JWT workload per policy. */
function approleGraph(
  workloads: Record<string, Record<string, string[]>>,
  options: { mount?: string; namespace?: string; deployer?: Record<string, unknown> } = {},
): IdentityGraph {
  const mount = options.mount ?? "approle";
  const placement = options.namespace ? { namespace: options.namespace } : {};
  const names = Object.keys(workloads);
  return terraformGraph({
    vault_auth_backend: { approle: { type: "approle", path: mount, ...placement } },
    vault_jwt_auth_backend: { github: GITHUB_MOUNT },
    vault_approle_auth_backend_role: {
      deployer: {
        backend: "${vault_auth_backend.approle.path}",
        role_name: "deployer",
        token_policies: ["deployer"],
        token_ttl: 900,
        token_max_ttl: 900,
        ...placement,
        ...options.deployer,
      },
    },
    vault_policy: {
      deployer: { name: "deployer", policy: hcl({ "secret/data/deploy/*": ["read"] }), ...placement },
      ...Object.fromEntries(names.map((n) => [n, { name: n, policy: hcl(workloads[n]) }])),
    },
    vault_jwt_auth_backend_role: Object.fromEntries(names.map((n) => [n, jwtRole(n, [n])])),
  });
}

describe("WI301: AppRole secret-id holders log in as the role", () => {
  test("issuing secret IDs (secret-id or custom-secret-id, create or update) reaches the role's paths", () => {
    const g = approleGraph({
      issuer: { "auth/approle/role/deployer/secret-id": ["update"] },
      custom: { "auth/approle/role/deployer/custom-secret-id": ["create"] },
      // bind_secret_id defaults to true: the role ID alone does not log in.
      roleIdReader: { "auth/approle/role/deployer/role-id": ["read"] },
      // LIST/read on secret-id show accessors, never a secret ID.
      lister: { "auth/approle/role/deployer/secret-id": ["read", "list"] },
      // The more specific deny wins over the glob (Vault's priority matching)...
      denied: { "auth/approle/*": ["update"], "auth/approle/role/*": ["deny"] },
      // ...but a deny on secret-id alone leaves custom-secret-id,
      halfDenied: { "auth/approle/role/*": ["update"], "auth/approle/role/deployer/secret-id": ["deny"] },
      // and AppRole role names ignore case while policy paths do not: `Deployer` is not denied.
      caseDenied: { "auth/approle/role/*": ["update"], "auth/approle/role/deployer/*": ["deny"] },
      upperCase: { "auth/approle/role/DePloYer/secret-id": ["update"] },
      otherRole: { "auth/approle/role/builder/secret-id": ["update"] },
      unrelated: { "secret/data/unrelated/*": ["read"] },
    });
    // Pairs with the role itself (the workloads' own auth/ paths also overlap one another).
    expect(sharingPairs(g).filter((pair) => pair.startsWith("deployer + "))).toEqual([
      "deployer + caseDenied",
      "deployer + custom",
      "deployer + halfDenied",
      "deployer + issuer",
      "deployer + upperCase",
    ]);
    const message = run(WI301_SHARED_VAULT_PATH, g).find((r) =>
      r.identityIds?.includes("vault_approle_auth_backend_role.deployer"),
    )?.message;
    expect(message).toContain('by logging in as AppRole role "deployer"');
  });

  test("with bind_secret_id = false, reading the role ID is enough", () => {
    const g = approleGraph(
      {
        roleIdReader: { "auth/approle/role/deployer/role-id": ["read"] },
        roleIdLister: { "auth/approle/role/deployer/role-id": ["list"] },
      },
      { deployer: { bind_secret_id: false, secret_id_bound_cidrs: ["10.0.0.0/8"] } },
    );
    expect(sharingPairs(g)).toEqual(["deployer + roleIdReader"]);
  });

  test("logins chain: a holder of one role's secret IDs reaches what that role can log in as", () => {
    // holder issues relay's secret IDs; relay's policy issues deployer's.
    const relayPolicy = {
      name: "relay",
      policy: hcl({ "auth/approle/role/deployer/secret-id": ["update"] }),
    };
    const withRelay = terraformGraph({
      vault_auth_backend: { approle: { type: "approle", path: "approle" } },
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_approle_auth_backend_role: {
        deployer: { backend: "approle", role_name: "deployer", token_policies: ["deployer"] },
        relay: { backend: "approle", role_name: "relay", token_policies: ["relay"] },
      },
      vault_policy: {
        deployer: { name: "deployer", policy: hcl({ "secret/data/deploy/*": ["read"] }) },
        relay: relayPolicy,
        holder: { name: "holder", policy: hcl({ "auth/approle/role/relay/secret-id": ["update"] }) },
      },
      vault_jwt_auth_backend_role: { holder: jwtRole("holder", ["holder"]) },
    });
    expect(sharingPairs(withRelay)).toEqual(["deployer + holder", "deployer + relay", "relay + holder"]);
  });

  test("the target is the full mount path in the role's namespace; `+` is one segment", () => {
    const g = approleGraph(
      {
        parent: { "team/auth/ci/approle/role/deployer/secret-id": ["update"] },
        plus: { "team/auth/+/role/deployer/secret-id": ["update"] },
        rootNamespace: { "auth/ci/approle/role/deployer/secret-id": ["update"] },
      },
      { mount: "ci/approle", namespace: "team" },
    );
    expect(sharingPairs(g)).toEqual(["deployer + parent"]);
  });
});

describe("WI307: a role's takeover passes to those who can log in as it", () => {
  test("a holder of secret IDs of a role that can rewrite policies can rewrite them too", () => {
    const g = terraformGraph({
      vault_auth_backend: { approle: { type: "approle", path: "approle" } },
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_approle_auth_backend_role: {
        admin: { backend: "approle", role_name: "admin", token_policies: ["admin"] },
      },
      vault_policy: {
        admin: { name: "admin", policy: hcl({ "sys/policies/acl/*": ["update"] }) },
        // Reading the role ID does not log in (bind_secret_id defaults to true).
        reader: { name: "reader", policy: hcl({ "auth/approle/role/admin/role-id": ["read"] }) },
      },
      vault_jwt_auth_backend_role: { reader: jwtRole("reader", ["reader"]) },
    });
    expect(flagged(WI307_VAULT_TAKEOVER, g)).toEqual(["vault_policy.admin error"]);
    const withHolder = terraformGraph({
      vault_auth_backend: { approle: { type: "approle", path: "approle" } },
      vault_jwt_auth_backend: { github: GITHUB_MOUNT },
      vault_approle_auth_backend_role: {
        admin: { backend: "approle", role_name: "admin", token_policies: ["admin"], bind_secret_id: false },
      },
      vault_policy: {
        admin: { name: "admin", policy: hcl({ "sys/policies/acl/*": ["update"] }) },
        reader: { name: "reader", policy: hcl({ "auth/approle/role/admin/role-id": ["read"] }) },
      },
      vault_jwt_auth_backend_role: { reader: jwtRole("reader", ["reader"]) },
    });
    const results = run(WI307_VAULT_TAKEOVER, withHolder);
    expect(results.map((r) => `${r.location.address} ${(r.identityIds ?? []).join(",")}`).sort()).toEqual([
      "vault_policy.admin vault_approle_auth_backend_role.admin",
      "vault_policy.admin vault_jwt_auth_backend_role.reader",
    ]);
    expect(
      results.find((r) => r.identityIds?.[0] === "vault_jwt_auth_backend_role.reader")?.message,
    ).toContain('by logging in as AppRole role "admin"');
  });

  test("issuing its own AppRole's secret IDs is no takeover; rewriting its own role or issuing another's is", () => {
    const approle = (name: string) => ({ backend: "approle", role_name: name, token_policies: [name] });
    const g = terraformGraph({
      vault_auth_backend: { approle: { type: "approle", path: "approle" } },
      vault_approle_auth_backend_role: {
        rotator: approle("rotator"),
        rebinder: approle("rebinder"),
        issuer: approle("issuer"),
        target: approle("target"),
      },
      vault_policy: {
        rotator: {
          name: "rotator",
          policy: hcl({
            "auth/approle/role/rotator/secret-id": ["update"],
            "auth/approle/role/rotator/secret-id/destroy": ["update"],
            "auth/approle/role/Rotator/custom-secret-id": ["create"],
          }),
        },
        rebinder: { name: "rebinder", policy: hcl({ "auth/approle/role/rebinder": ["update"] }) },
        issuer: { name: "issuer", policy: hcl({ "auth/approle/role/target/secret-id": ["update"] }) },
        target: { name: "target", policy: hcl({ "secret/data/target/*": ["read"] }) },
      },
    });
    expect(flagged(WI307_VAULT_TAKEOVER, g)).toEqual([
      "vault_policy.issuer error",
      "vault_policy.rebinder error",
    ]);
  });
});
