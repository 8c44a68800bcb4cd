import type { RuleResult } from "../../model/finding";
import type { VaultRole } from "../../model/graph";
import type { Rule } from "../rule";
import { vaultRoleOccurrences } from "../../analysis/trust-principals";
import { quoteLocation } from "../../analysis/quote";
import { isWorkloadJwtRole, unknownVaultTrustFields } from "../../analysis/trust-vault-analysis";

function isBlank(values: readonly string[] | undefined): boolean {
  return !values || values.every((v) => v.trim() === "");
}

/** Why the role binds no single workload, or undefined. */
function bindingProblem(role: VaultRole): string | undefined {
  if (role.authType === "jwt") {
    if (!isWorkloadJwtRole(role)) return undefined;
    const subject = role.boundSubject as string | undefined;
    const claims = role.boundClaims as Readonly<Record<string, string>> | undefined;
    const hasClaims = claims !== undefined && Object.values(claims).some((v) => v.trim() !== "");
    if ((subject === undefined || subject.trim() === "") && !hasClaims)
      return "accepts JWTs for any subject (no bound_subject or bound_claims)";
    return undefined;
  }
  if (role.authType === "kubernetes") {
    const names = role.boundServiceAccountNames as readonly string[] | undefined;
    const namespaces = role.boundServiceAccountNamespaces as readonly string[] | undefined;
    if (isBlank(names) || names?.includes("*")) return "accepts any service account name";
    if (isBlank(namespaces) || namespaces?.includes("*"))
      return "accepts service accounts from any namespace";
  }
  return undefined;
}

export const WI208_VAULT_NO_SUBJECT_BINDING: Rule = {
  id: "WI208",
  title: "Vault JWT or Kubernetes role without subject binding",
  severity: "error",
  rationale:
    "A JWT role with no bound_subject and no bound_claims, or a Kubernetes role bound to `*` service accounts or namespaces, lets every workload of the issuer log in with this role's policies.",
  fix: "Set `bound_subject` (or `bound_claims` on sub) to the one workload; for Kubernetes name the service account and namespace.",
  owasp: ["NHI6", "NHI9"],
  check({ graph }) {
    const results: RuleResult[] = [];
    for (const { principal: role, identityIds } of vaultRoleOccurrences(graph)) {
      if (unknownVaultTrustFields(role).length > 0) continue;
      const problem = bindingProblem(role);
      if (!problem) continue;
      results.push({
        message: `Vault role ${quoteLocation(role.location)} ${problem}.`,
        location: role.location,
        identityIds,
      });
    }
    return results;
  },
};
