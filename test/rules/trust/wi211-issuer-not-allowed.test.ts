import { WI211_ISSUER_NOT_ALLOWED as rule } from "../../../lib/rules/trust/wi211-issuer-not-allowed";
import { graph, identity, loc, vaultRole } from "../../support/graph-builder";
import { eq, GITHUB, webIdentityRoleIdentity } from "./trust-fixtures";
import { flaggedResults, run } from "../harness";

const GITLAB_ARN = "arn:aws:iam::111122223333:oidc-provider/gitlab.com";
const backend = (address: string, boundIssuer?: string) => ({
  location: loc(address),
  type: "jwt" as const,
  path: address.split(".").pop() as string,
  boundIssuer,
});

function fixture() {
  const githubBackend = backend(
    "vault_jwt_auth_backend.github",
    "https://token.actions.githubusercontent.com",
  );
  const gitlabBackend = backend("vault_jwt_auth_backend.gitlab", "https://gitlab.com/");
  return graph({
    identities: [
      webIdentityRoleIdentity("github", [eq(`${GITHUB}:aud`, "sts.amazonaws.com")]),
      webIdentityRoleIdentity("gitlab", [eq("gitlab.com:aud", "https://gitlab.com")], [GITLAB_ARN]),
      identity("vault-github", {
        vaultRoles: [
          vaultRole("vault_jwt_auth_backend_role.github", { backendPath: "github", backend: githubBackend }),
        ],
      }),
      identity("vault-gitlab", {
        vaultRoles: [
          vaultRole("vault_jwt_auth_backend_role.gitlab", { backendPath: "gitlab", backend: gitlabBackend }),
        ],
      }),
      identity("vault-missing", {
        vaultRoles: [vaultRole("vault_jwt_auth_backend_role.missing", { backendPath: "elsewhere" })],
      }),
    ],
    vaultAuthBackends: [githubBackend, gitlabBackend],
  });
}

describe("WI211 issuer not in policy.allowedIssuers", () => {
  it("Compliance: no allow-list set means any issuer", () => {
    expect(run(rule, fixture())).toEqual([]);
  });

  it("Noncompliance 1: AWS and Vault roles trusting an issuer not listed (URL forms normalized); unknown backend is reported for review", () => {
    const results = run(rule, fixture(), {
      allowedIssuers: ["https://token.actions.githubusercontent.com/"],
    });
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.gitlab error",
      "vault_jwt_auth_backend_role.gitlab error",
      "vault_jwt_auth_backend_role.missing warning unknown",
    ]);
    expect(results.find((r) => r.location.address === "vault_jwt_auth_backend_role.missing")?.unknown).toBe(
      true,
    );
  });
});
