import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { vaultRoleOccurrences } from "../../analysis/trust-principals";
import { quote, quoteLocation } from "../../analysis/quote";
import { isWorkloadJwtRole, unknownVaultTrustFields } from "../../analysis/trust-vault-analysis";

/**
 * Claims whose value identifies one workload, so the entity alias Vault creates from user_claim
 * is not shared: `sub` (every issuer puts the workload there), and HCP Terraform's per-workspace
 * `terraform_workspace_id` / `terraform_full_workspace`. Everything else (`aud`, `iss`,
 * `repository_owner`, `repository`, `namespace_path`, `project_path`, `ref`, `environment`,
 * `kubernetes.io/namespace`, ...) is shared by many workloads and merges them into one entity.
 */
export const WORKLOAD_IDENTIFYING_CLAIMS: readonly string[] = [
  "sub",
  "terraform_workspace_id",
  "terraform_full_workspace",
];

export const WI210_VAULT_SHARED_USER_CLAIM: Rule = {
  id: "WI210",
  title: "Vault user_claim does not identify one workload",
  severity: "warning",
  rationale:
    "Vault names the entity alias after user_claim. A claim many workloads share (aud, iss, repository_owner, namespace_path, ...) makes them one entity: shared identity, merged audit trail, shared entity policies.",
  fix: 'Set `user_claim = "sub"` (or another claim unique to the workload).',
  owasp: ["NHI9"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const occurrences = vaultRoleOccurrences(graph);
    for (let o = 0; o < occurrences.length; o++) {
      // The ids are listed where a finding is made (each read lists them).
      const occurrence = occurrences[o];
      const role = occurrence.principal;
      if (!isWorkloadJwtRole(role) || unknownVaultTrustFields(role).length > 0) continue;
      const claim = role.userClaim as string | undefined;
      if (claim !== undefined && WORKLOAD_IDENTIFYING_CLAIMS.includes(claim)) continue;
      results.push({
        message:
          claim === undefined || claim.trim() === ""
            ? `Vault role ${quoteLocation(role.location)} sets no user_claim, so its entity alias does not identify one workload.`
            : `Vault role ${quoteLocation(role.location)} uses user_claim ${quote(claim)}, which many workloads share.`,
        location: role.location,
        identityIds: occurrence.identityIds,
      });
    }
    return results;
  },
};
