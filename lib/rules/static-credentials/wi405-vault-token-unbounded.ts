import type { RuleResult } from "../../model/finding";
import { formatSeconds } from "../../model/duration-text";
import { isUnknown, type Maybe } from "../../model/unknown";
import type { Rule } from "../rule";
import { vaultRoleOccurrences } from "../../analysis/trust-principals";
import { quoteLocation } from "../../analysis/quote";
import { declaredTtlAboveMaximum, isDeclaredTtlBreach } from "../accountability/accountable-identities";

/** Seconds when set and positive; 0 and unset both mean "use the mount or system default". */
function positive(value: Maybe<number> | undefined): number | undefined {
  return typeof value === "number" && value > 0 ? value : undefined;
}

export const WI405_VAULT_TOKEN_UNBOUNDED: Rule = {
  id: "WI405",
  title: "Vault role issues unbounded or periodic tokens",
  severity: "error",
  rationale:
    "Without token_explicit_max_ttl or token_max_ttl a token lives as long as the mount/system default allows (32 days unless changed); a periodic token (token_period) is renewable forever unless an explicit max TTL caps it. Long-lived tokens are exactly what workload identity should remove. A cap above the maximum that only implements an identity's declared TTL is WI107's finding, reported once there.",
  fix: "Set `token_explicit_max_ttl` (a hard cap) to the workload's TTL and drop `token_period`.",
  owasp: ["NHI7"],
  check({ graph, policy }) {
    const results: RuleResult[] = [];
    const declaredAbove = declaredTtlAboveMaximum(graph, policy.maxTtlSeconds);
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const occurrences = vaultRoleOccurrences(graph);
    for (let o = 0; o < occurrences.length; o++) {
      // The ids are listed where a finding is made (each read lists them).
      const occurrence = occurrences[o];
      const role = occurrence.principal;
      if (isUnknown(role.tokenExplicitMaxTtl) || isUnknown(role.tokenMaxTtl) || isUnknown(role.tokenPeriod)) {
        results.push({
          message: `Vault role ${quoteLocation(role.location)} has token lifetime settings that are not known — needs review.`,
          location: role.location,
          identityIds: occurrence.identityIds,
          unknown: true,
          severity: "warning",
        });
        continue;
      }
      const explicitMax = positive(role.tokenExplicitMaxTtl);
      const cap = explicitMax ?? positive(role.tokenMaxTtl);
      let problem: string | undefined;
      if (positive(role.tokenPeriod) !== undefined && explicitMax === undefined) {
        problem = "issues periodic tokens (token_period) that can be renewed forever";
      } else if (cap === undefined) {
        problem = "issues tokens with no maximum lifetime (no token_explicit_max_ttl or token_max_ttl)";
      } else if (
        cap > policy.maxTtlSeconds &&
        !isDeclaredTtlBreach(cap, occurrence.identityIds, declaredAbove)
      ) {
        problem = `issues tokens that live up to ${formatSeconds(cap)}, above the policy maximum of ${formatSeconds(policy.maxTtlSeconds)}`;
      }
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
