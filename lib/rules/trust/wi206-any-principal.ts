import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { analyseAwsTrust } from "../../analysis/trust-aws-analysis";
import { quoteLocation } from "../../analysis/quote";

export const WI206_ANY_PRINCIPAL: Rule = {
  id: "WI206",
  title: "Trust principal allows any account",
  severity: "error",
  rationale:
    'A trust statement with principal `*` (or `AWS: "*"`) lets any AWS principal in any account assume the role unless a condition narrows it to an organisation or account.',
  fix: "Name the trusted principal (account, role or OIDC provider), or add `aws:PrincipalOrgID` / `aws:PrincipalAccount`.",
  owasp: ["NHI6", "NHI5"],
  check({ graph }) {
    const results: RuleResult[] = [];
    for (const role of analyseAwsTrust(graph)) {
      if (role.anyPrincipalStatements.length === 0) continue;
      const location = role.occurrence.principal.location;
      results.push({
        message: `Role ${quoteLocation(location)} can be assumed by any principal in any AWS account.`,
        location,
        identityIds: role.occurrence.identityIds,
      });
    }
    return results;
  },
};
