import type { RuleResult } from "../../model/finding";
import { isUnknown } from "../../model/unknown";
import type { Rule } from "../rule";
import { PrincipalDirectory, isAwsManaged } from "../../analysis/principal-directory";
import { attachmentNote, quotePolicy } from "../../analysis/privilege-policies";

/**
 * Permission policies whose content is not known (e.g. `after_unknown` in a plan, or text that
 * failed to parse): one "unknown — needs review" result per policy, IAM and Vault alike; the other
 * privilege rules skip them. AWS-managed policies are not reported here: their content is never in
 * the inputs and WI508 judges them by name.
 */
export const WI509_UNKNOWN_POLICY: Rule = {
  id: "WI509",
  title: "Permission policy content unknown",
  severity: "error",
  rationale:
    "A policy whose content is known only after apply cannot be checked for wildcards, escalation or " +
    "shared secrets; passing it silently would approve whatever it turns out to contain.",
  fix:
    "Render the policy from values known at plan time (e.g. a data.aws_iam_policy_document over known " +
    "ARNs), or review the applied policy by hand and record the review.",
  owasp: ["NHI5"],
  check({ graph }) {
    const directory = PrincipalDirectory.of(graph);
    const results: RuleResult[] = [];
    // Indexed: this runs per policy, unoptimized, where each iterator step allocates.
    const awsPolicies = graph.awsPolicies;
    for (let p = 0; p < awsPolicies.length; p++) {
      const policy = awsPolicies[p];
      if (!isUnknown(policy.document) || isAwsManaged(policy)) continue;
      const context = directory.awsPolicyContext(policy);
      results.push({
        message: `Policy ${quotePolicy(policy)} has content that cannot be evaluated (${policy.document.reason})${attachmentNote(policy)}: unknown — needs review.`,
        location: policy.location,
        related: context.related,
        identityIds: context.identityIds,
        unknown: true,
      });
    }
    const vaultPolicies = graph.vaultPolicies;
    for (let p = 0; p < vaultPolicies.length; p++) {
      const policy = vaultPolicies[p];
      if (!isUnknown(policy.rules)) continue;
      const context = directory.vaultPolicyContext(policy);
      results.push({
        message: `Vault policy ${quotePolicy(policy)} has rules that cannot be evaluated (${policy.rules.reason}): unknown — needs review.`,
        location: policy.location,
        related: context.related,
        identityIds: context.identityIds,
        unknown: true,
      });
    }
    return results;
  },
};
