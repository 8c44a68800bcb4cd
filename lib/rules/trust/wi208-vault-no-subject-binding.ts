import type { RuleResult } from "../../model/finding";
import type { IdentityGraph, VaultRole } from "../../model/graph";
import { issuerKindOf } from "../../model/issuer";
import type { IssuerKind } from "../../model/issuer";
import { verificationKeysOf } from "../../analysis/trust-token-acceptors";
import { githubClaimBindingProblem } from "../../analysis/trust-workload-claims";
import type { Rule } from "../rule";
import { vaultRoleOccurrences } from "../../analysis/trust-principals";
import { quoteLocation } from "../../analysis/quote";
import {
  isWorkloadJwtRole,
  unknownVaultTrustFields,
  vaultIssuerOf,
} from "../../analysis/trust-vault-analysis";
import { quote } from "../../analysis/quote";

function isBlank(values: readonly string[] | undefined): boolean {
  return !values || values.every((v) => v.trim() === "");
}

/** The issuer family of a JWT role's mount (bound issuer, discovery URL, or the issuer of its JWKS). */
function mountFamily(role: VaultRole, graph: IdentityGraph): IssuerKind | undefined {
  const issuer = vaultIssuerOf(role, graph);
  if (issuer.kind === "issuer") return issuerKindOf(issuer.issuer);
  if (issuer.kind === "unpinned") {
    const keys = verificationKeysOf(role, graph);
    return keys ? issuerKindOf(keys) : undefined;
  }
  return undefined;
}

/** Why the role binds no single workload, or undefined. */
function bindingProblem(role: VaultRole, graph: IdentityGraph): string | undefined {
  if (role.authType === "jwt") {
    if (!isWorkloadJwtRole(role)) return undefined;
    const subject = role.boundSubject as string | undefined;
    const claims = (role.boundClaims ?? {}) as Readonly<Record<string, string>>;
    const bound = Object.keys(claims).filter((claim) => claims[claim].trim() !== "");
    const hasSubject =
      (subject !== undefined && subject.trim() !== "") || bound.some((c) => c.toLowerCase() === "sub");
    if (!hasSubject && bound.length === 0)
      return "accepts JWTs for any subject (no bound_subject or bound_claims)";
    if (hasSubject || mountFamily(role, graph) !== "github-actions") return undefined;
    // Comma-separated values are alternatives; with glob matching a `*` admits many values.
    const exact = new Set(
      bound
        .filter((claim) => {
          const values = claims[claim]
            .split(",")
            .map((v) => v.trim())
            .filter((v) => v !== "");
          return values.length === 1 && !(role.boundClaimsType === "glob" && values[0].includes("*"));
        })
        .map((claim) => claim.toLowerCase()),
    );
    const problem = githubClaimBindingProblem(
      exact,
      bound.map((claim) => claim.toLowerCase()),
    );
    return problem ? `has no subject binding and ${problem}` : undefined;
  }
  if (role.authType === "kubernetes") {
    // Both lists match as globs: `*` anywhere admits several service accounts or namespaces
    // (https://developer.hashicorp.com/vault/api-docs/auth/kubernetes#create-role).
    const names = role.boundServiceAccountNames as readonly string[] | undefined;
    const namespaces = role.boundServiceAccountNamespaces as readonly string[] | undefined;
    if (isBlank(names) || names?.includes("*")) return "accepts any service account name";
    if (isBlank(namespaces) || namespaces?.includes("*"))
      return "accepts service accounts from any namespace";
    const glob = [...(names ?? []), ...(namespaces ?? [])].find((value) => value.includes("*"));
    if (glob !== undefined) return `accepts several service accounts (glob ${quote(glob)})`;
  }
  return undefined;
}

export const WI208_VAULT_NO_SUBJECT_BINDING: Rule = {
  id: "WI208",
  title: "Vault JWT or Kubernetes role without subject binding",
  severity: "error",
  rationale:
    "A JWT role with no bound_subject and no bound_claims, or a Kubernetes role bound to `*` service accounts or namespaces, lets every workload of the issuer log in with this role's policies.",
  fix: "Set `bound_subject` (or `bound_claims` on sub) to the one workload, or for GitHub bind `repository` (or `repository_id`) and `ref`, `environment` or `job_workflow_ref` exactly; for Kubernetes name the service account and namespace without globs.",
  semantics: [
    "A JWT role admits the tokens matching `bound_subject` and every `bound_claims` entry together (https://developer.hashicorp.com/vault/api-docs/auth/jwt#create-update-role). On a GitHub mount, claims other than `sub` name one workload only when a repository claim and a context claim are bound exactly; `ref`, `repository_owner` or `environment` alone admit many repositories (https://docs.github.com/en/actions/reference/security/oidc).",
    "Kubernetes `bound_service_account_names` and `bound_service_account_namespaces` are globs: `*` anywhere admits several service accounts (https://developer.hashicorp.com/vault/api-docs/auth/kubernetes#create-role).",
  ],
  owasp: ["NHI6", "NHI9"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const occurrences = vaultRoleOccurrences(graph);
    for (let o = 0; o < occurrences.length; o++) {
      // The ids are listed where a finding is made (each read lists them).
      const occurrence = occurrences[o];
      const role = occurrence.principal;
      if (unknownVaultTrustFields(role).length > 0) continue;
      const problem = bindingProblem(role, graph);
      if (!problem) continue;
      results.push({
        message: `Vault role ${quoteLocation(role.location)} ${problem}.`,
        location: role.location,
        identityIds: occurrence.identityIds,
      });
    }
    return results;
  },
};
