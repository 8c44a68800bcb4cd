import type { Rule } from "../rule";
import { attachmentNote, judgeKnownAwsPolicies, quotePolicy } from "../../analysis/privilege-policies";

/**
 * `sts:AssumeRoleWithWebIdentity` named in a permission policy. STS does not authorise that call
 * through the caller's identity policy (the caller has no AWS credentials yet; the target role's
 * trust decides), so the grant does nothing and usually means IRSA/OIDC was misunderstood. Only an
 * explicit name counts: `sts:*` says nothing about intent.
 */
export const WI510_WEB_IDENTITY_PERMISSION: Rule = {
  id: "WI510",
  title: "Permission policy grants sts:AssumeRoleWithWebIdentity",
  severity: "note",
  rationale:
    "AssumeRoleWithWebIdentity is authorised by the target role's trust policy, not by a permission " +
    "policy. Granting it has no effect and signals a misunderstanding of how the workload obtains its role " +
    "(e.g. pods using the node role instead of IRSA or EKS Pod Identity).",
  fix:
    "Remove the statement; give the workload its own role with an OIDC trust (IRSA / EKS Pod Identity / " +
    "WorkloadIdentity) instead.",
  owasp: ["NHI5"],
  check({ graph }) {
    return judgeKnownAwsPolicies(graph, (policy, document) => {
      if (policy.kind === "resource-policy") return [];
      const named = document.statements.some(
        (statement) =>
          statement.effect === "Allow" &&
          statement.actions.some((action) => action.toLowerCase() === "sts:assumerolewithwebidentity"),
      );
      if (!named) return [];
      return [
        {
          message: `Policy ${quotePolicy(policy)} grants "sts:AssumeRoleWithWebIdentity", which a permission policy cannot authorise${attachmentNote(policy)}.`,
        },
      ];
    });
  },
};
