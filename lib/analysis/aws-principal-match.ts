/**
 * Which identities of the inputs a `Principal` element (of a trust policy or a resource policy)
 * names, as IAM reads it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
 *
 * - `"*"` / `{"AWS": "*"}`: every principal (narrowed by an `aws:PrincipalArn` condition, below);
 * - an account (`arn:aws:iam::ACCOUNT:root` or the bare 12-digit id): the account delegates to its
 *   own identity policies, so the principal must also be allowed by its identity policy;
 * - a role ARN (`arn:aws:iam::ACCOUNT:role/PATH/NAME`), a role session ARN
 *   (`arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION`) or a user ARN names that principal;
 * - a Terraform reference to a role or user (`${aws_iam_role.x.arn}`) names it in the same stack.
 *
 * An `aws:PrincipalArn` condition (StringEquals/StringLike/ArnEquals/ArnLike, no IfExists) on a
 * statement naming everyone narrows it to the principals whose ARN the values can match
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
 */
import type { AwsRole, AwsUser, Identity, IdentityGraph } from "../model/graph";
import type { PolicyStatement } from "../model/iam-policy";
import { UNKNOWN_ACCOUNT, hasInterpolation } from "../model/unknown";
import { arnPatternsOverlap, splitArn } from "../pattern/arn";
import { widenPolicyVariables } from "../pattern/glob";
import { AnalysisMemo } from "./analysis-memo";

export interface NamedPrincipals {
  /** Identities named directly (role, session or user ARN, or reference). */
  readonly identities: ReadonlySet<Identity>;
  /** Every principal, unless narrowed. */
  readonly everyone: boolean;
  /** Accounts named as a whole (delegation to their identity policies). */
  readonly accounts: readonly string[];
  /** Principal values that could not be resolved (references to something not in the inputs). */
  readonly unresolved: readonly string[];
}

interface PrincipalIndex {
  readonly byAddress: Map<string, Identity>;
  readonly principalByAddress: Map<string, AwsRole | AwsUser>;
  readonly rolesByName: Map<string, Array<{ identity: Identity; role: AwsRole }>>;
  readonly usersByName: Map<string, Array<{ identity: Identity; user: AwsUser }>>;
  readonly withArn: Array<{ identity: Identity; arn: string }>;
}

const INDEXES = new AnalysisMemo<IdentityGraph, PrincipalIndex>();

function addressKey(stack: string | undefined, address: string): string {
  return `${stack ?? ""}\u0000${address}`;
}

function indexOf(graph: IdentityGraph): PrincipalIndex {
  let index = INDEXES.get(graph);
  if (index) return index;
  index = {
    byAddress: new Map(),
    principalByAddress: new Map(),
    rolesByName: new Map(),
    usersByName: new Map(),
    withArn: [],
  };
  for (const identity of graph.identities) {
    for (const role of identity.awsRoles) {
      index.byAddress.set(addressKey(role.location.stack, role.location.address), identity);
      index.principalByAddress.set(addressKey(role.location.stack, role.location.address), role);
      if (typeof role.name === "string") push(index.rolesByName, role.name, { identity, role });
      if (typeof role.arn === "string" && !hasInterpolation(role.arn))
        index.withArn.push({ identity, arn: role.arn });
    }
    for (const user of identity.awsUsers) {
      index.byAddress.set(addressKey(user.location.stack, user.location.address), identity);
      index.principalByAddress.set(addressKey(user.location.stack, user.location.address), user);
      if (typeof user.name === "string") push(index.usersByName, user.name, { identity, user });
    }
  }
  INDEXES.set(graph, index);
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The role or user a whole reference (`${aws_iam_role.x.arn}`) in `stack` names, when it is in the inputs. */
export function principalOfReference(
  value: string,
  stack: string | undefined,
  graph: IdentityGraph,
): AwsRole | AwsUser | undefined {
  const address = /^\$\{([^}]+)\.(?:arn|unique_id|name|id)\}$/.exec(value)?.[1];
  return address === undefined
    ? undefined
    : indexOf(graph).principalByAddress.get(addressKey(stack, address));
}

/**
 * The role's ARN, or `arn:aws*:iam::*:role/PATH/NAME` when only the name is known: the account and
 * the partition (`aws`, `aws-cn`, `aws-us-gov`, ...) are then known only after apply
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).
 */
export function roleArnPattern(role: AwsRole): string | undefined {
  if (typeof role.arn === "string" && !hasInterpolation(role.arn)) return role.arn;
  if (typeof role.name !== "string" || hasInterpolation(role.name)) return undefined;
  const path = role.path && !hasInterpolation(role.path) ? role.path : "/";
  return `arn:aws*:iam::*:role${path.startsWith("/") ? "" : "/"}${path}${path.endsWith("/") ? "" : "/"}${role.name}`;
}

/**
 * A pattern every ARN the user can have matches: `arn:aws*:iam::*:user/*NAME` (the path is not in
 * the model), or undefined when the name is not known.
 */
function userArnPattern(user: AwsUser): string | undefined {
  if (typeof user.name !== "string" || hasInterpolation(user.name)) return undefined;
  return `arn:aws*:iam::*:user/*${user.name}`;
}

/** The account of a literal ARN, or undefined when it is not known. */
export function accountOf(arn: unknown): string | undefined {
  if (typeof arn !== "string" || hasInterpolation(arn)) return undefined;
  const account = splitArn(arn)?.account;
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** The identities one principal value names (see the module note). */
function resolveValue(value: string, stack: string | undefined, index: PrincipalIndex, named: Mutable): void {
  if (value === "*") {
    named.everyone = true;
    return;
  }
  if (/^\d{12}$/.test(value)) {
    named.accounts.push(value);
    return;
  }
  const reference = /^\$\{([^}]+)\.(arn|unique_id|name|id)\}$/.exec(value);
  if (reference) {
    const identity = index.byAddress.get(addressKey(stack, reference[1]));
    if (identity) named.identities.add(identity);
    else named.unresolved.push(value);
    return;
  }
  if (value === UNKNOWN_ACCOUNT) {
    named.accounts.push(value);
    return;
  }
  const fields = splitArn(value);
  // A computed partition or account (`arn:${...}:iam::${...}:role/NAME`) still names the role by
  // its literal name, in whatever account; anything else computed is unresolved.
  if (!fields || hasInterpolation(fields.resource)) {
    if (hasInterpolation(value)) named.unresolved.push(value);
    return;
  }
  const account = hasInterpolation(fields.account) ? undefined : fields.account;
  if (fields.resource === "root") {
    named.accounts.push(account ?? UNKNOWN_ACCOUNT);
    return;
  }
  const session = /^assumed-role\/([^/]+)\//.exec(fields.resource);
  const roleName = session?.[1] ?? /^role\/(?:.*\/)?([^/]+)$/.exec(fields.resource)?.[1];
  if (roleName !== undefined) {
    for (const { identity, role } of index.rolesByName.get(roleName) ?? []) {
      const roleAccount = accountOf(role.arn);
      if (roleAccount === undefined || account === undefined || roleAccount === account)
        named.identities.add(identity);
    }
    return;
  }
  const userName = /^user\/(?:.*\/)?([^/]+)$/.exec(fields.resource)?.[1];
  if (userName !== undefined)
    for (const { identity } of index.usersByName.get(userName) ?? []) named.identities.add(identity);
}

interface Mutable {
  identities: Set<Identity>;
  everyone: boolean;
  accounts: string[];
  unresolved: string[];
}

const PRINCIPAL_ARN_OPERATORS = /^(?:StringEquals|StringLike|ArnEquals|ArnLike)$/;

/** The identities an `Allow` statement's AWS principals name (Service and Federated principals name none). */
export function principalsOfStatement(
  statement: PolicyStatement,
  stack: string | undefined,
  graph: IdentityGraph,
): NamedPrincipals {
  const index = indexOf(graph);
  const named: Mutable = { identities: new Set(), everyone: false, accounts: [], unresolved: [] };
  // NotPrincipal with Allow names everyone but the listed principals: over-approximated as everyone.
  if (statement.notPrincipals.length > 0) named.everyone = true;
  for (const principal of statement.principals) {
    if (principal.type !== "AWS" && principal.type !== "*") continue;
    for (const value of principal.values) resolveValue(value, stack, index, named);
  }
  if (named.everyone) narrowByPrincipalArn(statement, stack, graph, index, named);
  return named;
}

/**
 * The principals a `NotPrincipal` element lists (a Deny with NotPrincipal applies to everyone
 * else: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
 */
export function notPrincipalsOfStatement(
  statement: PolicyStatement,
  stack: string | undefined,
  graph: IdentityGraph,
): NamedPrincipals {
  const index = indexOf(graph);
  const named: Mutable = { identities: new Set(), everyone: false, accounts: [], unresolved: [] };
  for (const principal of statement.notPrincipals) {
    if (principal.type !== "AWS" && principal.type !== "*") continue;
    for (const value of principal.values) resolveValue(value, stack, index, named);
  }
  return named;
}

function narrowByPrincipalArn(
  statement: PolicyStatement,
  stack: string | undefined,
  graph: IdentityGraph,
  index: PrincipalIndex,
  named: Mutable,
): void {
  const condition = statement.conditions.find(
    (c) => c.key.toLowerCase() === "aws:principalarn" && PRINCIPAL_ARN_OPERATORS.test(c.operator),
  );
  if (!condition) return;
  named.everyone = false;
  for (const value of condition.values) {
    if (hasInterpolation(value)) {
      resolveValue(value, stack, index, named);
      continue;
    }
    const pattern = widenPolicyVariables(value);
    for (const identity of graph.identities) {
      const arns = [...identity.awsRoles.map(roleArnPattern), ...identity.awsUsers.map(userArnPattern)];
      if (arns.some((arn) => arn === undefined || arnPatternsOverlap(pattern, arn)))
        named.identities.add(identity);
    }
  }
}
