import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { analyseAwsTrust } from "../../analysis/trust-aws-analysis";
import { normalizeIssuer } from "../../model/issuer";
import { vaultRoleOccurrences } from "../../analysis/trust-principals";
import { quote, quoteLocation } from "../../analysis/quote";
import {
  isWorkloadJwtRole,
  unknownVaultTrustFields,
  vaultIssuerOf,
} from "../../analysis/trust-vault-analysis";

export const WI211_ISSUER_NOT_ALLOWED: Rule = {
  id: "WI211",
  title: "Issuer not in the organisation's allowed issuers",
  severity: "error",
  rationale:
    "The organisation policy lists the token issuers it operates or vetted; trusting another issuer hands the decision of who this workload is to a party nobody approved.",
  fix: "Trust an allowed issuer, or have the platform team add this issuer to `allowedIssuers`.",
  owasp: ["NHI3", "NHI6"],
  check({ graph, policy }) {
    if (!policy.allowedIssuers) return [];
    const allowed = new Set(policy.allowedIssuers.map(normalizeIssuer));
    const results: RuleResult[] = [];
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const roles = analyseAwsTrust(graph);
    for (let r = 0; r < roles.length; r++) {
      const role = roles[r];
      const location = role.occurrence.principal.location;
      const seen = new Set<string>();
      const trusts = role.webIdentity;
      for (let t = 0; t < trusts.length; t++) {
        const trust = trusts[t];
        if (trust.status !== "assumable" && trust.status !== "foreign-key-blocks") continue;
        const issuer = trust.issuer as string;
        if (allowed.has(issuer) || seen.has(issuer)) continue;
        seen.add(issuer);
        results.push({
          message: `Role ${quoteLocation(location)} trusts issuer ${quote(issuer)}, which the organisation policy does not allow.`,
          location,
          identityIds: role.occurrence.identityIds,
          key: issuer,
        });
      }
    }
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const occurrences = vaultRoleOccurrences(graph);
    for (let o = 0; o < occurrences.length; o++) {
      // The ids are listed where a finding is made (each read lists them).
      const occurrence = occurrences[o];
      const role = occurrence.principal;
      if (!isWorkloadJwtRole(role) || unknownVaultTrustFields(role).length > 0) continue;
      const issuer = vaultIssuerOf(role, graph);
      if (issuer.kind === "issuer" && allowed.has(issuer.issuer)) continue;
      const label = quoteLocation(role.location);
      results.push(
        issuer.kind === "issuer"
          ? {
              message: `Vault role ${label} trusts issuer ${quote(issuer.issuer)}, which the organisation policy does not allow.`,
              location: role.location,
              identityIds: occurrence.identityIds,
              key: issuer.issuer,
            }
          : {
              message:
                issuer.kind === "unknown"
                  ? `Vault role ${label} trusts an issuer that is not known (${issuer.reason}) — needs review.`
                  : `Vault role ${label} is mounted on a backend that pins no issuer (no bound_issuer or discovery URL).`,
              location: role.location,
              identityIds: occurrence.identityIds,
              unknown: issuer.kind === "unknown" ? true : undefined,
              severity: issuer.kind === "unknown" ? "warning" : undefined,
              key: issuer.kind,
            },
      );
    }
    return results;
  },
};
