import type { AwsPolicy, AwsRole, Identity, RecordIssue, VaultRole } from "../model/graph";
import type { IdentityRecord } from "../model/record";
import { isUnknown } from "../model/unknown";

/**
 * Compares a record's declared scope with what is actually attached to the principals it speaks
 * for: the Allow (action, resource) pairs of every IAM policy reaching its role, and the (path,
 * capability) pairs of the Vault policies its Vault role's token_policies name. A difference means
 * the record no longer describes the identity (a policy attached by hand next to the declaration,
 * or an edited record), so reviewers reading the record would approve the wrong scope. Unknown
 * policy content is left to the unknown findings (it is reported there), not compared here.
 */
export function recordScopeIssues(
  identities: readonly Identity[],
  /**
   * How the role's document resolves a text: a record declares grant resources as synthesized
   * (`${aws_s3_bucket.b.arn}/*`), which are compared with the policies as both are read.
   */
  resolverOf: (role: AwsRole) => (text: string) => string = () => (text) => text,
): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (const identity of identities) {
    const record = identity.record;
    if (!record) continue;
    for (const role of identity.awsRoles) {
      const detail = awsDifference(record, role.policies, resolverOf(role));
      if (detail)
        issues.push({ location: role.location, kind: "scope-differs", recordId: record.id, detail });
    }
    for (const role of identity.vaultRoles) {
      const detail = vaultDifference(record, role);
      if (detail)
        issues.push({ location: role.location, kind: "scope-differs", recordId: record.id, detail });
    }
  }
  return issues;
}

/** IAM action names are case-insensitive; resources are compared as written. */
const awsPair = (action: string, resource: string) => `${action.toLowerCase()} on ${resource}`;

function awsDifference(
  record: IdentityRecord,
  policies: readonly AwsPolicy[],
  resolve: (text: string) => string,
): string | undefined {
  const declared = new Set(
    record.scope.aws.flatMap((g) => g.actions.flatMap((a) => g.resources.map((r) => awsPair(a, resolve(r))))),
  );
  const attached = new Set<string>();
  for (const policy of policies) {
    if (isUnknown(policy.document)) {
      if (policy.kind === "aws-managed" || policy.kind === "customer-managed")
        return `the policy ${typeof policy.name === "string" ? policy.name : policy.location.address} is attached but not declared`;
      continue;
    }
    for (const statement of policy.document.statements) {
      if (statement.effect !== "Allow") continue;
      if (statement.notActions.length > 0 || statement.notResources.length > 0)
        return `${policy.location.address} grants with NotAction/NotResource, which the record never declares`;
      for (const action of statement.actions)
        for (const resource of statement.resources) attached.add(awsPair(action, resource));
    }
  }
  const extra = [...attached].find((pair) => !declared.has(pair));
  if (extra !== undefined) return `attached policies grant ${extra}, which the record does not declare`;
  const missing = [...declared].find((pair) => !attached.has(pair));
  if (missing !== undefined && policies.every((p) => !isUnknown(p.document)))
    return `the record declares ${missing}, which no attached policy grants`;
  return undefined;
}

function vaultDifference(record: IdentityRecord, role: VaultRole): string | undefined {
  const vaultPair = (path: string, capability: string) => `${capability} on ${path}`;
  const declared = new Set(
    record.scope.vault.flatMap((g) => g.capabilities.map((c) => vaultPair(g.path, c))),
  );
  if (isUnknown(role.tokenPolicies)) return undefined;
  const named = new Set(role.tokenPolicies.map((name) => name.trim().toLowerCase()));
  const found = new Set(
    role.policies.flatMap((p) => (typeof p.name === "string" ? [p.name.trim().toLowerCase()] : [])),
  );
  const undeclared = [...named].find((name) => name !== "default" && !found.has(name));
  if (undeclared !== undefined)
    return `token_policies names the policy ${undeclared}, which is not the declared one`;
  const attached = new Set<string>();
  for (const policy of role.policies) {
    if (isUnknown(policy.rules)) return undefined;
    for (const rule of policy.rules)
      for (const capability of rule.capabilities) attached.add(vaultPair(rule.path, capability));
  }
  const extra = [...attached].find((pair) => !declared.has(pair));
  if (extra !== undefined) return `attached policies grant ${extra}, which the record does not declare`;
  const missing = [...declared].find((pair) => !attached.has(pair));
  if (missing !== undefined) return `the record declares ${missing}, which no attached policy grants`;
  return undefined;
}
