/** Small helpers shared by the rule tests of the accountability, trust, static and WI303 areas. */
import type { RuleResult, Severity } from "../../../lib/model/finding";
import type { IdentityGraph } from "../../../lib/model/graph";
import type { PolicyCondition } from "../../../lib/model/iam-policy";
import type { ResolvedPolicy } from "../../../lib/model/org-policy";
import type { Rule } from "../../../lib/rules/rule";
import { awsRole, doc, identity, policy, statement } from "../../support/graph-builder";

export function run(
  rule: Rule,
  graph: IdentityGraph,
  overrides: Partial<ResolvedPolicy> = {},
): readonly RuleResult[] {
  return rule.check({ graph, policy: policy(overrides) });
}

/** The flagged addresses, sorted. */
export function flagged(results: readonly RuleResult[]): string[] {
  return results.map((r) => r.location.address).sort();
}

/** `address severity` per result (the rule's default when the result sets none), sorted. */
export function flaggedWithSeverity(results: readonly RuleResult[], rule: Rule): string[] {
  return results
    .map((r) => `${r.location.address} ${(r.severity ?? rule.severity) satisfies Severity}`)
    .sort();
}

export const GITHUB = "token.actions.githubusercontent.com";
export const GITHUB_PROVIDER = `arn:aws:iam::123456123456:oidc-provider/${GITHUB}`;

/** A role identity (hand-written: no record) whose trust is one web-identity statement. */
export function webIdentityRoleIdentity(
  name: string,
  conditions: PolicyCondition[],
  federated: string[] = [GITHUB_PROVIDER],
  extra: Partial<Parameters<typeof awsRole>[1]> = {},
) {
  const role = awsRole(`aws_iam_role.${name}`, {
    trust: doc(
      statement({
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", values: federated }],
        conditions,
      }),
    ),
    ...extra,
  });
  return identity(`aws_iam_role.${name}`, { awsRoles: [role] });
}

export function eq(key: string, ...values: string[]): PolicyCondition {
  return { operator: "StringEquals", key, values };
}

export function like(key: string, ...values: string[]): PolicyCondition {
  return { operator: "StringLike", key, values };
}

/** Every message is one line and quotes the names it contains. */
export function expectOneLineMessages(results: readonly RuleResult[]): void {
  for (const result of results) expect(result.message).not.toMatch(/[\n\r\u2028\u2029]/);
}
