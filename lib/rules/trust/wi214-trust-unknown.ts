import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { analyseAwsTrust } from "../../analysis/trust-aws-analysis";
import { vaultRoleOccurrences, trustSourcesRelated } from "../../analysis/trust-principals";
import { quoteLocation } from "../../analysis/quote";
import {
  backendOf,
  isWorkloadJwtRole,
  unknownVaultTrustFields,
  vaultIssuerOf,
} from "../../analysis/trust-vault-analysis";

function reasonText(reasons: readonly string[]): string {
  const unique = [...new Set(reasons)];
  return unique.length > 1 ? `${unique[0]} (and ${unique.length - 1} more)` : unique[0];
}

export const WI214_TRUST_UNKNOWN: Rule = {
  id: "WI214",
  title: "Trust policy unknown — needs review",
  severity: "error",
  rationale:
    "A trust policy known only after apply, or holding `${...}` references that could not be resolved, cannot be checked for audience, subject or principal pins. It is not clean: a person has to review it.",
  fix: "Write the trust from values known at plan time (literal issuer and subject, provider ARN from a resource reference), or review the applied policy.",
  owasp: ["NHI6"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const roles = analyseAwsTrust(graph);
    for (let r = 0; r < roles.length; r++) {
      const role = roles[r];
      if (role.unknownReasons.length === 0) continue;
      const location = role.occurrence.principal.location;
      results.push({
        message: `Role ${quoteLocation(location)} has a trust policy that cannot be evaluated: ${reasonText(role.unknownReasons)} — needs review.`,
        location,
        ...trustSourcesRelated(role.occurrence.principal),
        identityIds: role.occurrence.identityIds,
        unknown: true,
      });
    }
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const occurrences = vaultRoleOccurrences(graph);
    for (let o = 0; o < occurrences.length; o++) {
      // The ids are listed where a finding is made (each read lists them).
      const occurrence = occurrences[o];
      const role = occurrence.principal;
      let fields = unknownVaultTrustFields(role);
      // A mount in the inputs whose issuer or keys are not known: which tokens it accepts is open.
      if (role.authType === "jwt" && isWorkloadJwtRole(role) && backendOf(role, graph)) {
        const issuer = vaultIssuerOf(role, graph);
        if (issuer.kind === "unknown") fields = [...fields, `auth mount: ${issuer.reason}`];
      }
      if (fields.length === 0) continue;
      results.push({
        message: `Vault role ${quoteLocation(role.location)} has trust settings that are not known (${fields.join(", ")}) — needs review.`,
        location: role.location,
        identityIds: occurrence.identityIds,
        unknown: true,
      });
    }
    return results;
  },
};
