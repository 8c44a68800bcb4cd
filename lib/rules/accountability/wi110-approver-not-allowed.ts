import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { isAllowedApprover } from "../../model/accountability";
import { accountableIdentities, APPROVAL_KINDS } from "./accountable-identities";

export const WI110_APPROVER_NOT_ALLOWED: Rule = {
  id: "WI110",
  title: "Approver not on the allow-list",
  severity: "error",
  rationale:
    "The organisation names who may accept identity risk; an approval (or a suppression) signed by anyone else is not an approval.",
  fix: "Have an approver from the policy `approvers` list approve, or ask the platform team to add the approver.",
  owasp: ["NHI5"],
  check({ graph, policy }) {
    const allowed = policy.approvers;
    if (!allowed) return [];
    const results: RuleResult[] = [];
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const subjects = accountableIdentities(graph);
    for (let s = 0; s < subjects.length; s++) {
      const subject = subjects[s];
      const { identity } = subject;
      for (let a = 0; a < APPROVAL_KINDS.length; a++) {
        const { label, key } = APPROVAL_KINDS[a];
        const approval = APPROVAL_KINDS[a].approvalIn(subject.facts);
        if (approval === undefined) continue;
        if (approval.name === undefined || isAllowedApprover(approval.name, allowed)) continue;
        results.push({
          message: `Identity ${quote(identity.name)} has its ${label} given by ${quote(approval.name)}, who is not on the approver allow-list.`,
          location: identity.location,
          identityIds: [identity.id],
          key,
        });
      }
      const suppressions = Array.isArray(identity.record?.suppressions) ? identity.record.suppressions : [];
      for (const suppression of suppressions) {
        if (typeof suppression?.approver !== "string" || isAllowedApprover(suppression.approver, allowed))
          continue;
        results.push({
          message: `Identity ${quote(identity.name)} has a suppression of ${quote(String(suppression.ruleId))} approved by ${quote(suppression.approver)}, who is not on the approver allow-list.`,
          location: identity.location,
          identityIds: [identity.id],
          key: `suppression:${String(suppression.ruleId)}`,
        });
      }
    }
    return results;
  },
};
