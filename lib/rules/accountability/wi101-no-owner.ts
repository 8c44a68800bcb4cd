import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../support/trust-principals";
import { accountableIdentities, missingSeverity } from "./accountable-identities";

export const WI101_NO_OWNER: Rule = {
  id: "WI101",
  title: "Identity has no owner",
  severity: "error",
  rationale:
    "An identity nobody owns is never reviewed, rotated or offboarded; when it is abused there is no team to call and no stated intent to compare against.",
  fix: "Declare `owner: { team, contact }` (for hand-written roles, add the workload-identity:owner-team and owner-contact tags).",
  owasp: ["NHI1"],
  check({ graph }) {
    const results: RuleResult[] = [];
    for (const subject of accountableIdentities(graph)) {
      const owner = subject.facts.owner;
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
