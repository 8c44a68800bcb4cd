import type { IdentityRecord } from "../../../lib/model/record";
import { WI209_VAULT_GLOB_CLAIMS as rule } from "../../../lib/rules/trust/wi209-vault-glob-claims";
import { graph, identity, vaultRole } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";

const withRole = (role: ReturnType<typeof vaultRole>, record?: IdentityRecord) =>
  identity(role.location.address, { vaultRoles: [role], record });

describe("WI209 Vault role with glob claim binding", () => {
  it("Compliance: string claims (a `*` is literal there), glob type without wildcards", () => {
    const g = graph({
      identities: [
        withRole(
          vaultRole("vault_jwt_auth_backend_role.string", {
            boundClaims: { sub: "repo:acme/*" },
            boundClaimsType: "string",
          }),
        ),
        withRole(
          vaultRole("vault_jwt_auth_backend_role.glob-exact", {
            boundClaims: { sub: "repo:acme/api:pull_request" },
            boundClaimsType: "glob",
          }),
        ),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: one result per wildcard claim", () => {
    const g = graph({
      identities: [
        withRole(
          vaultRole("vault_jwt_auth_backend_role.glob", {
            boundClaims: { sub: "repo:acme/*", ref: "refs/heads/*", environment: "prod" },
            boundClaimsType: "glob",
          }),
        ),
      ],
    });
    const results = run(rule, g);
    expect(results.map((r) => r.key)).toEqual(["ref", "sub"]);
    expect(flaggedResults(results, rule)).toEqual([
      "vault_jwt_auth_backend_role.glob error",
      "vault_jwt_auth_backend_role.glob error",
    ]);
  });

  it("Noncompliance 2: a declared pattern subject with a reason is a warning", () => {
    const record = {
      subject: { kind: "pattern", value: "repo:acme/*", patternReason: "all repositories deploy docs" },
    } as unknown as IdentityRecord;
    const g = graph({
      identities: [
        withRole(
          vaultRole("vault_jwt_auth_backend_role.declared", {
            boundClaims: { sub: "repo:acme/*" },
            boundClaimsType: "glob",
          }),
          record,
        ),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual(["vault_jwt_auth_backend_role.declared warning"]);
  });
});
