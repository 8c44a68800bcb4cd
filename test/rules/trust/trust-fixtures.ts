/** Builders for trust-rule tests: web-identity roles and their conditions. */
import type { PolicyCondition } from "../../../lib/model/iam-policy";
import { awsRole, doc, identity, statement } from "../../support/graph-builder";

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
