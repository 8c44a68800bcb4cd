import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { forEachApprovalExpiry } from "./accountable-identities";

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
    forEachApprovalExpiry(graph, policy.today, (identity, { label, key }, expiresOn, daysLeft) => {
      if (daysLeft !== undefined && daysLeft > 0) return;
      results.push({
        message:
          daysLeft === undefined
            ? `The ${label} of identity ${quote(identity.name)} has the expiry ${quote(expiresOn)}, which is not a date (YYYY-MM-DD).`
            : `The ${label} of identity ${quote(identity.name)} expired on ${expiresOn}.`,
        location: identity.location,
        identityIds: [identity.id],
        key,
      });
    });
    return results;
  },
};
