import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { analyseAwsTrust } from "../../analysis/trust-aws-analysis";
import { trustSourcesRelated } from "../../analysis/trust-principals";
import { quote, quoteLocation } from "../../analysis/quote";

export const WI205_FOREIGN_CONDITION_KEY: Rule = {
  id: "WI205",
  title: "Condition key of a different issuer than the trusted provider",
  severity: "warning",
  rationale:
    "Tokens from the trusted provider never carry another issuer's condition keys. Under a positive operator the condition never matches and nobody can assume the role (broken, and the intended pin is absent); under IfExists or a negated operator it has no effect at all.",
  fix: "Use the trusted provider's own keys (`<provider host+path>:aud`, `:sub`), or trust the provider the keys belong to.",
  owasp: ["NHI6"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const roles = analyseAwsTrust(graph);
    for (let r = 0; r < roles.length; r++) {
      const role = roles[r];
      const trusts = role.webIdentity;
      for (let t = 0; t < trusts.length; t++) {
        const trust = trusts[t];
        if (trust.status !== "assumable" && trust.status !== "foreign-key-blocks") continue;
        const condition = trust.foreignConditions[0];
        if (!condition) continue;
        const location = role.occurrence.principal.location;
        const effect =
          trust.status === "foreign-key-blocks"
            ? "so no token matches and the role cannot be assumed"
            : "so that condition has no effect";
        results.push({
          message: `Role ${quoteLocation(location)} trusts ${quote(trust.issuer ?? trust.principal)} but its condition key ${quote(condition.key)} belongs to another issuer, ${effect}.`,
          location,
          ...trustSourcesRelated(role.occurrence.principal),
          identityIds: role.occurrence.identityIds,
          key: trust.principal,
        });
      }
    }
    return results;
  },
};
