import { WI210_VAULT_SHARED_USER_CLAIM as rule } from "../../../lib/rules/trust/wi210-vault-shared-user-claim";
import { graph, identity, vaultRole } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";

const withRole = (role: ReturnType<typeof vaultRole>) =>
  identity(role.location.address, { vaultRoles: [role] });

describe("WI210 Vault user_claim does not identify one workload", () => {
  it("Compliance: sub and the HCP Terraform workspace claims", () => {
    const g = graph({
      identities: [
        withRole(vaultRole("vault_jwt_auth_backend_role.sub")),
        withRole(vaultRole("vault_jwt_auth_backend_role.tfc", { userClaim: "terraform_full_workspace" })),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: claims many workloads share, and a missing user_claim", () => {
    const claims = ["aud", "iss", "repository_owner", "namespace_path", "project_path"];
    const g = graph({
      identities: [
        ...claims.map((claim) =>
          withRole(vaultRole(`vault_jwt_auth_backend_role.${claim}`, { userClaim: claim })),
        ),
        withRole(vaultRole("vault_jwt_auth_backend_role.none", { userClaim: undefined })),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual(
      [...claims, "none"].map((c) => `vault_jwt_auth_backend_role.${c} warning`).sort(),
    );
    expect(results[0].message).toBe(
      'Vault role "vault_jwt_auth_backend_role.aud" uses user_claim "aud", which many workloads share.',
    );
  });
});
