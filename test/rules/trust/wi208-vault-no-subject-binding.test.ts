import { WI208_VAULT_NO_SUBJECT_BINDING as rule } from "../../../lib/rules/trust/wi208-vault-no-subject-binding";
import { graph, identity, vaultRole } from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";

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
    expect(flaggedResults(run(rule, g), rule)).toEqual([
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
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "vault_kubernetes_auth_backend_role.any-name error",
      "vault_kubernetes_auth_backend_role.any-ns error",
    ]);
  });
});

describe("WI208: bindings by claims other than sub, and Kubernetes globs", () => {
  const github = {
    location: { file: "test.tf.json", address: "vault_jwt_auth_backend.github" },
    type: "jwt" as const,
    path: "jwt",
    boundIssuer: "https://token.actions.githubusercontent.com",
  };
  const generic = {
    ...github,
    location: { ...github.location, address: "vault_jwt_auth_backend.ci" },
    path: "ci",
    boundIssuer: "https://ci.example.com",
  };
  const claimsRole = (
    name: string,
    claims: Record<string, string>,
    over: Parameters<typeof vaultRole>[1] = {},
  ) =>
    withRole(
      vaultRole(`vault_jwt_auth_backend_role.${name}`, {
        backend: github,
        backendPath: "jwt",
        boundSubject: undefined,
        boundClaims: claims,
        ...over,
      }),
    );

  it("GitHub mount: repository and a context pinned exactly is one workload; ref or owner alone, a glob or a list is not", () => {
    const g = graph({
      identities: [
        claimsRole("repo-ref", { repository: "acme/api", ref: "refs/heads/main" }),
        claimsRole("repo-id-env", { repository_id: "42", environment: "prod" }),
        claimsRole("ref-only", { ref: "refs/heads/main" }),
        claimsRole("owner-only", { repository_owner: "acme", environment: "prod" }),
        claimsRole("repo-only", { repository: "acme/api" }),
        claimsRole("repo-list", { repository: "acme/api,acme/web", ref: "refs/heads/main" }),
        claimsRole(
          "repo-glob",
          { repository: "acme/*", ref: "refs/heads/main" },
          { boundClaimsType: "glob" },
        ),
        // On a mount of another issuer, any bound claim counts as before.
        withRole(
          vaultRole("vault_jwt_auth_backend_role.generic", {
            backend: generic,
            backendPath: "ci",
            boundSubject: undefined,
            boundClaims: { ref: "main" },
          }),
        ),
      ],
      vaultAuthBackends: [github, generic],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "vault_jwt_auth_backend_role.owner-only error",
      "vault_jwt_auth_backend_role.ref-only error",
      "vault_jwt_auth_backend_role.repo-glob error",
      "vault_jwt_auth_backend_role.repo-list error",
      "vault_jwt_auth_backend_role.repo-only error",
    ]);
    expect(results.find((r) => r.location.address.endsWith("ref-only"))?.message).toContain(
      "admits tokens of more than one repository (bound only by ref",
    );
  });

  it("Kubernetes: a glob anywhere in a bound name or namespace admits several service accounts", () => {
    const g = graph({
      identities: [
        withRole(k8s("vault_kubernetes_auth_backend_role.prefix", ["api-*"], ["payments"])),
        withRole(k8s("vault_kubernetes_auth_backend_role.ns-glob", ["api"], ["team-*"])),
        withRole(k8s("vault_kubernetes_auth_backend_role.exact", ["api", "worker"], ["payments"])),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "vault_kubernetes_auth_backend_role.ns-glob error",
      "vault_kubernetes_auth_backend_role.prefix error",
    ]);
  });
});
