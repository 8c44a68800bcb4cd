import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { vaultRoleOccurrences } from "../../analysis/trust-principals";
import { quoteLocation } from "../../analysis/quote";
import { isWorkloadJwtRole, unknownVaultTrustFields } from "../../analysis/trust-vault-analysis";

export const WI207_VAULT_NO_BOUND_AUDIENCES: Rule = {
  id: "WI207",
  title: "Vault JWT role without bound_audiences",
  severity: "error",
  rationale:
    "Without bound_audiences the role accepts tokens the issuer minted for any relying party (and Vault 1.17+ rejects tokens with an aud claim, so the role is also fragile).",
  fix: "Set `bound_audiences` to the audience the workload requests for Vault.",
  owasp: ["NHI6", "NHI4"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const occurrences = vaultRoleOccurrences(graph);
    for (let o = 0; o < occurrences.length; o++) {
      // The ids are listed where a finding is made (each read lists them).
      const occurrence = occurrences[o];
      const role = occurrence.principal;
      if (!isWorkloadJwtRole(role) || unknownVaultTrustFields(role).length > 0) continue;
      const audiences = role.boundAudiences as readonly string[] | undefined;
      if (audiences && audiences.some((a) => a.trim() !== "")) continue;
      results.push({
        message: `Vault role ${quoteLocation(role.location)} accepts JWTs for any audience.`,
        location: role.location,
        identityIds: occurrence.identityIds,
      });
    }
    return results;
  },
};
