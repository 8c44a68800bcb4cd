import type { AwsRole, Identity, RecordIssue, VaultPolicy, VaultRole } from "../model/graph";
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
   * (`${aws_s3_bucket.b.arn}/*`), which are compared with the policies as both are read. One
   * function taking the role, not one closure made per role.
   */
  resolve: (text: string, role: AwsRole) => string = (text) => text,
): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (let i = 0; i < identities.length; i++) {
    const identity = identities[i];
    const record = identity.record;
    if (!record) continue;
    const awsRoles = identity.awsRoles;
    for (let r = 0; r < awsRoles.length; r++) {
      const role = awsRoles[r];
      const detail = awsDifference(record, role, resolve);
      if (detail)
        issues.push({ location: role.location, kind: "scope-differs", recordId: record.id, detail });
    }
    const vaultRoles = identity.vaultRoles;
    for (let r = 0; r < vaultRoles.length; r++) {
      const role = vaultRoles[r];
      const detail = vaultDifference(record, role);
      if (detail)
        issues.push({ location: role.location, kind: "scope-differs", recordId: record.id, detail });
    }
  }
  return issues;
}

/** IAM action names are case-insensitive; resources are compared as written. */
function awsPair(action: string, resource: string): string {
  return `${action.toLowerCase()} on ${resource}`;
}

function vaultPair(path: string, capability: string): string {
  return `${capability} on ${path}`;
}

// Run for every identity with a record: plain loops, no intermediate lists; indexed where every
// identity passes (the code runs unoptimized, where each for-of step allocates).

function awsDifference(
  record: IdentityRecord,
  role: AwsRole,
  resolve: (text: string, role: AwsRole) => string,
): string | undefined {
  const policies = role.policies;
  if (awsGrantsMatch(record, role, resolve)) return undefined;
  const declared = new Set<string>();
  for (const grant of record.scope.aws) {
    for (const action of grant.actions)
      for (const resource of grant.resources) declared.add(awsPair(action, resolve(resource, role)));
  }
  const attached = new Set<string>();
  let allKnown = true;
  for (const policy of policies) {
    if (isUnknown(policy.document)) {
      if (policy.kind === "aws-managed" || policy.kind === "customer-managed")
        return `the policy ${typeof policy.name === "string" ? policy.name : policy.location.address} is attached but not declared`;
      allKnown = false;
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
  const extra = firstMissing(attached, declared);
  if (extra !== undefined) return `attached policies grant ${extra}, which the record does not declare`;
  const missing = allKnown ? firstMissing(declared, attached) : undefined;
  if (missing !== undefined) return `the record declares ${missing}, which no attached policy grants`;
  return undefined;
}

function vaultDifference(record: IdentityRecord, role: VaultRole): string | undefined {
  if (isUnknown(role.tokenPolicies)) return undefined;
  // A role holds a policy or two: their names are compared in place, a set is made for more.
  const found = role.policies.length > 4 ? policyKeys(role.policies) : undefined;
  const tokenPolicies = role.tokenPolicies;
  for (let i = 0; i < tokenPolicies.length; i++) {
    const key = tokenPolicies[i].trim().toLowerCase();
    if (key !== "default" && !(found ? found.has(key) : namesPolicy(role.policies, key)))
      return `token_policies names the policy ${key}, which is not the declared one`;
  }
  if (vaultGrantsMatch(record, role)) return undefined;
  const attached = new Set<string>();
  for (const policy of role.policies) {
    if (isUnknown(policy.rules)) return undefined;
    for (const rule of policy.rules)
      for (const capability of rule.capabilities) attached.add(vaultPair(rule.path, capability));
  }
  const declared = new Set<string>();
  for (const grant of record.scope.vault)
    for (const capability of grant.capabilities) declared.add(vaultPair(grant.path, capability));
  const extra = firstMissing(attached, declared);
  if (extra !== undefined) return `attached policies grant ${extra}, which the record does not declare`;
  const missing = firstMissing(declared, attached);
  if (missing !== undefined) return `the record declares ${missing}, which no attached policy grants`;
  return undefined;
}

/** Vault policy names as Vault keys them: trimmed, lower-cased. */
function policyKeys(policies: readonly VaultPolicy[]): Set<string> {
  const keys = new Set<string>();
  for (const policy of policies)
    if (typeof policy.name === "string") keys.add(policy.name.trim().toLowerCase());
  return keys;
}

function namesPolicy(policies: readonly VaultPolicy[], key: string): boolean {
  for (let i = 0; i < policies.length; i++) {
    const name = policies[i].name;
    if (typeof name === "string" && name.trim().toLowerCase() === key) return true;
  }
  return false;
}

/** The first value of `values` (in insertion order) that `other` lacks. */
function firstMissing(values: ReadonlySet<string>, other: ReadonlySet<string>): string | undefined {
  for (const value of values) if (!other.has(value)) return value;
  return undefined;
}

/**
 * True when the known Allow statements of the policies list the record's grants one for one, in
 * order (what the constructs synthesize): then the (action, resource) pairs are the same sets and
 * nothing differs, which needs no pair texts. Anything else is compared pair by pair.
 */
function awsGrantsMatch(
  record: IdentityRecord,
  role: AwsRole,
  resolve: (text: string, role: AwsRole) => string,
): boolean {
  const grants = record.scope.aws;
  const policies = role.policies;
  let next = 0;
  for (let p = 0; p < policies.length; p++) {
    const document = policies[p].document;
    if (isUnknown(document)) return false;
    const statements = document.statements;
    for (let s = 0; s < statements.length; s++) {
      const statement = statements[s];
      if (statement.effect !== "Allow") continue;
      if (statement.notActions.length > 0 || statement.notResources.length > 0) return false;
      const grant = grants[next++];
      if (
        grant === undefined ||
        !sameTexts(statement.actions, grant.actions) ||
        statement.resources.length !== grant.resources.length
      )
        return false;
      for (let i = 0; i < grant.resources.length; i++)
        if (statement.resources[i] !== resolve(grant.resources[i], role)) return false;
    }
  }
  return next === grants.length;
}

/** True when the role's policies hold the record's Vault grants one for one, in order. */
function vaultGrantsMatch(record: IdentityRecord, role: VaultRole): boolean {
  const grants = record.scope.vault;
  let next = 0;
  const policies = role.policies;
  for (let p = 0; p < policies.length; p++) {
    const rules = policies[p].rules;
    if (isUnknown(rules)) return false;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r];
      const grant = grants[next++];
      if (
        grant === undefined ||
        rule.path !== grant.path ||
        !sameTexts(rule.capabilities, grant.capabilities)
      )
        return false;
    }
  }
  return next === grants.length;
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
