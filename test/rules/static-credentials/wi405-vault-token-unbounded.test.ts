import { WI405_VAULT_TOKEN_UNBOUNDED as rule } from "../../../lib/rules/static-credentials/wi405-vault-token-unbounded";
import { graph, identity, vaultRole } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";

const withRole = (address: string, overrides: Parameters<typeof vaultRole>[1]) =>
  identity(address, { vaultRoles: [vaultRole(address, overrides)] });

describe("WI405 Vault role issues unbounded or periodic tokens", () => {
  it("Compliance: explicit max TTL; max TTL only; periodic capped by an explicit max", () => {
    const g = graph({
      identities: [
        withRole("vault_jwt_auth_backend_role.explicit", {}),
        withRole("vault_jwt_auth_backend_role.max-only", {
          tokenExplicitMaxTtl: undefined,
          tokenMaxTtl: 3600,
        }),
        withRole("vault_jwt_auth_backend_role.periodic-capped", {
          tokenPeriod: 600,
          tokenExplicitMaxTtl: 3600,
        }),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: no max TTL (unset or 0), periodic without explicit max, above the policy maximum", () => {
    const g = graph({
      identities: [
        withRole("vault_jwt_auth_backend_role.unset", {
          tokenExplicitMaxTtl: undefined,
          tokenMaxTtl: undefined,
        }),
        withRole("vault_jwt_auth_backend_role.zero", { tokenExplicitMaxTtl: 0, tokenMaxTtl: 0 }),
        withRole("vault_jwt_auth_backend_role.periodic", {
          tokenExplicitMaxTtl: undefined,
          tokenMaxTtl: 3600,
          tokenPeriod: 3600,
        }),
        withRole("vault_approle_auth_backend_role.long", { authType: "approle", tokenExplicitMaxTtl: 86400 }),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "vault_approle_auth_backend_role.long error",
      "vault_jwt_auth_backend_role.periodic error",
      "vault_jwt_auth_backend_role.unset error",
      "vault_jwt_auth_backend_role.zero error",
    ]);
  });

  it("Noncompliance 2: unknown lifetime settings are a warning for review", () => {
    const g = graph({
      identities: [
        withRole("vault_jwt_auth_backend_role.later", {
          tokenExplicitMaxTtl: { unknown: true, reason: "after apply" },
        }),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual(["vault_jwt_auth_backend_role.later warning unknown"]);
    expect(results[0].unknown).toBe(true);
  });
});
