import type { Severity } from "../../model/finding";
import type { Rule } from "../rule";
import { PrincipalDirectory, awsManagedPolicyName, isAwsManaged } from "../../analysis/principal-directory";
import { quote } from "../../analysis/quote";

/** Severity of a broad AWS-managed policy by name, or undefined when the name is not broad. */
export function broadManagedPolicySeverity(name: string): Severity | undefined {
  if (name === "AdministratorAccess" || name === "IAMFullAccess") return "error";
  if (name === "PowerUserAccess" || /FullAccess$/.test(name) || /PowerUser$/.test(name)) return "warning";
  return undefined;
}

function attachedTo(addresses: readonly string[]): string {
  if (addresses.length === 0) return "referenced but attached to no principal in these inputs";
  return `attached to ${addresses.map((address) => quote(address)).join(", ")}`;
}

/**
 * AWS-managed policies judged by name (their content is not in Terraform inputs): full
 * administrator and full IAM are errors; power-user and `*FullAccess` / `*PowerUser` policies are
 * warnings. Narrow, purpose-built managed policies (AmazonEKSWorkerNodePolicy,
 * AmazonEC2ContainerRegistryReadOnly, AWSLambdaBasicExecutionRole, ...) are clean.
 */
export const WI508_BROAD_MANAGED_POLICY: Rule = {
  id: "WI508",
  title: "Broad AWS-managed policy attached",
  severity: "error",
  rationale:
    "AWS-managed full-access policies grant every action of a service (or of the account) on every " +
    "resource and grow as AWS adds actions; on a workload identity they make its blast radius the whole " +
    "service or account.",
  fix: "Replace the managed policy with a customer-managed or inline policy listing only the actions and resources used.",
  owasp: ["NHI5"],
  check({ graph }) {
    const directory = PrincipalDirectory.of(graph);
    return graph.awsPolicies.flatMap((policy) => {
      if (!isAwsManaged(policy)) return [];
      const name = awsManagedPolicyName(policy);
      const severity = name === undefined ? undefined : broadManagedPolicySeverity(name);
      if (name === undefined || severity === undefined) return [];
      const context = directory.awsPolicyContext(policy);
      return [
        {
          message: `AWS-managed policy ${quote(name)} is ${attachedTo(policy.attachedTo)}.`,
          location: policy.location,
          related: context.related,
          identityIds: context.identityIds,
          severity,
          key: name,
        },
      ];
    });
  },
};
