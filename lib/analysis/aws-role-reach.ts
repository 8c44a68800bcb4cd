/**
 * Who can become whom on AWS: the edges of the assume graph and its transitive closure.
 *
 * An identity A can become the identity owning role B when
 * - A's identity policy allows `sts:AssumeRole` on B's ARN and B's trust policy admits A (names
 *   A, A's account, or everyone); across accounts both sides are always needed;
 * - B's trust policy names A directly (role, session or user ARN, or a reference) and both are in
 *   one account (a named principal that cannot be resolved makes B "unknown — needs review"): "a trust policy that names the principal is enough" — within an account a
 *   resource-based policy granting a principal ARN needs no identity-policy Allow
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html);
 * - A may change B's access: `iam:UpdateAssumeRolePolicy` (rewrite B's trust to admit A),
 *   `iam:PutRolePolicy` / `iam:AttachRolePolicy` (give B, and so whoever becomes it, anything)
 *   on B's ARN (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html);
 * - A may pass B to a service that runs code for A: `iam:PassRole` on B's ARN, B's trust admits
 *   the service, and A may make that service run something (pass-role-launch.ts).
 *
 * An explicit Deny overrides every Allow: a Deny in B's trust that certainly applies to A, or A's
 * own Denies (or permissions boundary) leaving it none of the edge's actions on B's ARN, removes
 * the edge (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
 *
 * Roles are found through a literal-suffix index of their ARNs (role names end ARNs), so each
 * grant is compared only with the roles it can name. The closure is a breadth-first search from
 * each identity with outgoing edges over the (sparse) edge lists.
 */
import type { AwsPolicy, AwsRole, Identity, IdentityGraph } from "../model/graph";
import { appendAll } from "../model/append-all";
import type { SourceLocation } from "../model/location";
import type { PolicyDocument, PolicyStatement } from "../model/iam-policy";
import { hasInterpolation, isUnknown } from "../model/unknown";
import { arnPatternsConstrainedMatch, arnPatternsOverlap } from "../pattern/arn";
import { widenPolicyVariables } from "../pattern/glob";
import { PrefixIndex, globIgnoreCaseKey } from "../pattern/prefix-index";
import {
  accountOf,
  notPrincipalsOfStatement,
  principalsOfStatement,
  roleArnPattern,
  type NamedPrincipals,
} from "./aws-principal-match";
import { conditionsCertainlyHold } from "./aws-principal-conditions";
import type { DenyApplies } from "./aws-allow-narrowing";
import {
  boundaryDocumentOf,
  boundaryNarrowing,
  combineNarrowing,
  denyNarrowing,
  namesAction,
} from "./aws-allow-narrowing";
import { reverse } from "./overlapping-pairs";
import type { HeldAwsPolicy } from "./principal-directory";
import { PrincipalDirectory } from "./principal-directory";
import {
  ActionList,
  allowsAction,
  effectiveResources,
  grantingPatterns,
  unknownAllowedActions,
} from "./statement-actions";
import { quote } from "./quote";
import { AnalysisMemo } from "./analysis-memo";
import {
  PASS_ROLE,
  launchesOf,
  passableTo,
  serviceName,
  trustedServices,
  type Launch,
} from "./pass-role-launch";

export const ASSUME_ROLE = "sts:AssumeRole";

/** Actions on a role that let the caller decide who becomes it or what it can do. */
export const ROLE_ACCESS_CHANGING_ACTIONS: readonly string[] = [
  "iam:UpdateAssumeRolePolicy",
  "iam:PutRolePolicy",
  "iam:AttachRolePolicy",
];

/**
 * Actions on a customer-managed policy that rewrite what every role it is attached to may do
 * (a new default version takes effect at once), as `iam:PutRolePolicy` does for one role
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html).
 */
export const POLICY_VERSION_ACTIONS: readonly string[] = [
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
];

/** Matched once per statement (most grant none of them): an array only for a statement that does. */
const POLICY_VERSION_LIST = new ActionList(POLICY_VERSION_ACTIONS);
const ROLE_ACCESS_CHANGING_LIST = new ActionList(ROLE_ACCESS_CHANGING_ACTIONS);

/** The roles each customer-managed policy of the inputs is attached to, found by policy ARN or reference. */
class PolicyHolders {
  private readonly byPolicy = new Map<AwsPolicy, RoleTarget[]>();

  constructor(targets: readonly RoleTarget[]) {
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    for (let t = 0; t < targets.length; t++) {
      const target = targets[t];
      const policies = target.role.policies;
      for (let p = 0; p < policies.length; p++) {
        const policy = policies[p];
        if (policy.kind !== "customer-managed") continue;
        const list = this.byPolicy.get(policy) ?? [];
        list.push(target);
        this.byPolicy.set(policy, list);
      }
    }
  }

  /**
   * The roles holding a policy that the resource can name: `*`, a reference to the policy in the
   * same stack, or an ARN pattern meeting the policy's ARN (`arn:aws*:iam::*:policy/*NAME` when
   * only its name is known; a policy whose name is not known either may be named by any pattern).
   */
  holdersNamedBy(resource: string, stack: string | undefined): RoleTarget[] {
    const address = referencedAddress(resource);
    const found: RoleTarget[] = [];
    for (const [policy, targets] of this.byPolicy) {
      const names =
        address !== undefined
          ? address === policy.location.address && (stack ?? "") === (policy.location.stack ?? "")
          : !hasInterpolation(resource) && policyArnMeets(resource, policy);
      if (names) appendAll(found, targets);
    }
    return found;
  }
}

function policyArnMeets(resource: string, policy: AwsPolicy): boolean {
  if (typeof policy.arn === "string" && !hasInterpolation(policy.arn))
    return arnPatternsOverlap(resource, policy.arn);
  if (typeof policy.name !== "string" || hasInterpolation(policy.name))
    return arnPatternsOverlap(resource, "arn:aws*:iam::*:policy/*");
  return arnPatternsOverlap(resource, `arn:aws*:iam::*:policy/*${policy.name}`);
}

export interface RoleTarget {
  readonly identity: Identity;
  readonly role: AwsRole;
  /** The role's ARN, or `arn:aws:iam::*:role/PATH/NAME` when only the name is known. */
  readonly arnPattern?: string;
}

export interface RoleGrant {
  readonly identity: Identity;
  readonly held: HeldAwsPolicy;
  readonly resource: string;
  readonly actions: readonly string[];
}

export type BecomeReason = "assume-role" | "trust-names" | "change-access" | "pass-role";

export interface BecomeEdge {
  readonly from: Identity;
  readonly target: RoleTarget;
  readonly reason: BecomeReason;
  /** The identity-policy grant (assume-role, change-access). */
  readonly grant?: RoleGrant;
  /** Where the edge is decided: the grant's policy, or the target's trust (trust-names). */
  readonly location: SourceLocation;
  /** pass-role: the service the role is passed to and the caller's actions that make it run code. */
  readonly launch?: Launch;
}

export interface AssumeGraph {
  readonly edges: readonly BecomeEdge[];
  /** Identity -> why some of its role grants cannot be resolved. */
  readonly unknown: ReadonlyMap<Identity, string[]>;
}

const GRAPHS = new AnalysisMemo<IdentityGraph, AssumeGraph>();

/**
 * True when the role's trust policy lets some AWS principal call sts:AssumeRole (an unknown trust
 * counts). A role trusting only an OIDC provider or a service cannot be chained into.
 */
export function admitsChaining(trust: AwsRole["trust"]): boolean {
  if (isUnknown(trust)) return true;
  return (trust as PolicyDocument).statements.some(
    (statement) =>
      allowsAction(statement, ASSUME_ROLE) &&
      (statement.notPrincipals.length > 0 ||
        statement.principals.some((principal) => principal.type === "AWS" || principal.type === "*")),
  );
}

const NAMED = new AnalysisMemo<IdentityGraph, Map<PolicyStatement, Map<string, NamedPrincipals>>>();

/**
 * principalsOfStatement, once per trust statement and stack: every assumer is checked against
 * every target's trust (N roles that may all assume each other ask N² times).
 */
function namedBy(
  statement: PolicyStatement,
  stack: string | undefined,
  graph: IdentityGraph,
): NamedPrincipals {
  let byStatement = NAMED.get(graph);
  if (!byStatement) NAMED.set(graph, (byStatement = new Map()));
  let byStack = byStatement.get(statement);
  if (!byStack) byStatement.set(statement, (byStack = new Map()));
  let named = byStack.get(stack ?? "");
  if (!named) byStack.set(stack ?? "", (named = principalsOfStatement(statement, stack, graph)));
  return named;
}

/** The accounts of an identity's roles, when all are known. */
function accountsOf(identity: Identity): Array<string | undefined> {
  return identity.awsRoles.map((role) => accountOf(role.arn));
}

/** True unless both accounts are known and differ. */
function mayShareAccount(identity: Identity, account: string | undefined): boolean {
  if (account === undefined) return true;
  const accounts = accountsOf(identity);
  return accounts.length === 0 || accounts.some((a) => a === undefined || a === account);
}

/**
 * True when the target's trust policy explicitly denies `assumer` sts:AssumeRole: a Deny naming it
 * (or everyone, or everyone but principals that certainly exclude it) whose Condition certainly
 * holds for it (aws-principal-conditions.ts). An explicit Deny overrides every Allow
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 */
function trustDenies(target: RoleTarget, assumer: Identity, graph: IdentityGraph): boolean {
  const trust = target.role.trust;
  if (isUnknown(trust)) return false;
  const stack = target.role.location.stack;
  return trust.statements.some((statement) => {
    if (statement.effect !== "Deny" || !namesAction(statement, ASSUME_ROLE)) return false;
    if (statement.notPrincipals.length > 0) {
      const spared = notPrincipalsOfStatement(statement, stack, graph);
      if (spared.everyone || spared.accounts.length > 0 || spared.unresolved.length > 0) return false;
      if (spared.identities.has(assumer)) return false;
    } else {
      const named = namedBy(statement, stack, graph);
      if (!named.everyone && !named.identities.has(assumer)) return false;
    }
    return conditionsCertainlyHold(statement.conditions, assumer, stack, graph);
  });
}

/**
 * For one caller, grant and actions: a test that is true when the caller's own explicit Denies
 * (that certainly apply) or its permissions boundary leave it none of `actions` on any ARN the
 * target role can have, or undefined when nothing of the caller's narrows those actions (the
 * common case), so they are read once per grant, not once per role it may name. The role's
 * partition, when its ARN is known only after apply, is taken to be `aws`, as for every ARN the
 * engine computes.
 */
function callerLimits(
  caller: Identity,
  held: HeldAwsPolicy | undefined,
  actions: readonly string[],
  graph: IdentityGraph,
): ((target: RoleTarget) => boolean) | undefined {
  const applies: DenyApplies = (statement, stack) =>
    conditionsCertainlyHold(statement.conditions, caller, stack, graph);
  const role =
    caller.awsRoles.find((r) => held !== undefined && r.location.address === held.principal.address) ??
    caller.awsRoles[0];
  const narrowing = combineNarrowing(
    denyNarrowing(PrincipalDirectory.of(graph).awsPoliciesOf(caller), actions, applies),
    role &&
      boundaryNarrowing(boundaryDocumentOf(role, graph), actions, (statement) =>
        applies(statement, role.location.stack),
      ),
  );
  if (narrowing.excluded.length === 0 && narrowing.confinedTo.length === 0) return undefined;
  const widen = (pattern: string) => pattern.replace(/\$\{[^}]*\}/g, "*");
  const confinedTo = narrowing.confinedTo.map((group) => group.map(widen));
  const excluded = narrowing.excluded.filter((pattern) => !hasInterpolation(pattern));
  return (target) => {
    const sameStack = (caller.stack ?? "") === (target.role.location.stack ?? "");
    if (sameStack && narrowing.excluded.some((r) => referencedAddress(r) === target.role.location.address))
      return true;
    if (target.arnPattern === undefined) return false;
    const arn = target.arnPattern.replace(/^arn:aws\*:/, "arn:aws:");
    return arnPatternsConstrainedMatch([[arn], ...confinedTo], excluded) === undefined;
  };
}

/** True when the target's trust policy admits `assumer` for sts:AssumeRole (see module note). */
export function trustAdmits(target: RoleTarget, assumer: Identity, graph: IdentityGraph): boolean {
  const trust = target.role.trust;
  if (isUnknown(trust)) return true;
  if (trustDenies(target, assumer, graph)) return false;
  return trust.statements.some((statement) => {
    if (!allowsAction(statement, ASSUME_ROLE)) return false;
    const named = namedBy(statement, target.role.location.stack, graph);
    return (
      named.everyone ||
      named.identities.has(assumer) ||
      named.unresolved.length > 0 ||
      named.accounts.some((account) => mayShareAccount(assumer, account))
    );
  });
}

/**
 * The statement's resources as compared with role ARNs: an IAM policy variable takes a value per
 * request, so it is compared as `*` (Terraform references are kept as written).
 */
function comparableResources(statement: PolicyStatement): string[] {
  return effectiveResources(statement).map((resource) =>
    hasInterpolation(resource) ? resource : widenPolicyVariables(resource),
  );
}

/** `${aws_iam_role.x.arn}` -> `aws_iam_role.x`. */
export function referencedAddress(resource: string): string | undefined {
  return /^\$\{([^}]+)\.(?:arn|name|id)\}$/.exec(resource)?.[1];
}

export function addressKey(stack: string | undefined, address: string): string {
  return `${stack ?? ""}\u0000${address}`;
}

/**
 * Roles by the literal suffix of their ARN pattern (role names end ARNs; the partition and account
 * may be `*`), built on the first lookup: an app without role grants never builds it. Lookups are
 * remembered per resource: N roles granted `arn:aws:iam::ACCOUNT:role/*` ask once.
 */
export class RoleArnIndex {
  private index: PrefixIndex<RoleTarget> | undefined;
  private readonly named: RoleTarget[] = [];
  private readonly found = new Map<string, readonly RoleTarget[]>();

  add(target: RoleTarget): void {
    if (target.arnPattern !== undefined) this.named.push(target);
  }

  /** The roles whose ARN pattern meets `resource` (no `${...}` in it), in the order they were added. */
  overlapping(resource: string): readonly RoleTarget[] {
    let result = this.found.get(resource);
    if (result) return result;
    if (!this.index) {
      this.index = new PrefixIndex<RoleTarget>(globIgnoreCaseKey);
      for (const target of this.named) this.index.insert(reverse(target.arnPattern as string), target);
    }
    result = this.index
      .candidates(reverse(resource))
      .filter((target) => arnPatternsOverlap(resource, target.arnPattern as string));
    this.found.set(resource, result);
    return result;
  }
}

interface TargetIndex {
  readonly byArn: RoleArnIndex;
  readonly byAddress: Map<string, RoleTarget>;
  /** Roles whose name and ARN are known only after apply. */
  readonly unnamed: readonly RoleTarget[];
}

function indexTargets(targets: readonly RoleTarget[]): TargetIndex {
  const byArn = new RoleArnIndex();
  const byAddress = new Map<string, RoleTarget>();
  const unnamed: RoleTarget[] = [];
  for (const target of targets) {
    if (target.arnPattern) byArn.add(target);
    else unnamed.push(target);
    byAddress.set(addressKey(target.role.location.stack, target.role.location.address), target);
  }
  return { byArn, byAddress, unnamed };
}

/** The roles a grant's resource can name; unresolvable resources mark the grant's identity unknown. */
function resolveTargets(
  grant: RoleGrant,
  index: TargetIndex,
  markUnknown: (identity: Identity, reason: string) => void,
  what: string,
): readonly RoleTarget[] {
  const { resource, identity } = grant;
  if (!hasInterpolation(resource)) {
    const named = index.byArn.overlapping(resource);
    const others = index.unnamed.filter((target) => target.identity.id !== identity.id);
    if (others.length === 0) return named;
    if (/^\*+$/.test(resource)) return [...named, ...others];
    if (arnPatternsOverlap(resource, "arn:aws:iam::*:role/*")) {
      markUnknown(
        identity,
        `${what} resource ${quote(resource)} may match a role whose name is known only after apply`,
      );
    }
    return named;
  }
  const address = referencedAddress(resource);
  if (address !== undefined) {
    const target = index.byAddress.get(addressKey(grant.held.policy.location.stack, address));
    if (target) return [target];
    // A reference to a role that is no identity's (or admits no chaining) reaches no identity.
    if (/^aws_iam_role\./.test(address)) return [];
  }
  markUnknown(identity, `${what} resource ${quote(resource)} is known only after apply`);
  return [];
}

/** Every edge of the assume graph (cached per graph). */
export function assumeGraph(graph: IdentityGraph): AssumeGraph {
  const cached = GRAPHS.get(graph);
  if (cached) return cached;
  const directory = PrincipalDirectory.of(graph);
  const all: RoleTarget[] = [];
  // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
  const identities = graph.identities;
  for (let i = 0; i < identities.length; i++) {
    const identity = identities[i];
    const roles = identity.awsRoles;
    for (let r = 0; r < roles.length; r++)
      all.push({ identity, role: roles[r], arnPattern: roleArnPattern(roles[r]) });
  }
  const chainableTargets = all.filter((target) => admitsChaining(target.role.trust));
  const chainingOwners = new Set(chainableTargets.map((t) => t.identity.id));
  // Indexes are made when a grant first needs one: most apps have few role grants or none.
  let chainable: TargetIndex | undefined;
  let everyRole: TargetIndex | undefined;

  const policyHolders = new PolicyHolders(all);
  const edges: BecomeEdge[] = [];
  const unknown = new Map<Identity, string[]>();
  const markUnknown = (identity: Identity, reason: string) => {
    const reasons = unknown.get(identity) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    unknown.set(identity, reasons);
  };

  const limits = new Map<Identity, ((target: RoleTarget) => boolean) | undefined>();
  const limitsOf = (identity: Identity) => {
    if (!limits.has(identity)) limits.set(identity, callerLimits(identity, undefined, [ASSUME_ROLE], graph));
    return limits.get(identity);
  };
  // Trust policies naming a principal of the same account: enough on their own.
  // Indexed: this runs per role, unoptimized, where each iterator step allocates.
  for (let t = 0; t < all.length; t++) {
    const target = all[t];
    if (isUnknown(target.role.trust)) continue;
    const statements = target.role.trust.statements;
    for (let s = 0; s < statements.length; s++) {
      const statement = statements[s];
      if (!allowsAction(statement, ASSUME_ROLE)) continue;
      const named = namedBy(statement, target.role.location.stack, graph);
      // A principal that cannot be resolved may be any identity of the account: never a silent pass.
      for (const value of named.unresolved)
        markUnknown(
          target.identity,
          `the trust policy of role ${quote(target.role.location.address)} names principal ${quote(value)}, which cannot be resolved: in one account it can assume the role on its own`,
        );
      for (const identity of named.identities) {
        if (identity.id === target.identity.id) continue;
        if (!mayShareAccount(identity, accountOf(target.role.arn))) continue;
        if (trustDenies(target, identity, graph) || limitsOf(identity)?.(target)) continue;
        edges.push({ from: identity, target, reason: "trust-names", location: target.role.location });
      }
    }
  }

  // Indexed loops over identities, policies and statements: before V8 optimizes this, `for...of`
  // allocates per element.
  for (let i = 0; i < graph.identities.length; i++) {
    const identity = graph.identities[i];
    const othersChainable =
      chainingOwners.size > 1 || (chainingOwners.size === 1 && !chainingOwners.has(identity.id));
    const allHeld = directory.awsPoliciesOf(identity);
    for (let h = 0; h < allHeld.length; h++) {
      const held = allHeld[h];
      const { policy } = held;
      if (isUnknown(policy.document)) {
        // AWS-managed policies are judged by name (WI508); their content is not in the inputs.
        if (policy.kind !== "aws-managed" && othersChainable) {
          markUnknown(
            identity,
            `policy ${quote(policy.location.address)} is unknown (${policy.document.reason})`,
          );
        }
        continue;
      }
      const statements = policy.document.statements;
      for (let s = 0; s < statements.length; s++) {
        const statement = statements[s];
        const unknownActions = unknownAllowedActions(statement);
        if (othersChainable && unknownActions.length > 0)
          markUnknown(
            identity,
            `policy ${quote(policy.location.address)} allows ${unknownActions.map(quote).join(", ")}, which is not known statically`,
          );
        if (othersChainable && allowsAction(statement, ASSUME_ROLE)) {
          const actions = grantingPatterns(statement, [ASSUME_ROLE]);
          const cannot = callerLimits(identity, held, [ASSUME_ROLE], graph);
          for (const resource of comparableResources(statement)) {
            const grant: RoleGrant = { identity, held, resource, actions };
            for (const target of resolveTargets(
              grant,
              (chainable ??= indexTargets(chainableTargets)),
              markUnknown,
              ASSUME_ROLE,
            )) {
              if (target.identity.id === identity.id || !trustAdmits(target, identity, graph)) continue;
              if (cannot?.(target)) continue;
              edges.push({ from: identity, target, reason: "assume-role", grant, location: policy.location });
            }
          }
        }
        const versioningMask = POLICY_VERSION_LIST.allowedMask(statement);
        if (versioningMask !== 0) {
          const versioning = POLICY_VERSION_LIST.actionsOf(versioningMask);
          const actions = grantingPatterns(statement, versioning);
          for (const resource of comparableResources(statement)) {
            const grant: RoleGrant = { identity, held, resource, actions };
            for (const target of policyHolders.holdersNamedBy(resource, policy.location.stack)) {
              if (target.identity.id !== identity.id)
                edges.push({
                  from: identity,
                  target,
                  reason: "change-access",
                  grant,
                  location: policy.location,
                });
            }
          }
        }
        if (allowsAction(statement, PASS_ROLE) && launchesOf(identity, graph).length > 0) {
          const actions = grantingPatterns(statement, [PASS_ROLE]);
          const cannot = callerLimits(identity, held, [PASS_ROLE], graph);
          for (const resource of comparableResources(statement)) {
            const grant: RoleGrant = { identity, held, resource, actions };
            for (const target of resolveTargets(
              grant,
              (everyRole ??= indexTargets(all)),
              markUnknown,
              PASS_ROLE,
            )) {
              if (target.identity.id === identity.id || cannot?.(target)) continue;
              const launch = launchFor(identity, target, statement, graph);
              if (launch)
                edges.push({
                  from: identity,
                  target,
                  reason: "pass-role",
                  grant,
                  location: policy.location,
                  launch,
                });
            }
          }
        }
        const changingMask = ROLE_ACCESS_CHANGING_LIST.allowedMask(statement);
        if (changingMask === 0) continue;
        const changing = ROLE_ACCESS_CHANGING_LIST.actionsOf(changingMask);
        const actions = grantingPatterns(statement, changing);
        const cannot = callerLimits(identity, held, changing, graph);
        for (const resource of comparableResources(statement)) {
          const grant: RoleGrant = { identity, held, resource, actions };
          for (const target of resolveTargets(
            grant,
            (everyRole ??= indexTargets(all)),
            () => undefined,
            changing[0],
          )) {
            if (target.identity.id !== identity.id && !cannot?.(target))
              edges.push({
                from: identity,
                target,
                reason: "change-access",
                grant,
                location: policy.location,
              });
          }
        }
      }
    }
  }
  const result = { edges, unknown };
  GRAPHS.set(graph, result);
  return result;
}

/**
 * The first service `caller` can make run code that the target's trust admits and the PassRole
 * statement lets the role be passed to, or undefined when there is none.
 */
function launchFor(
  caller: Identity,
  target: RoleTarget,
  statement: PolicyStatement,
  graph: IdentityGraph,
): Launch | undefined {
  const { everyService, services } = trustedServices(target.role);
  return launchesOf(caller, graph).find(
    (launch) =>
      (everyService || services.includes(serviceName(launch.service))) &&
      passableTo(statement, launch.service),
  );
}

const CLOSURES = new AnalysisMemo<IdentityGraph, ReadonlyMap<Identity, ReadonlySet<Identity>>>();

/**
 * For each identity, every other identity it can become through any number of edges (identities
 * without edges are absent). Computed once per graph over the strongly connected components of
 * the assume graph: identities that can all become each other share one reach, so N roles that
 * can all assume each other cost N², not N³.
 */
export function canBecome(graph: IdentityGraph): ReadonlyMap<Identity, ReadonlySet<Identity>> {
  const known = CLOSURES.get(graph);
  if (known) return known;
  const next = new Map<Identity, Set<Identity>>();
  for (const edge of assumeGraph(graph).edges) {
    const set = next.get(edge.from) ?? new Set<Identity>();
    set.add(edge.target.identity);
    next.set(edge.from, set);
  }
  const components = stronglyConnectedComponents(next);
  const componentOf = new Map<Identity, number>();
  components.forEach((members, position) => {
    for (const member of members) componentOf.set(member, position);
  });
  // Components come sinks first, so every successor's reach is known when a component is reached.
  const reach: Array<Set<Identity>> = [];
  components.forEach((members, position) => {
    const reached = new Set<Identity>(members.length > 1 ? members : []);
    const successors = new Set<number>();
    for (const member of members) {
      for (const following of next.get(member) ?? []) {
        reached.add(following);
        const component = componentOf.get(following) as number;
        if (component !== position) successors.add(component);
      }
    }
    for (const component of successors) for (const identity of reach[component]) reached.add(identity);
    reach.push(reached);
  });
  const closure = new Map<Identity, Set<Identity>>();
  for (const start of next.keys()) {
    const own = new Set(reach[componentOf.get(start) as number]);
    own.delete(start);
    closure.set(start, own);
  }
  CLOSURES.set(graph, closure);
  return closure;
}

/**
 * Tarjan's strongly connected components, iteratively (no recursion on input-sized graphs), in
 * reverse topological order: a component comes after every component it has an edge to.
 */
function stronglyConnectedComponents(next: ReadonlyMap<Identity, ReadonlySet<Identity>>): Identity[][] {
  const index = new Map<Identity, number>();
  const low = new Map<Identity, number>();
  const onStack = new Set<Identity>();
  const stack: Identity[] = [];
  const components: Identity[][] = [];
  const nodes = new Set<Identity>(next.keys());
  for (const targets of next.values()) for (const target of targets) nodes.add(target);
  for (const root of nodes) {
    if (index.has(root)) continue;
    const frames: Array<{ node: Identity; edges: Iterator<Identity> }> = [];
    const enter = (node: Identity) => {
      index.set(node, index.size);
      low.set(node, index.get(node) as number);
      stack.push(node);
      onStack.add(node);
      frames.push({ node, edges: (next.get(node) ?? new Set<Identity>()).values() });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const step = frame.edges.next();
      if (!step.done) {
        const following = step.value;
        if (!index.has(following)) enter(following);
        else if (onStack.has(following))
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(following) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent)
        low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: Identity[] = [];
        let member: Identity;
        do {
          member = stack.pop() as Identity;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
