/**
 * What narrows an identity-policy Allow before it becomes reach, as AWS evaluates a request
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 *
 * - An explicit Deny in any applicable policy overrides every Allow. A Deny subtracts here only
 *   when its Condition is certainly true for the principal (no Condition, or one decided from the
 *   principal's own facts: aws-principal-conditions.ts; a Deny that may not apply subtracts
 *   nothing, so it can never yield a false "clean") and when it denies every action through which
 *   the grant reaches the resource.
 *   `Resource` patterns are removed from the grant; `NotResource` confines the grant to the
 *   listed patterns (the Deny covers everything else). `NotAction` denies every action it does
 *   not name (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html).
 * - A permissions boundary caps what identity-based policies grant: the effective permission is
 *   the intersection of the two (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
 *   A boundary whose document is not in the input caps nothing here (over-approximation).
 *
 * Narrowing is returned as patterns for the exact pattern algebra, never applied by string
 * comparison: `excluded` (the grant reaches none of these) and `confinedTo` (the grant reaches
 * only what matches some pattern of every group).
 */
import type { AwsPolicy, AwsRole, IdentityGraph } from "../model/graph";
import type { PolicyDocument, PolicyStatement } from "../model/iam-policy";
import { hasInterpolation, isUnknown } from "../model/unknown";
import { widenPolicyVariables } from "../pattern/glob";
import type { HeldAwsPolicy } from "./principal-directory";
import { actionPatternMatches, allowsAction } from "./statement-actions";
import { appendAll } from "../model/append-all";
import { AnalysisMemo } from "./analysis-memo";

export interface Narrowing {
  /** Resource patterns the grant does not reach. */
  readonly excluded: readonly string[];
  /** Groups of patterns: a reached resource matches some pattern of every group. */
  readonly confinedTo: readonly (readonly string[])[];
}

export const NO_NARROWING: Narrowing = { excluded: [], confinedTo: [] };

/**
 * True when the statement certainly names the action through Action or NotAction (any effect); a
 * NotAction holding a value not known statically may exclude it.
 */
export function namesAction(statement: PolicyStatement, action: string): boolean {
  if (statement.notActions.length > 0)
    return (
      !statement.notActions.some(hasInterpolation) &&
      !statement.notActions.some((pattern) => actionPatternMatches(pattern, action))
    );
  return statement.actions.some((pattern) => actionPatternMatches(pattern, action));
}

/** A resource pattern as compared: IAM policy variables widened; unresolved references kept. */
function comparable(resource: string): string {
  return hasInterpolation(resource) ? resource : widenPolicyVariables(resource);
}

/**
 * Decides whether a conditioned Deny certainly applies to the principal (`stack`: where the policy
 * holding it was written). Without one, only unconditioned Denies subtract.
 */
export type DenyApplies = (statement: PolicyStatement, stack: string | undefined) => boolean;

const UNCONDITIONED_ONLY: DenyApplies = () => false;

/**
 * The Deny statements of the identity's policies that certainly apply, as narrowing of a grant
 * reaching through `actions` (the Deny must deny all of them). A Deny resource that is an
 * unresolved Terraform reference is kept as written: the caller compares it only with the same
 * reference.
 */
export function denyNarrowing(
  held: readonly HeldAwsPolicy[],
  actions: readonly string[],
  applies: DenyApplies = UNCONDITIONED_ONLY,
): Narrowing {
  return combineNarrowing(
    ...held.map(({ policy }) =>
      isUnknown(policy.document)
        ? NO_NARROWING
        : narrowingByDenies(policy.document.statements, actions, (statement) =>
            applies(statement, policy.location.stack),
          ),
    ),
  );
}

function narrowingByDenies(
  statements: readonly PolicyStatement[],
  actions: readonly string[],
  applies: (statement: PolicyStatement) => boolean,
): Narrowing {
  const excluded: string[] = [];
  const confinedTo: string[][] = [];
  if (actions.length === 0) return NO_NARROWING;
  for (const statement of statements) {
    if (statement.effect !== "Deny") continue;
    if (statement.conditions.length > 0 && !applies(statement)) continue;
    if (!actions.every((action) => namesAction(statement, action))) continue;
    if (statement.notResources.length > 0) confinedTo.push(statement.notResources.map(comparable));
    else appendAll(excluded, statement.resources.map(comparable));
  }
  return { excluded, confinedTo };
}

/**
 * The permissions boundary of a role, as narrowing of an identity-policy grant reaching through
 * `actions`: the grant is confined to the boundary's Allow resources for those actions, minus the
 * boundary's own Denies that certainly apply. Undefined when the role has no boundary or its document is
 * not known (then it caps nothing).
 */
export function boundaryNarrowing(
  boundary: PolicyDocument | undefined,
  actions: readonly string[],
  applies: (statement: PolicyStatement) => boolean = () => false,
): Narrowing | undefined {
  if (!boundary) return undefined;
  const allowed = boundary.statements
    .filter((statement) => actions.some((action) => allowsAction(statement, action)))
    .flatMap((statement) =>
      statement.notResources.length > 0 ? ["*"] : statement.resources.map(comparable),
    );
  const denies = narrowingByDenies(boundary.statements, actions, applies);
  return { excluded: denies.excluded, confinedTo: [allowed, ...denies.confinedTo] };
}

/**
 * The known document of the customer-managed policy a role's `permissions_boundary` names (by ARN
 * or by a `${aws_iam_policy.x.arn}` reference in the same stack), else undefined.
 */
export function boundaryDocumentOf(role: AwsRole, graph: IdentityGraph): PolicyDocument | undefined {
  const boundary = role.permissionsBoundary;
  if (typeof boundary !== "string") return undefined;
  const address = /^\$\{([^}]+)\.arn\}$/.exec(boundary)?.[1];
  const policies = policiesByName(graph);
  const policy =
    address !== undefined
      ? policies.get(`${role.location.stack ?? ""}\u0000${address}`)
      : policies.get(boundary);
  return policy && !isUnknown(policy.document) ? policy.document : undefined;
}

const POLICY_NAMES = new AnalysisMemo<IdentityGraph, Map<string, AwsPolicy>>();

/** Customer-managed policies by ARN and by `stack NUL address` (built once per graph). */
function policiesByName(graph: IdentityGraph): Map<string, AwsPolicy> {
  let names = POLICY_NAMES.get(graph);
  if (!names) {
    names = new Map();
    for (const policy of graph.awsPolicies) {
      if (policy.kind !== "customer-managed") continue;
      names.set(`${policy.location.stack ?? ""}\u0000${policy.location.address}`, policy);
      if (typeof policy.arn === "string") names.set(policy.arn, policy);
    }
    POLICY_NAMES.set(graph, names);
  }
  return names;
}

export function combineNarrowing(...parts: readonly (Narrowing | undefined)[]): Narrowing {
  return {
    excluded: parts.flatMap((part) => part?.excluded ?? []),
    confinedTo: parts.flatMap((part) => part?.confinedTo ?? []),
  };
}
