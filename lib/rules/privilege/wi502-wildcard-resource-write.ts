import { boundedMemo } from "../../model/bounded-memo";
import type { Rule } from "../rule";
import {
  catalogActionsMatching,
  isWriteAction,
  supportsResourceScoping,
} from "../../analysis/iam-action-catalog";
import { ALL_ESCALATION_ACTIONS } from "../../analysis/escalation-actions";
import { attachmentNote, judgeKnownAwsPolicies, quotePolicy } from "../../analysis/privilege-policies";
import {
  coversAllResources,
  isAllActions,
  isFullIam,
  isServiceWildcard,
} from "../../analysis/statement-actions";
import { quote } from "../../analysis/quote";

/** Calls STS authorises without the caller's identity policy: granting them is WI510's no-op, not a write. */
const NOT_AUTHORISED_BY_IDENTITY_POLICY = new Set([
  "sts:assumerolewithwebidentity",
  "sts:assumerolewithsaml",
]);

/**
 * True when the action pattern names a write action that could be scoped to resources and is not
 * another rule's (escalation) or a no-op grant. Worked out once per pattern: policies repeat them.
 */
const grantsScopableWrite = boundedMemo(65536, (pattern): boolean =>
  (catalogActionsMatching(pattern) ?? []).some(
    (action) =>
      isWriteAction(action) &&
      supportsResourceScoping(action) &&
      !ALL_ESCALATION_ACTIONS.has(action.name.toLowerCase()) &&
      !NOT_AUTHORISED_BY_IDENTITY_POLICY.has(action.name.toLowerCase()),
  ),
);

/**
 * Write actions granted on every resource (`Resource: *` or NotResource). Uses the access levels of
 * the AWS action catalog: Read and List actions are clean (`ec2:Describe*`), and so are actions
 * that cannot be scoped to a resource (see `supportsResourceScoping`: `cloudwatch:PutMetricData`).
 * Whole-service wildcards and NotAction are WI501's, escalation actions WI503's, and names missing
 * from the catalog WI504's, so each fact is reported once.
 */
export const WI502_WILDCARD_RESOURCE_WRITE: Rule = {
  id: "WI502",
  title: "Policy allows write actions on every resource",
  severity: "warning",
  rationale:
    "A write action on `*` lets the workload change every resource of that type in the account, not just " +
    "its own; a compromised workload can then tamper with other workloads' data and infrastructure.",
  fix: "Scope the Resource of write actions to the ARNs (or ARN prefixes) of the workload's own resources.",
  owasp: ["NHI5"],
  check({ graph }) {
    return judgeKnownAwsPolicies(graph, (policy, document) => {
      let flagged: Set<string> | undefined;
      // Indexed: this runs per policy, unoptimized, where each iterator step allocates.
      const statements = document.statements;
      for (let s = 0; s < statements.length; s++) {
        const statement = statements[s];
        if (statement.effect !== "Allow" || statement.notActions.length > 0 || !coversAllResources(statement))
          continue;
        const actions = statement.actions;
        for (let a = 0; a < actions.length; a++) {
          const pattern = actions[a];
          if (isAllActions(pattern) || isFullIam(pattern) || isServiceWildcard(pattern)) continue;
          if (grantsScopableWrite(pattern)) (flagged ??= new Set()).add(pattern);
        }
      }
      if (flagged === undefined) return [];
      const list = [...flagged].map((action) => quote(action)).join(", ");
      return [
        {
          message: `Policy ${quotePolicy(policy)} allows write actions ${list} on every resource${attachmentNote(policy)}.`,
        },
      ];
    });
  },
};
