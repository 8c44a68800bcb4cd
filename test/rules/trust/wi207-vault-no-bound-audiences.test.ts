import { WI207_VAULT_NO_BOUND_AUDIENCES as rule } from "../../../lib/rules/trust/wi207-vault-no-bound-audiences";
import { graph, identity, vaultRole } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";

const withRole = (role: ReturnType<typeof vaultRole>) =>
  identity(role.location.address, { vaultRoles: [role] });

describe("WI207 Vault JWT role without bound_audiences", () => {
  it("Compliance: audiences bound; OIDC (browser) roles and Kubernetes roles are out of scope", () => {
    const g = graph({
      identities: [
        withRole(vaultRole("vault_jwt_auth_backend_role.ok")),
        withRole(vaultRole("vault_jwt_auth_backend_role.human", { roleType: "oidc", boundAudiences: [] })),
        withRole(
          vaultRole("vault_kubernetes_auth_backend_role.k8s", {
            authType: "kubernetes",
            boundAudiences: undefined,
          }),
        ),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: unset, empty, or blank audiences", () => {
    const g = graph({
      identities: [
        withRole(vaultRole("vault_jwt_auth_backend_role.unset", { boundAudiences: undefined })),
        withRole(vaultRole("vault_jwt_auth_backend_role.empty", { boundAudiences: [] })),
        withRole(vaultRole("vault_jwt_auth_backend_role.blank", { boundAudiences: [" "] })),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "vault_jwt_auth_backend_role.blank error",
      "vault_jwt_auth_backend_role.empty error",
      "vault_jwt_auth_backend_role.unset error",
    ]);
  });

  it("Noncompliance 2: an unknown audience list is left to WI214 (one finding per unknown)", () => {
    const g = graph({
      identities: [
        withRole(
          vaultRole("vault_jwt_auth_backend_role.later", {
            boundAudiences: { unknown: true, reason: "known after apply" },
          }),
        ),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });
});
