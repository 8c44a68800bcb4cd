import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { webIdentityTrusts } from "../../analysis/trust-aws-analysis";
import { trustSourcesRelated } from "../../analysis/trust-principals";
import { quote, quoteLocation } from "../../analysis/quote";

export const WI201_NO_AUDIENCE_PIN: Rule = {
  id: "WI201",
  title: "Web-identity trust without audience pin",
  severity: "error",
  rationale:
    "Without a condition on the audience claim the role accepts tokens the issuer minted for any other relying party, so a token meant for another service can be replayed here.",
  fix: 'Add `StringEquals` on `<issuer>:aud` (e.g. "sts.amazonaws.com") to the trust statement.',
  owasp: ["NHI6", "NHI4"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per trust, unoptimized, where each iterator step allocates.
    const trusts = webIdentityTrusts(graph, "assumable");
    for (let t = 0; t < trusts.length; t++) {
      const trust = trusts[t];
      if (trust.audiencePins.length > 0) continue;
      const role = trust.occurrence.principal;
      results.push({
        message: `Role ${quoteLocation(role.location)} accepts tokens from ${quote(trust.issuer ?? trust.principal)} without pinning the audience.`,
        location: role.location,
        ...trustSourcesRelated(role),
        identityIds: trust.occurrence.identityIds,
        key: trust.principal,
      });
    }
    return results;
  },
};
