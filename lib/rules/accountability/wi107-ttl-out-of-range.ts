import type { RuleResult } from "../../model/finding";
import { formatSeconds } from "../../model/duration-text";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { accountableIdentities } from "./accountable-identities";

export const WI107_TTL_OUT_OF_RANGE: Rule = {
  id: "WI107",
  title: "TTL outside the policy range",
  severity: "error",
  rationale:
    "Credentials that live longer than the organisation allows widen the window in which a leaked token is useful; below the minimum, sessions cannot be issued reliably (STS needs 15 minutes).",
  fix: "Set the TTL between the policy minTtl and maxTtl.",
  owasp: ["NHI7"],
  check({ graph, policy }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const subjects = accountableIdentities(graph);
    for (let s = 0; s < subjects.length; s++) {
      const subject = subjects[s];
      const ttl = subject.facts.ttlSeconds;
      if (ttl === undefined) continue;
      const { identity } = subject;
      let problem: string | undefined;
      if (ttl > policy.maxTtlSeconds)
        problem = `above the policy maximum of ${formatSeconds(policy.maxTtlSeconds)}`;
      else if (ttl < policy.minTtlSeconds)
        problem = `below the policy minimum of ${formatSeconds(policy.minTtlSeconds)}`;
      if (!problem) continue;
      results.push({
        message: `Identity ${quote(identity.name)} has a TTL of ${formatSeconds(ttl)}, ${problem}.`,
        location: identity.location,
        identityIds: [identity.id],
      });
    }
    return results;
  },
};
