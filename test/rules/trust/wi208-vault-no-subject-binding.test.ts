import { WI208_VAULT_NO_SUBJECT_BINDING as rule } from "../../../lib/rules/trust/wi208-vault-no-subject-binding";
import { graph, identity, vaultRole } from "../../support/graph-builder";
import { flaggedWithSeverity, run } from "./rule-test-helpers";

const withRole = (role: ReturnType<typeof vaultRole>) =>
  identity(role.location.address, { vaultRoles: [role] });
const k8s = (address: string, names: string[], namespaces: string[]) =>
  vaultRole(address, {
    authType: "kubernetes",
    boundServiceAccountNames: names,
    boundServiceAccountNamespaces: namespaces,
  });

describe("WI208 Vault JWT or Kubernetes role without subject binding", () => {
  it("Compliance: bound_subject, bound_claims, named service account", () => {
    const g = graph({
      identities: [
        withRole(vaultRole("vault_jwt_auth_backend_role.subject")),
        withRole(
          vaultRole("vault_jwt_auth_backend_role.claims", {
            boundSubject: undefined,
            boundClaims: { sub: "repo:acme/api:pull_request" },
          }),
        ),
        withRole(k8s("vault_kubernetes_auth_backend_role.sa", ["api"], ["payments"])),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: JWT role with neither bound_subject nor bound_claims", () => {
    const g = graph({
      identities: [
        withRole(
          vaultRole("vault_jwt_auth_backend_role.open", { boundSubject: undefined, boundClaims: undefined }),
        ),
        withRole(
          vaultRole("vault_jwt_auth_backend_role.blank", { boundSubject: "", boundClaims: { sub: "" } }),
        ),
      ],
    });
    expect(flaggedWithSeverity(run(rule, g), rule)).toEqual([
      "vault_jwt_auth_backend_role.blank error",
      "vault_jwt_auth_backend_role.open error",
    ]);
  });

  it("Noncompliance 2: Kubernetes role bound to `*` names or namespaces", () => {
    const g = graph({
      identities: [
        withRole(k8s("vault_kubernetes_auth_backend_role.any-name", ["*"], ["payments"])),
        withRole(k8s("vault_kubernetes_auth_backend_role.any-ns", ["api"], ["*"])),
      ],
    });
    expect(flaggedWithSeverity(run(rule, g), rule)).toEqual([
      "vault_kubernetes_auth_backend_role.any-name error",
      "vault_kubernetes_auth_backend_role.any-ns error",
    ]);
  });
});
