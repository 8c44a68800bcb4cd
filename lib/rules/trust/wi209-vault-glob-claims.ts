import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { vaultRoleOccurrences } from "../../analysis/trust-principals";
import { quote, quoteLocation } from "../../analysis/quote";
import { declaresPatternSubject } from "../../analysis/trust-subject-grammar";
import { isWorkloadJwtRole, unknownVaultTrustFields } from "../../analysis/trust-vault-analysis";

export const WI209_VAULT_GLOB_CLAIMS: Rule = {
  id: "WI209",
  title: "Vault role with glob claim binding",
  severity: "error",
  rationale:
    'With `bound_claims_type = "glob"` a `*` in a bound claim matches any run of characters, so the role admits every workload whose claim fits the pattern, not one workload.',
  fix: 'Bind exact claim values with `bound_claims_type = "string"`; when a pattern is truly needed, declare it with `Subject.pattern(value, reason)` (still reported, as a warning).',
  owasp: ["NHI6", "NHI9"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const occurrences = vaultRoleOccurrences(graph);
    for (let o = 0; o < occurrences.length; o++) {
      // The ids are listed where a finding is made (each read lists them).
      const occurrence = occurrences[o];
      const { principal: role, identities } = occurrence;
      if (!isWorkloadJwtRole(role) || unknownVaultTrustFields(role).length > 0) continue;
      if (role.boundClaimsType !== "glob") continue;
      const claims = (role.boundClaims ?? {}) as Readonly<Record<string, string>>;
      for (const claim of Object.keys(claims).sort()) {
        if (!claims[claim].includes("*")) continue;
        const declared = identities.some((identity) => declaresPatternSubject(identity.record));
        results.push({
          message: `Vault role ${quoteLocation(role.location)} binds claim ${quote(claim)} to the glob ${quote(claims[claim])}.`,
          location: role.location,
          identityIds: occurrence.identityIds,
          severity: declared ? "warning" : undefined,
          key: claim,
        });
      }
    }
    return results;
  },
};
