import type { PolicyStatement } from "../../model/iam-policy";
import type { Rule } from "../rule";
import {
  ESCALATION_ACTIONS,
  WILDCARD_ROLE_ESCALATION_ACTIONS,
  isWildcardRoleResource,
} from "../../analysis/escalation-actions";
import { attachmentNote, judgeKnownAwsPolicies, quotePolicy } from "../../analysis/privilege-policies";
import { actionPatternMatches, isAllActions, isFullIam } from "../../analysis/statement-actions";
import { quote } from "../../analysis/quote";

/**
 * True when the statement grants `action` other than through `*` or `iam:*`: those full wildcards
 * are WI501 errors already, and reporting the same statement twice adds nothing. NotAction
 * statements (only a WI501 warning) are evaluated here, since they usually grant IAM.
 */
function grantsBeyondFullWildcards(statement: PolicyStatement, action: string): boolean {
  if (statement.effect !== "Allow") return false;
  if (statement.notActions.length > 0) {
    return !statement.notActions.some((pattern) => actionPatternMatches(pattern, action));
  }
  return statement.actions.some(
    (pattern) => !isAllActions(pattern) && !isFullIam(pattern) && actionPatternMatches(pattern, action),
  );
}

export const WI503_PRIVILEGE_ESCALATION: Rule = {
  id: "WI503",
  title: "Policy allows privilege-escalation actions",
  severity: "error",
  rationale:
    "Actions such as iam:CreateAccessKey, iam:Attach*Policy, iam:Put*Policy, iam:CreatePolicyVersion, " +
    "iam:UpdateAssumeRolePolicy, and iam:PassRole or sts:AssumeRole on every role let a workload grant " +
    "itself, or become, a more privileged identity: its real privilege is the account's.",
  fix:
    "Remove the escalation actions from workload policies. Scope iam:PassRole and sts:AssumeRole to the " +
    "specific role ARNs required; manage IAM changes through the deployment pipeline's own identity.",
  owasp: ["NHI5"],
  check({ graph }) {
    return judgeKnownAwsPolicies(graph, (policy, document) => {
      const found = new Set<string>();
      for (const statement of document.statements) {
        for (const action of ESCALATION_ACTIONS) {
          if (grantsBeyondFullWildcards(statement, action)) found.add(action);
        }
        const everyRole =
          statement.notResources.length > 0 || statement.resources.some(isWildcardRoleResource);
        if (!everyRole) continue;
        for (const action of WILDCARD_ROLE_ESCALATION_ACTIONS) {
          if (grantsBeyondFullWildcards(statement, action)) found.add(`${action} on every role`);
        }
      }
      if (found.size === 0) return [];
      const list = [...found].map((action) => quote(action)).join(", ");
      return [
        {
          message: `Policy ${quotePolicy(policy)} allows privilege escalation through ${list}${attachmentNote(policy)}.`,
        },
      ];
    });
  },
};
