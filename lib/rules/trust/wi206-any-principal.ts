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
  semantics: [
    "A `*` principal is narrowed only by a condition on `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn` or `aws:SourceOrgID` under a string or ARN operator without `IfExists` (an absent key would pass), whose every value pins one account or organisation: under `StringLike`/`ArnLike` a wildcard in the organisation id, account id, or the account field of an ARN (`arn:aws:iam::*:role/x`) matches every account and narrows nothing (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).",
  ],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const roles = analyseAwsTrust(graph);
    for (let r = 0; r < roles.length; r++) {
      const role = roles[r];
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
