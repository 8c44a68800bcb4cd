import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { isSelfApproval } from "../../model/accountability";
import { accountableIdentities, APPROVAL_KINDS } from "./accountable-identities";

export const WI103_SELF_APPROVED: Rule = {
  id: "WI103",
  title: "Approver is the owner team",
  severity: "error",
  rationale:
    "Separation of duties: the team that wants the access cannot be the one that approves its scope (or the secrets it reaches).",
  fix: "Have the governance owner (a different team) approve, and record their name.",
  owasp: ["NHI5"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const subjects = accountableIdentities(graph);
    for (let s = 0; s < subjects.length; s++) {
      const subject = subjects[s];
      const team = subject.facts.owner?.team;
      if (!team?.trim()) continue;
      for (let a = 0; a < APPROVAL_KINDS.length; a++) {
        const { label, key } = APPROVAL_KINDS[a];
        const approval = APPROVAL_KINDS[a].approvalIn(subject.facts);
        if (approval === undefined) continue;
        if (approval.name === undefined || !isSelfApproval(approval.name, team)) continue;
        const { identity } = subject;
        results.push({
          message: `Identity ${quote(identity.name)} has its ${label} given by its own owner team ${quote(approval.name)}.`,
          location: identity.location,
          identityIds: [identity.id],
          key,
        });
      }
    }
    return results;
  },
};
