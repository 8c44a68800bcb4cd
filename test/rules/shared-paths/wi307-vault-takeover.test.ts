import { WI307_VAULT_TAKEOVER as rule } from "../../../lib/rules/shared-paths/wi307-vault-takeover";
import { flagged, run } from "../harness";
import { GITHUB_MOUNT, hcl, jwtRole, terraformGraph } from "./vault-terraform";

function graphOf(
  policies: Record<string, Record<string, string[]>>,
  namespaces: Record<string, string> = {},
) {
  const names = Object.keys(policies);
  return terraformGraph({
    vault_jwt_auth_backend: { github: GITHUB_MOUNT },
    vault_policy: Object.fromEntries(
      names.map((n) => [
        n,
        { name: n, policy: hcl(policies[n]), ...(namespaces[n] ? { namespace: namespaces[n] } : {}) },
      ]),
    ),
    vault_jwt_auth_backend_role: Object.fromEntries(
      names.map((n) => [n, jwtRole(n, [n], namespaces[n] ? { namespace: namespaces[n] } : {})]),
    ),
  });
}

describe("WI307 identity can make itself any Vault identity", () => {
  test("Noncompliance: writing policies, auth roles, auth mounts, mount config, token roles, entities or groups", () => {
    const g = graphOf({
      policies: { "sys/policy/*": ["update"] },
      acl: { "sys/policies/acl/+": ["create"] },
      mounts: { "sys/auth/*": ["update"] },
      roles: { "auth/jwt/role/*": ["create", "update"] },
      secretid: { "auth/approle/role/deploy/secret-id": ["update"] },
      config: { "auth/jwt/config": ["update"] },
      tokenroles: { "auth/token/roles/ci": ["update"] },
      groups: { "identity/group/name/admins": ["update"] },
      entities: { "identity/entity-alias": ["create"] },
      everything: { "*": ["create", "read", "update"] },
    });
    expect(flagged(rule, g)).toEqual(
      [
        "vault_policy.acl error",
        "vault_policy.config error",
        "vault_policy.entities error",
        "vault_policy.groups error",
        "vault_policy.mounts error",
        "vault_policy.policies error",
        "vault_policy.roles error",
        "vault_policy.secretid error",
        "vault_policy.tokenroles error",
        // `*` covers every family: one finding per family.
        ...Array(8).fill("vault_policy.everything error"),
      ].sort(),
    );
    expect(run(rule, g).find((r) => r.location.address === "vault_policy.roles")?.identityIds).toEqual([
      "vault_jwt_auth_backend_role.roles",
    ]);
  });

  test("Compliance: read-only access, login and self-service token paths, and a more specific deny", () => {
    const g = graphOf({
      reader: { "sys/policy/*": ["read", "list"], "auth/jwt/role/*": ["read"] },
      login: { "auth/jwt/login": ["create", "update"], "auth/token/renew-self": ["update"] },
      guarded: {
        "sys/*": ["create", "update"],
        "sys/policy/*": ["deny"],
        "sys/policies/*": ["deny"],
        "sys/auth/*": ["read"],
      },
      secrets: { "secret/data/app/*": ["create", "update"] },
    });
    expect(flagged(rule, g)).toEqual([]);
  });

  test("a parent namespace's policy can write a child namespace's policies", () => {
    const g = graphOf(
      { parent: { "team1/sys/policy/*": ["update"] }, child: { "secret/data/*": ["read"] } },
      { child: "team1" },
    );
    expect(flagged(rule, g)).toEqual(["vault_policy.parent error"]);
  });

  describe("auth mounts at multi-segment paths", () => {
    /** A workload `app` on the mount at `mountPath`, and one identity per writer policy. */
    function mountGraph(mountPath: string, writers: Record<string, Record<string, string[]>>) {
      const names = Object.keys(writers);
      return terraformGraph({
        vault_jwt_auth_backend: { ci: { ...GITHUB_MOUNT, path: mountPath } },
        vault_policy: {
          app: { name: "app", policy: hcl({ "secret/data/app/*": ["read"] }) },
          ...Object.fromEntries(names.map((n) => [n, { name: n, policy: hcl(writers[n]) }])),
        },
        vault_jwt_auth_backend_role: {
          app: jwtRole("app", ["app"], { backend: "${vault_jwt_auth_backend.ci.path}" }),
          ...Object.fromEntries(names.map((n) => [n, jwtRole(n, [n])])),
        },
      });
    }

    test("the full mount path is matched, `+` standing for one segment only", () => {
      const g = mountGraph("ci/github/jwt", {
        exact: { "auth/ci/github/jwt/role/app": ["update"] },
        glob: { "auth/ci/github/*": ["create"] },
        plusInside: { "auth/ci/+/jwt/role/*": ["update"] },
        config: { "auth/ci/github/jwt/config": ["update"] },
        // `+` is one segment: `ci/github` is two, so neither reaches the mount's roles.
        plusTooShort: { "auth/+/jwt/role/*": ["update"] },
        otherMount: { "auth/ci/gitlab/jwt/role/*": ["update"] },
        login: { "auth/ci/github/jwt/login": ["update"] },
        reader: { "auth/ci/github/jwt/role/*": ["read", "list"] },
      });
      expect(flagged(rule, g)).toEqual(
        [
          "vault_policy.config error",
          "vault_policy.exact error",
          // `auth/ci/github/*` covers the roles and the config of the mount.
          "vault_policy.glob error",
          "vault_policy.glob error",
          "vault_policy.plusInside error",
        ].sort(),
      );
      expect(run(rule, g).find((r) => r.location.address === "vault_policy.plusInside")?.message).toContain(
        '"auth/ci/github/jwt/role/*"',
      );
    });

    test("a single-segment mount is matched by `auth/+/role/*` and by its own path", () => {
      const g = mountGraph("github", {
        own: { "auth/github/role/app": ["update"] },
        anyMount: { "auth/+/role/*": ["update"] },
        twoSegments: { "auth/+/jwt/role/*": ["update"] },
      });
      expect(flagged(rule, g)).toEqual(["vault_policy.anyMount error", "vault_policy.own error"]);
    });

    test("a multi-segment mount in a namespace is matched under the namespace only", () => {
      const g = terraformGraph({
        vault_jwt_auth_backend: { ci: { ...GITHUB_MOUNT, path: "ci/github/jwt", namespace: "team1" } },
        vault_policy: {
          root: { name: "root", policy: hcl({ "auth/ci/github/jwt/role/*": ["update"] }) },
          parent: { name: "parent", policy: hcl({ "team1/auth/ci/github/jwt/role/*": ["update"] }) },
        },
        vault_jwt_auth_backend_role: {
          root: jwtRole("root", ["root"]),
          parent: jwtRole("parent", ["parent"]),
        },
      });
      expect(flagged(rule, g)).toEqual(["vault_policy.parent error"]);
    });
  });
});
