import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { approvalsOf, identitiesWithAccountability, missingSeverity } from "./accountable-identities";

export const WI112_APPROVAL_WITHOUT_EXPIRY: Rule = {
  id: "WI112",
  title: "Approval without expiry date",
  severity: "error",
  rationale:
    "An approval says who accepted the identity's scope and until when; one without an end date is never reviewed again, " +
    "so the identity outlives the decision that allowed it (NHI1 improper offboarding). `WorkloadIdentity` requires `expiresOn`; " +
    "this finds approvals written by hand (role tags, Vault policy headers, records not produced by the constructs) that lack one.",
  fix:
    'Add the approval\'s end date: `expiresOn: "YYYY-MM-DD"` in `approver` / `secretsApprover` (hand-written roles: the ' +
    "workload-identity:approval-expires tag, or the secrets-approval-expires tag for the secrets approval).",
  owasp: ["NHI1"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const subjects = identitiesWithAccountability(graph);
    for (let s = 0; s < subjects.length; s++) {
      const subject = subjects[s];
      const approvals = approvalsOf(subject);
      for (let a = 0; a < approvals.length; a++) {
        const { label, key, approval } = approvals[a];
        const given = (approval.name ?? "") !== "" || (approval.reference ?? "") !== "";
        if (!given || (approval.expiresOn ?? "") !== "") continue;
        const { identity } = subject;
        results.push({
          message: `The ${label} of identity ${quote(identity.name)} has no expiry date.`,
          location: identity.location,
          identityIds: [identity.id],
          severity: missingSeverity(subject),
          key,
        });
      }
    }
    return results;
  },
};
