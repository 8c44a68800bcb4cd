import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { accountableIdentities, APPROVAL_KINDS, approvalDaysLeft } from "./accountable-identities";

export const WI104_APPROVAL_EXPIRED: Rule = {
  id: "WI104",
  title: "Approval expired",
  severity: "error",
  rationale:
    "An approval is a time-boxed acceptance of risk; once it lapses nobody has re-confirmed that the identity is still needed with this scope (identities outliving their purpose are the first NHI risk).",
  fix: "Renew the approval (new reference and expiry) or remove the identity.",
  owasp: ["NHI1"],
  check({ graph, policy }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const subjects = accountableIdentities(graph);
    const daysLeft = approvalDaysLeft(graph, policy.today);
    for (let s = 0; s < subjects.length; s++) {
      const subject = subjects[s];
      for (let k = 0; k < APPROVAL_KINDS.length; k++) {
        const { label, key } = APPROVAL_KINDS[k];
        const expiresOn = APPROVAL_KINDS[k].approvalIn(subject.facts)?.expiresOn;
        if (expiresOn === undefined) continue;
        const days = daysLeft.get(expiresOn);
        const { identity } = subject;
        if (days === undefined) {
          results.push({
            message: `The ${label} of identity ${quote(identity.name)} has the expiry ${quote(expiresOn)}, which is not a date (YYYY-MM-DD).`,
            location: identity.location,
            identityIds: [identity.id],
            key,
          });
        } else if (days <= 0) {
          results.push({
            message: `The ${label} of identity ${quote(identity.name)} expired on ${expiresOn}.`,
            location: identity.location,
            identityIds: [identity.id],
            key,
          });
        }
      }
    }
    return results;
  },
};
