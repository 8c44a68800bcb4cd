import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { analyseAwsTrust } from "../../analysis/trust-aws-analysis";
import { comparesLiterally } from "../../analysis/trust-conditions";
import { trustSourcesRelated } from "../../analysis/trust-principals";
import { quote, quoteLocation } from "../../analysis/quote";

export const WI204_WILDCARD_UNDER_STRING_EQUALS: Rule = {
  id: "WI204",
  title: "Wildcard under StringEquals",
  severity: "error",
  rationale:
    "IAM's StringEquals compares literally: `*` and `?` are ordinary characters. The condition either never matches (the role is broken) or was meant as a wildcard (the author believes it is wider than it is); both hide the real binding from reviewers.",
  fix: "Write the exact value under StringEquals, or (only with a written reason) use StringLike for a pattern.",
  owasp: ["NHI6"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: before V8 optimizes this, `for...of` allocates per element.
    const roles = analyseAwsTrust(graph);
    for (let r = 0; r < roles.length; r++) {
      const role = roles[r];
      for (let t = 0; t < role.webIdentity.length; t++) {
        const trust = role.webIdentity[t];
        if (trust.status !== "assumable") continue;
        const conditions = trust.statement.conditions;
        for (let c = 0; c < conditions.length; c++) {
          const condition = conditions[c];
          if (!comparesLiterally(condition.operator)) continue;
          const value = condition.values.find((v) => /[*?]/.test(v));
          if (value === undefined) continue;
          const location = role.occurrence.principal.location;
          results.push({
            message: `Role ${quoteLocation(location)} compares ${quote(condition.key)} with ${quote(value)} under ${quote(condition.operator)}, where the wildcard is a literal character.`,
            location,
            ...trustSourcesRelated(role.occurrence.principal),
            identityIds: role.occurrence.identityIds,
            key: `${trust.principal}|${condition.key}|${value}`,
          });
        }
      }
    }
    return results;
  },
};
