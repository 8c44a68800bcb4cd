import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { ROLE_ACCESS_CHANGING_ACTIONS, assumeGraph } from "../../analysis/aws-role-reach";
import { quoteIdentity } from "../../analysis/identity-pairs";
import { quote } from "../../analysis/quote";

export const WI308_AWS_ROLE_TAKEOVER: Rule = {
  id: "WI308",
  title: "An identity can change another identity's AWS role",
  severity: "error",
  rationale:
    "Permission to rewrite another role's trust policy or to add policies to it is permission to become " +
    "that role or to make it reach anything: a compromise of the first workload takes over the second, " +
    "and what the second then does is attributed to it.",
  fix:
    "Remove iam:UpdateAssumeRolePolicy, iam:PutRolePolicy and iam:AttachRolePolicy on other identities' roles " +
    "(and on `*`); if one workload must administer another's role, record an approved suppression for WI308 " +
    "(reason, approver, expiry).",
  owasp: ["NHI5", "NHI9"],
  semantics: [
    `The actions ${ROLE_ACCESS_CHANGING_ACTIONS.map((a) => `\`${a}\``).join(", ")} on a resource matching another identity's role ARN (exact pattern algebra; \`\${aws_iam_role.x.arn}\` references resolve to the role) make the caller able to become that role: the edge joins the assume graph, so WI302 and WI305 count what the role reaches as the caller's reach (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html).`,
    `\`iam:CreatePolicyVersion\` and \`iam:SetDefaultPolicyVersion\` on a customer-managed policy attached to another identity's role (by ARN pattern, or \`\${aws_iam_policy.x.arn}\`) rewrite what that role may do, as \`iam:PutRolePolicy\` does, and make the same edge (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html).`,
  ],
  check({ graph }) {
    const results: RuleResult[] = [];
    for (const edge of assumeGraph(graph).edges) {
      if (edge.reason !== "change-access" || !edge.grant) continue;
      const { target, grant } = edge;
      const arn = target.arnPattern ?? target.role.location.address;
      const via = grant.actions.map(quote).join(", ");
      results.push({
        message:
          `Identity ${quoteIdentity(edge.from)} can change role ${quote(arn)} of identity ` +
          `${quoteIdentity(target.identity)} through ${via} on ${quote(grant.resource)}, and so become it.`,
        location: edge.location,
        related: [target.role.location],
        identityIds: [edge.from.id, target.identity.id],
        key: JSON.stringify([grant.resource, target.role.location.stack ?? "", target.role.location.address]),
      });
    }
    return results;
  },
};
