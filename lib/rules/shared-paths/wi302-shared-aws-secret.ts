import type { RuleResult } from "../../model/finding";
import type { Identity } from "../../model/graph";
import { UNKNOWN_ACCOUNT, hasInterpolation } from "../../model/unknown";
import { arnPatternsConstrainedMatch, arnPatternsOverlap } from "../../pattern/arn";
import { resourcePinsMeet } from "../../analysis/resource-conditions";
import { canBecome } from "../../analysis/aws-role-reach";
import { arnKey } from "../../pattern/prefix-index";
import type { Rule } from "../rule";
import type { AwsSecretGrant } from "../../analysis/aws-secret-reach";
import {
  awsSecretReachOf,
  isWholeReference,
  unresolvedResourceGrants,
} from "../../analysis/aws-secret-reach";
import type { SecretKind } from "../../model/secret-material";
import { AWS_SECRET_KINDS, SECRET_KINDS_IN_ORDER } from "../../model/secret-material";
import { orderByIdentity, quoteIdentity, unknownIdentityResult } from "../../analysis/identity-pairs";
import { findOverlappingPairs } from "../../analysis/overlapping-pairs";
import { PrincipalDirectory, dedupeLocations } from "../../analysis/principal-directory";
import type { IdentityGraph } from "../../model/graph";
import { quote, quoteLocation } from "../../analysis/quote";

export interface SecretEntry extends AwsSecretGrant {
  readonly identity: Identity;
  readonly owner: string;
  /** The resource with every `${...}` and the app's account widened to `*` (an over-approximation of what it can be). */
  readonly pattern: string;
}

export interface SharedAwsSecrets {
  readonly pairs: Array<[SecretEntry, SecretEntry]>;
  /** Identity id -> reasons its reach cannot be compared. */
  readonly unknown: Map<string, { identity: Identity; reasons: string[] }>;
}

/** Widened for comparison: a `${...}` may be anything. */
function widened(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, "*");
}

/**
 * True when some resource is reached by both grants: their patterns meet outside every Deny that
 * narrows either (a Deny holding an unresolved reference subtracts nothing), inside both
 * boundaries, and their resource-tag conditions can hold together.
 */
function grantsMeet(x: SecretEntry, y: SecretEntry): boolean {
  if (!arnPatternsOverlap(x.pattern, y.pattern) || !resourcePinsMeet(x.pins, y.pins)) return false;
  const narrowing = [x.narrowing, y.narrowing];
  if (narrowing.every((n) => n.excluded.length === 0 && n.confinedTo.length === 0)) return true;
  const excluded = narrowing
    .flatMap((n) => n.excluded)
    .filter((pattern) => !hasInterpolation(pattern))
    .map(widenAppAccount);
  const confinedTo = narrowing.flatMap((n) => n.confinedTo).map((group) => group.map(widened));
  const witness = arnPatternsConstrainedMatch([[x.pattern], [y.pattern], ...confinedTo], excluded);
  return witness !== undefined; // UNDECIDED counts as meeting
}

/** The app's account compared as any account: a literal account may be the same one. */
function widenAppAccount(pattern: string): string {
  return pattern.replaceAll(UNKNOWN_ACCOUNT, "*");
}

/** A literal `*` grant: it reaches every resource, whatever a reference resolves to. */
function isEverything(entry: SecretEntry): boolean {
  return /^\*+$/.test(entry.resource);
}

function sameStack(a: SecretEntry, b: SecretEntry): boolean {
  return (a.stack ?? "") === (b.stack ?? "");
}

/**
 * Pairs of identities reaching a common secret-bearing resource, without comparing every pair.
 *
 * Literal ARN patterns (with any inner `${...}` widened to `*`) go through a literal-prefix index.
 * A resource that is wholly a Terraform reference (`${aws_secretsmanager_secret.x.arn}`) is one
 * specific resource whose ARN is known after apply: it is shared with an identical reference in the
 * same stack and with a `*` grant; whether a partial literal pattern matches it cannot be decided,
 * which makes the referencing identity "unknown — needs review". When an overlap rests on a widened
 * `${...}`, the identity holding it is reported as unknown rather than as sharing.
 */
export function sharedAwsSecrets(graph: IdentityGraph): SharedAwsSecrets {
  const directory = PrincipalDirectory.of(graph);
  const unknown = new Map<string, { identity: Identity; reasons: string[] }>();
  const markUnknown = (identity: Identity, reason: string) => {
    const entry = unknown.get(identity.id) ?? { identity, reasons: [] };
    entry.reasons.push(reason);
    unknown.set(identity.id, entry);
  };

  const patterns: SecretEntry[] = [];
  const references: SecretEntry[] = [];
  for (const identity of graph.identities) {
    const reach = awsSecretReachOf(identity, directory, graph);
    for (const reason of reach.unknownReasons) markUnknown(identity, reason);
    for (const grant of reach.grants) {
      // A Deny naming the very same resource removes the grant (unconditioned, all its actions).
      if (grant.narrowing.excluded.includes(grant.resource)) continue;
      // A boundary (or Deny NotResource) allowing none of the grant's actions leaves it nothing.
      if (grant.narrowing.confinedTo.some((group) => group.length === 0)) continue;
      const pattern = widenAppAccount(grant.resource.replace(/\$\{[^}]*\}/g, "*"));
      const entry: SecretEntry = { ...grant, identity, owner: identity.id, pattern };
      (isWholeReference(grant.resource) ? references : patterns).push(entry);
    }
  }

  const pairs: Array<[SecretEntry, SecretEntry]> = [];
  const overlapping = SECRET_KINDS_IN_ORDER.flatMap((kind) =>
    findOverlappingPairs(
      patterns.filter((entry) => entry.kind === kind),
      arnKey,
      grantsMeet,
    ),
  );
  for (const [a, b] of overlapping) {
    const interpolated = hasInterpolation(a.resource) || hasInterpolation(b.resource);
    const sameResource = a.resource === b.resource && sameStack(a, b);
    if (!interpolated || sameResource || isEverything(a) || isEverything(b)) {
      pairs.push(orderByIdentity(a, b));
      continue;
    }
    for (const side of [a, b]) {
      if (hasInterpolation(side.resource)) {
        markUnknown(
          side.identity,
          `${AWS_SECRET_KINDS[side.kind].label} ${quote(side.resource)} may match another identity's grant`,
        );
      }
    }
  }

  compareReferences(references, patterns, pairs, markUnknown);
  const owners = new Map<string, SecretEntry>();
  for (const entry of [...patterns, ...references])
    if (!owners.has(entry.owner)) owners.set(entry.owner, entry);
  return { pairs: [...pairs, ...pairsThroughChains(graph, pairs, owners, unknown, markUnknown)], unknown };
}

/**
 * Reach follows the roles an identity can become (WI305/WI308 edges, to any depth): X reaches what
 * every identity it can become reaches. Pairs between an identity and one it can become are left to
 * WI305/WI308, which report the chain itself.
 */
function pairsThroughChains(
  graph: IdentityGraph,
  pairs: ReadonlyArray<[SecretEntry, SecretEntry]>,
  firstEntryOf: ReadonlyMap<string, SecretEntry>,
  unknown: ReadonlyMap<string, { identity: Identity; reasons: string[] }>,
  markUnknown: (identity: Identity, reason: string) => void,
): Array<[SecretEntry, SecretEntry]> {
  const becomes = canBecome(graph);
  if (becomes.size === 0) return [];
  const ancestors = new Map<string, Identity[]>();
  for (const [from, reached] of becomes) {
    for (const to of reached) {
      const list = ancestors.get(to.id) ?? [];
      list.push(from);
      ancestors.set(to.id, list);
      const opaque = unknown.get(to.id);
      if (opaque)
        markUnknown(from, `it can become ${quoteIdentity(to)}, whose secret-bearing permissions are unknown`);
    }
  }
  const related = (x: Identity, y: Identity) =>
    becomes.get(x)?.has(y) === true || becomes.get(y)?.has(x) === true;
  const as = (entry: SecretEntry, holder: Identity): SecretEntry =>
    holder.id === entry.owner
      ? entry
      : {
          ...entry,
          identity: holder,
          owner: holder.id,
          actions: entry.actions.map((action) => `${action} as ${quoteIdentity(entry.identity)}`),
        };
  const derived: Array<[SecretEntry, SecretEntry]> = [];
  for (const [a, b] of pairs) {
    const sidesA = [a.identity, ...(ancestors.get(a.owner) ?? [])];
    const sidesB = [b.identity, ...(ancestors.get(b.owner) ?? [])];
    for (const x of sidesA) {
      for (const y of sidesB) {
        if (x === a.identity && y === b.identity) continue;
        if (x.id !== y.id && !related(x, y)) derived.push(orderByIdentity(as(a, x), as(b, y)));
      }
    }
  }
  // Two identities that can both become the same third reach all it reaches.
  for (const [owner, entry] of firstEntryOf) {
    const holders = ancestors.get(owner) ?? [];
    for (let i = 0; i < holders.length; i++) {
      for (let j = i + 1; j < holders.length; j++) {
        if (!related(holders[i], holders[j]))
          derived.push(orderByIdentity(as(entry, holders[i]), as(entry, holders[j])));
      }
    }
  }
  return derived;
}

function compareReferences(
  references: readonly SecretEntry[],
  patterns: readonly SecretEntry[],
  pairs: Array<[SecretEntry, SecretEntry]>,
  markUnknown: (identity: Identity, reason: string) => void,
): void {
  const everything = new Map<SecretKind, SecretEntry[]>();
  const partialOwners = new Map<SecretKind, Set<string>>();
  for (const entry of patterns) {
    if (isEverything(entry)) {
      const list = everything.get(entry.kind) ?? [];
      list.push(entry);
      everything.set(entry.kind, list);
    } else {
      const owners = partialOwners.get(entry.kind) ?? new Set<string>();
      owners.add(entry.owner);
      partialOwners.set(entry.kind, owners);
    }
  }
  const groups = new Map<string, SecretEntry[]>();
  const referenceOwners = new Map<SecretKind, Set<string>>();
  for (const entry of references) {
    const key = `${entry.kind}\u0000${entry.stack ?? ""}\u0000${entry.resource}`;
    const group = groups.get(key) ?? [];
    group.push(entry);
    groups.set(key, group);
    const owners = referenceOwners.get(entry.kind) ?? new Set<string>();
    owners.add(entry.owner);
    referenceOwners.set(entry.kind, owners);
  }
  // The same reference in one stack is the same resource.
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if (group[i].owner !== group[j].owner && resourcePinsMeet(group[i].pins, group[j].pins))
          pairs.push(orderByIdentity(group[i], group[j]));
      }
    }
  }
  for (const entry of references) {
    for (const wide of everything.get(entry.kind) ?? []) {
      const denied = sameStack(entry, wide) && wide.narrowing.excluded.includes(entry.resource);
      if (wide.owner !== entry.owner && !denied && resourcePinsMeet(entry.pins, wide.pins))
        pairs.push(orderByIdentity(entry, wide));
    }
    const label = `${AWS_SECRET_KINDS[entry.kind].label} ${quote(entry.resource)}`;
    if (hasOtherOwner(partialOwners.get(entry.kind), entry.owner)) {
      markUnknown(
        entry.identity,
        `${label} is known only after apply and may match another identity's ARN pattern`,
      );
    }
    // A cross-stack reference may name a resource another stack references directly.
    if (
      entry.resource.includes("terraform_remote_state") &&
      hasOtherOwner(referenceOwners.get(entry.kind), entry.owner)
    ) {
      markUnknown(
        entry.identity,
        `${label} is a cross-stack reference that may name another identity's resource`,
      );
    }
  }
}

/** True when the set holds an owner other than `owner` (constant time). */
function hasOtherOwner(owners: Set<string> | undefined, owner: string): boolean {
  return owners !== undefined && (owners.size > 1 || (owners.size === 1 && !owners.has(owner)));
}

/** How many overlapping resources a message names before "and N more". */
const SHOWN_RESOURCES = 3;

/** The overlapping pairs grouped by identity pair (ordered by id), in first-seen order. */
function sharedPairsByIdentities(
  pairs: ReadonlyArray<[SecretEntry, SecretEntry]>,
): Array<Array<[SecretEntry, SecretEntry]>> {
  const groups = new Map<string, Array<[SecretEntry, SecretEntry]>>();
  for (const pair of pairs) {
    const key = JSON.stringify([pair[0].owner, pair[1].owner]);
    const group = groups.get(key) ?? [];
    group.push(pair);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function describeOverlap([a, b]: [SecretEntry, SecretEntry]): string {
  const kind = AWS_SECRET_KINDS[a.kind].label;
  return a.resource === b.resource
    ? `${kind} ${quote(a.resource)}`
    : `${kind} ${quote(a.resource)} / ${quote(b.resource)}`;
}

/** One result for an identity pair, listing (capped) every secret-bearing resource they share. */
function sharedSecretResult(group: ReadonlyArray<[SecretEntry, SecretEntry]>): RuleResult {
  const [a, b] = group[0];
  const overlaps = [...new Set(group.map(describeOverlap))];
  const shown =
    overlaps.slice(0, SHOWN_RESOURCES).join("; ") +
    (overlaps.length > SHOWN_RESOURCES ? `; and ${overlaps.length - SHOWN_RESOURCES} more` : "");
  const actions = [...new Set(group.flatMap(([x, y]) => [...x.actions, ...y.actions]))]
    .map((action) => quote(action))
    .join(", ");
  const location = a.held.policy.location;
  const related = dedupeLocations([
    location,
    ...group.flatMap(([x, y]) => [x.held.policy.location, y.held.policy.location]),
  ]).slice(1);
  const count =
    overlaps.length === 1 ? "a secret-bearing resource" : `${overlaps.length} secret-bearing resources`;
  return {
    message: `Identities ${quoteIdentity(a.identity)} and ${quoteIdentity(b.identity)} both reach ${count} (via ${actions}): ${shown}.`,
    location,
    related,
    identityIds: [a.identity.id, b.identity.id],
    key: JSON.stringify([a.owner, b.owner]),
  };
}

/**
 * A resource-policy Allow naming a principal that cannot be resolved (a reference to something not
 * in the inputs, a computed ARN) may give the resource to any identity: unknown, never a pass.
 */
function unresolvedGrantResults(graph: IdentityGraph): RuleResult[] {
  return unresolvedResourceGrants(graph).map((grant) => ({
    message:
      `Resource policy ${quoteLocation(grant.policy.location)} allows ${grant.actions.map(quote).join(", ")} on ` +
      `${AWS_SECRET_KINDS[grant.kind].label} ${quote(grant.resource)} to ${grant.principals.map(quote).join(", ")}, ` +
      `which cannot be resolved to a principal of the inputs: it may give the resource to any identity — unknown, needs review.`,
    location: grant.policy.location,
    unknown: true,
    severity: "warning",
    key: JSON.stringify(["unresolved-principal", grant.resource, ...grant.principals]),
  }));
}

export const WI302_SHARED_AWS_SECRET: Rule = {
  id: "WI302",
  title: "Two identities reach the same secret-bearing AWS resource",
  severity: "error",
  rationale:
    "Secrets Manager secrets, SSM parameters, KMS keys used for decryption and IAM database users are " +
    "credentials. When two workloads reach the same one, a compromise of either exposes the other, and " +
    "CloudTrail cannot attribute use of the credential to one workload.",
  fix:
    "Grant each identity only its own secrets (exact ARNs or a per-workload name prefix), avoid `*` on " +
    "secret-reading actions, or, if the sharing is intended, record an approved suppression for WI302 " +
    "(reason, approver, expiry) on both identities.",
  owasp: ["NHI9", "NHI2", "NHI5"],
  semantics: [
    "Reach is what AWS would allow: an identity-policy Allow, minus every explicit Deny of the identity's policies that certainly applies and denies all the actions the Allow reaches through (`Resource` removes patterns, `NotResource` confines to them, `NotAction` denies all it does not name) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html).",
    "A conditioned Deny applies only when its whole Condition is true (blocks and keys AND, values of one key OR), so it subtracts only when that is certain from the principal's own facts: `aws:PrincipalArn` (role ARN, or a `${aws_iam_role.x.arn}` reference: the same role or certainly another), `aws:PrincipalAccount`, `aws:PrincipalType` (`AssumedRole`/`User`) and `aws:PrincipalTag/K` (the role's IAM tags, only while its trust allows no `sts:TagSession`, as session tags replace them); `...IfExists` changes nothing for these always-present keys, negated operators hold when no value matches, `Null` tests presence. A condition on the request (`aws:SourceIp`, `aws:SourceVpce`, `aws:RequestedRegion`, MFA, time ...), an account known only after apply, a set operator or a policy variable leaves the Deny subtracting nothing (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_logic_multiple-context-keys-or-values.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html).",
    "A role's permissions boundary caps its identity-policy grants (effective = identity ∩ boundary) when the boundary's document is in the input; an unknown boundary caps nothing (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).",
    "Two grants conditioned on the same resource tag (`aws:ResourceTag/K` or `<service>:ResourceTag/K`, keys case-insensitive) with disjoint values reach no common resource, unless every such condition is `...IfExists` (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourcetag).",
    "Permission to change access is reach: `secretsmanager:PutResourcePolicy` on a secret, `kms:CreateGrant` or `kms:PutKeyPolicy` on a key (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html, https://docs.aws.amazon.com/kms/latest/developerguide/grants.html).",
    "`ssm:GetParametersByPath` on a path reaches every parameter beneath it (https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html); `secretsmanager:BatchGetSecretValue` alone reaches nothing, GetSecretValue is needed on each secret (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html).",
    "`kms:Decrypt` on a KMS alias ARN authorizes nothing on the key behind the alias (https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html).",
    "Resource-based policies grant reach too: a Secrets Manager secret policy, a KMS key policy (`policy` on `aws_kms_key` or `aws_kms_key_policy`) and a KMS grant (`aws_kms_grant` operations) naming a role or user (ARN, session ARN or Terraform reference) give it the resource in the same account without any identity policy; `Principal: *` gives it to everyone unless an `aws:PrincipalArn` condition narrows it; naming an account root only delegates to identity policies; a resource-policy Deny that certainly applies wins (with `NotPrincipal` it spares exactly the listed principals, and subtracts nothing when an account or unresolved value is listed); a role's permissions boundary still caps a grant to its ARN (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html, https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html, https://docs.aws.amazon.com/kms/latest/developerguide/grants.html).",
    "A resource-policy Allow naming a principal that cannot be resolved (a reference to something not in the inputs, a variable without a value, the deployer's `aws_caller_identity` ARN, a computed role name) may name any identity and is reported unknown at the policy; a computed account or partition around a literal role name still names that role, and a computed account root only delegates (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).",
    "One object, one name: `aws_secretsmanager_secret`'s `.id` is its ARN, and a data source looking a secret of the inputs up (by name or reference) is that secret (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret#attribute-reference).",
    "Grants are compared with the exact pattern algebra: two grants share a resource when some ARN matches both, outside every Deny and inside every boundary.",
  ],
  check({ graph }) {
    const { pairs, unknown } = sharedAwsSecrets(graph);
    const results = sharedPairsByIdentities(pairs).map(sharedSecretResult);
    for (const { identity, reasons } of unknown.values()) {
      results.push(unknownIdentityResult(identity, "secret-bearing AWS permissions", reasons));
    }
    results.push(...unresolvedGrantResults(graph));
    return results;
  },
};
