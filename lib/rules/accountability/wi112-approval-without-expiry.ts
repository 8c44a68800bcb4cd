import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { APPROVAL_KINDS, identitiesWithAccountability, missingSeverity } from "./accountable-identities";

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
      for (let a = 0; a < APPROVAL_KINDS.length; a++) {
        const { label, key } = APPROVAL_KINDS[a];
        const approval = APPROVAL_KINDS[a].approvalIn(subject.facts);
        if (approval === undefined) continue;
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
