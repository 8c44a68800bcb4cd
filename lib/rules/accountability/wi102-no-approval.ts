import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { identitiesWithAccountability, missingSeverity } from "./accountable-identities";

export const WI102_NO_APPROVAL: Rule = {
  id: "WI102",
  title: "Identity has no approver or approval reference",
  severity: "error",
  rationale:
    "Scope and trust of a workload identity are a governance decision; without a named approver and a ticket to trace, nobody accepted the risk and nothing says what was agreed.",
  fix:
    "Declare `approver: { name, reference, expiresOn }` naming the governance owner and the approval ticket (hand-written roles: the workload-identity:approver and approval-ref tags). " +
    "An identity with no accountability at all is reported once, by WI101.",
  owasp: ["NHI1", "NHI5"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const subjects = identitiesWithAccountability(graph);
    for (let s = 0; s < subjects.length; s++) {
      const subject = subjects[s];
      const approver = subject.facts.approver;
      if (approver?.name && approver.reference) continue;
      const missing = [!approver?.name && "approver", !approver?.reference && "approval reference"].filter(
        Boolean,
      );
      if (missing.length === 0) continue;
      const { identity } = subject;
      results.push({
        message: `Identity ${quote(identity.name)} has no ${missing.join(" and no ")}.`,
        location: identity.location,
        identityIds: [identity.id],
        severity: missingSeverity(subject),
      });
    }
    return results;
  },
};
