import { boundedMemo } from "../../model/bounded-memo";
import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { attachmentNote, judgeKnownAwsPolicies, quotePolicy } from "../../analysis/privilege-policies";
import {
  coversAllResources,
  isAllActions,
  isFullIam,
  isServiceWildcard,
} from "../../analysis/statement-actions";
import { quote } from "../../analysis/quote";

const NOT_WILDCARD = 0;
const ALL_ACTIONS = 1;
const FULL_IAM = 2;
const SERVICE_WILDCARD = 3;

/** Which wildcard an action pattern is, worked out once per pattern (policies repeat them). */
const wildcardKind = boundedMemo(65536, (action): number =>
  isAllActions(action)
    ? ALL_ACTIONS
    : isFullIam(action)
      ? FULL_IAM
      : isServiceWildcard(action)
        ? SERVICE_WILDCARD
        : NOT_WILDCARD,
);

/**
 * Wildcard actions in `Allow` statements. `*` and `iam:*` are errors on any resource (full account
 * or full IAM control, which is the same thing); another whole-service wildcard (`s3:*`) is a
 * warning when it applies to every resource; an Allow with NotAction is a warning (it grants every
 * action not listed, including services added later). One result per policy and kind, so a
 * wildcard repeated across statements is reported once. WI503 leaves `*` and `iam:*` to this rule.
 */
export const WI501_WILDCARD_ACTION: Rule = {
  id: "WI501",
  title: "Policy allows wildcard actions",
  severity: "error",
  rationale:
    "A wildcard action grants every current and future action of a service (or of AWS). `*` and `iam:*` " +
    "let the holder grant itself anything; a service-wide wildcard on every resource reaches far beyond " +
    "what one workload needs (over-privileged NHI).",
  fix:
    "List the actions the workload calls (AWS IAM Access Analyzer policy generation or CloudTrail usage " +
    "helps), and scope them to the resources it uses. Replace NotAction with an explicit Action list.",
  owasp: ["NHI5"],
  check({ graph }) {
    return judgeKnownAwsPolicies(graph, (policy, document) => {
      // Most policies have none: the sets are made, and the name and attachments quoted, only for a finding.
      let wildcards = false;
      // Indexed: this runs per policy, unoptimized, where each iterator step allocates.
      const statements = document.statements;
      for (let s = 0; s < statements.length; s++) {
        const statement = statements[s];
        if (statement.effect !== "Allow") continue;
        if (statement.notActions.length > 0) wildcards = true;
        const actions = statement.actions;
        for (let a = 0; a < actions.length; a++)
          if (wildcardKind(actions[a]) !== NOT_WILDCARD) wildcards = true;
        if (wildcards) break;
      }
      if (!wildcards) return [];
      const all = new Set<string>();
      const iam = new Set<string>();
      const service = new Set<string>();
      const notAction = new Set<string>();
      for (let s = 0; s < statements.length; s++) {
        const statement = statements[s];
        if (statement.effect !== "Allow") continue;
        if (statement.notActions.length > 0) statement.notActions.forEach((action) => notAction.add(action));
        const actions = statement.actions;
        for (let a = 0; a < actions.length; a++) {
          const action = actions[a];
          const kind = wildcardKind(action);
          if (kind === ALL_ACTIONS) all.add(action);
          else if (kind === FULL_IAM) iam.add(action);
          else if (kind === SERVICE_WILDCARD && coversAllResources(statement)) service.add(action);
        }
      }
      if (all.size + iam.size + service.size + notAction.size === 0) return [];
      const name = quotePolicy(policy);
      const where = attachmentNote(policy);
      const quoted = (set: Set<string>) => [...set].map((action) => quote(action)).join(", ");
      const results: Array<Omit<RuleResult, "location">> = [];
      if (all.size > 0) {
        results.push({
          message: `Policy ${name} allows every action (${quoted(all)})${where}.`,
          key: "all-actions",
        });
      }
      if (iam.size > 0) {
        results.push({
          message: `Policy ${name} allows every IAM action (${quoted(iam)})${where}.`,
          key: "iam-wildcard",
        });
      }
      if (service.size > 0) {
        results.push({
          message: `Policy ${name} allows whole-service wildcards ${quoted(service)} on every resource${where}.`,
          severity: "warning",
          key: "service-wildcard",
        });
      }
      if (notAction.size > 0) {
        results.push({
          message: `Policy ${name} allows every action except ${quoted(notAction)} (Allow with NotAction)${where}.`,
          severity: "warning",
          key: "not-action",
        });
      }
      return results;
    });
  },
};
