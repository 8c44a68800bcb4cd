import type { PolicyStatement } from "../../model/iam-policy";
import type { Rule } from "../rule";
import {
  ESCALATION_ACTIONS,
  WILDCARD_ROLE_ESCALATION_ACTIONS,
  isWildcardRoleResource,
} from "../../analysis/escalation-actions";
import { attachmentNote, judgeKnownAwsPolicies, quotePolicy } from "../../analysis/privilege-policies";
import { ActionList, isAllActions, isFullIam } from "../../analysis/statement-actions";
import { quote } from "../../analysis/quote";

const ESCALATION = new ActionList(ESCALATION_ACTIONS);
const WILDCARD_ROLE_ESCALATION = new ActionList(WILDCARD_ROLE_ESCALATION_ACTIONS);

/**
 * The actions of `list` the statement grants other than through `*` or `iam:*`: those full
 * wildcards are WI501 errors already, and reporting the same statement twice adds nothing.
 * NotAction statements (only a WI501 warning) are evaluated here, since they usually grant IAM.
 */
function grantedBeyondFullWildcards(statement: PolicyStatement, list: ActionList): number {
  if (statement.effect !== "Allow") return 0;
  if (statement.notActions.length > 0) return list.allowedMask(statement);
  let mask = 0;
  // Indexed: this runs per statement, unoptimized, where each iterator step allocates.
  const actions = statement.actions;
  for (let a = 0; a < actions.length; a++)
    if (!isAllActions(actions[a]) && !isFullIam(actions[a])) mask |= list.patternMask(actions[a]);
  return mask;
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
      let found: Set<string> | undefined;
      // Indexed: this runs per policy, unoptimized, where each iterator step allocates.
      const statements = document.statements;
      for (let s = 0; s < statements.length; s++) {
        const statement = statements[s];
        const escalating = grantedBeyondFullWildcards(statement, ESCALATION);
        if (escalating !== 0)
          for (const action of ESCALATION.actionsOf(escalating)) (found ??= new Set()).add(action);
        const roles = grantedBeyondFullWildcards(statement, WILDCARD_ROLE_ESCALATION);
        if (roles === 0) continue;
        const everyRole =
          statement.notResources.length > 0 || statement.resources.some(isWildcardRoleResource);
        if (!everyRole) continue;
        for (const action of WILDCARD_ROLE_ESCALATION.actionsOf(roles))
          (found ??= new Set()).add(`${action} on every role`);
      }
      if (found === undefined) return [];
      const list = [...found].map((action) => quote(action)).join(", ");
      return [
        {
          message: `Policy ${quotePolicy(policy)} allows privilege escalation through ${list}${attachmentNote(policy)}.`,
        },
      ];
    });
  },
};
