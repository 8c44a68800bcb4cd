import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { identitiesWithAccountability } from "./accountable-identities";

export const WI109_NO_DESCRIPTION: Rule = {
  id: "WI109",
  title: "No intent description",
  severity: "warning",
  rationale:
    "The stated intent is what reviewers compare scope against, and what responders read when the identity misbehaves; without it, over-scoping is invisible.",
  fix:
    "Declare `scope.description` in one sentence saying what the workload does with this identity (hand-written roles: the workload-identity:description tag). " +
    "An identity with no accountability at all is reported once, by WI101.",
  owasp: ["NHI1", "NHI5"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const subjects = identitiesWithAccountability(graph);
    for (let s = 0; s < subjects.length; s++) {
      const subject = subjects[s];
      if (subject.facts.description !== undefined && subject.facts.description.trim() !== "") continue;
      const { identity } = subject;
      results.push({
        message: `Identity ${quote(identity.name)} has no description of its intent.`,
        location: identity.location,
        identityIds: [identity.id],
      });
    }
    return results;
  },
};
