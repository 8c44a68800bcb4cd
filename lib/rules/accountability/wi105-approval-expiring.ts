import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { datedApprovals } from "./accountable-identities";

export const WI105_APPROVAL_EXPIRING: Rule = {
  id: "WI105",
  title: "Approval expiring soon",
  severity: "warning",
  rationale:
    "Renewing an approval before it lapses avoids a blocked deployment and keeps the review deliberate rather than rushed.",
  fix: "Start the renewal now: get a new approval reference and expiry date.",
  owasp: ["NHI1"],
  check({ graph, policy }) {
    const results: RuleResult[] = [];
    for (const { subject, label, key, expiresOn, days } of datedApprovals(graph, policy.today)) {
      if (days === undefined || days <= 0 || days > policy.expiryWarningDays) continue;
      const { identity } = subject;
      results.push({
        message: `The ${label} of identity ${quote(identity.name)} expires on ${expiresOn} (in ${days} day${days === 1 ? "" : "s"}).`,
        location: identity.location,
        identityIds: [identity.id],
        key,
      });
    }
    return results;
  },
};
