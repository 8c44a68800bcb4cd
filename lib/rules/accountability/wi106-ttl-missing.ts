import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { identitiesWithAccountability } from "./accountable-identities";

export const WI106_TTL_MISSING: Rule = {
  id: "WI106",
  title: "TTL missing or unknown",
  severity: "warning",
  rationale:
    "Without a declared credential lifetime nobody can check that sessions and tokens are as short-lived as the workload needs; the platform defaults apply silently.",
  fix:
    "Declare `ttl` (e.g. `Duration.minutes(30)`); for hand-written roles add the workload-identity:ttl-seconds tag and matching session limits. " +
    "An identity with no accountability at all is reported once, by WI101.",
  owasp: ["NHI7"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const subjects = identitiesWithAccountability(graph);
    for (let s = 0; s < subjects.length; s++) {
      const subject = subjects[s];
      if (subject.facts.ttlSeconds !== undefined) continue;
      const { identity } = subject;
      results.push(
        subject.hasRecord
          ? {
              message: `Identity ${quote(identity.name)} declares no TTL.`,
              location: identity.location,
              identityIds: [identity.id],
            }
          : {
              message: `Identity ${quote(identity.name)} has no declared TTL, so its credential lifetime is unknown — needs review.`,
              location: identity.location,
              identityIds: [identity.id],
              unknown: true,
            },
      );
    }
    return results;
  },
};
