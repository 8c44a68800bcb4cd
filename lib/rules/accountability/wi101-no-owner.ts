import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { type AccountableIdentity, accountableIdentities, missingSeverity } from "./accountable-identities";

/** The single finding for an identity with no accountability source at all. */
function noAccountabilityResult(subject: AccountableIdentity): RuleResult {
  const { identity } = subject;
  return {
    message: `Identity ${quote(identity.name)} has no accountability record: no owner, approver, TTL or description.`,
    location: identity.location,
    identityIds: [identity.id],
    severity: missingSeverity(subject),
  };
}

export const WI101_NO_OWNER: Rule = {
  id: "WI101",
  title: "Identity has no owner (or no accountability record at all)",
  severity: "error",
  rationale:
    "An identity nobody owns is never reviewed, rotated or offboarded; when it is abused there is no team to call and no stated intent to compare against. " +
    "A hand-written identity with no accountability at all (no record, no tags, no Vault policy header) gets this one finding, which stands for the missing owner, approver, TTL and description together (WI102, WI106 and WI109 then stay silent).",
  fix:
    "Declare `owner: { team, contact }`. For a hand-written identity without any accountability, declare it with `WorkloadIdentity` (owner, approver, ttl, description), " +
    "or add the role tags workload-identity:owner-team, owner-contact, approver, approval-ref, ttl-seconds and description (Vault roles: the generated policy header).",
  owasp: ["NHI1"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const subjects = accountableIdentities(graph);
    for (let s = 0; s < subjects.length; s++) {
      const subject = subjects[s];
      if (!subject.hasInfo) {
        results.push(noAccountabilityResult(subject));
        continue;
      }
      const owner = subject.facts.owner;
      if (owner?.team && owner.contact) continue;
      const missing = [!owner?.team && "team", !owner?.contact && "contact"].filter(Boolean);
      if (missing.length === 0) continue;
      const { identity } = subject;
      results.push({
        message: `Identity ${quote(identity.name)} has no owner ${missing.join(" or ")}.`,
        location: identity.location,
        identityIds: [identity.id],
        severity: missingSeverity(subject),
      });
    }
    return results;
  },
};
