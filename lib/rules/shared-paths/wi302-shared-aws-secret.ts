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
import { quoteIdentity, unknownIdentityResult } from "../../analysis/identity-pairs";
import { PrincipalDirectory } from "../../analysis/principal-directory";
import type { EntryClass } from "../../analysis/shared-groups";
import {
  classesOf,
  compareIds,
  groupLocations,
  identitiesOf,
  overlappingClasses,
  quoteIdentityList,
} from "../../analysis/shared-groups";
import type { IdentityGraph } from "../../model/graph";
import { quote, quoteLocation } from "../../analysis/quote";

export interface SecretEntry extends AwsSecretGrant {
  readonly identity: Identity;
  readonly owner: string;
  /** The resource with every `${...}` and the app's account widened to `*` (an over-approximation of what it can be). */
  readonly pattern: string;
}

/**
 * Identities reaching one secret-bearing resource (one side: each shares with every other) or
 * two meeting grants (two sides: each shares with the other side).
 */
export interface SecretShare {
  readonly sides: readonly (readonly SecretEntry[])[];
}

export interface SharedAwsSecrets {
  readonly shares: readonly SecretShare[];
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
 * Grants that compare alike: same kind, resource, stack, narrowing and (when any) tag pins. What one
 * of them shares, all share, so N identities holding one grant are compared once.
 */
function comparisonKey(entry: SecretEntry, position: number): string {
  if (entry.pins.size > 0) return `entry\u0000${position}`;
  return JSON.stringify([entry.kind, entry.pattern, entry.resource, entry.stack ?? "", entry.narrowing]);
}

/**
 * Groups of identities reaching a common secret-bearing resource, without comparing every pair.
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
  // Indexed: before V8 optimizes this, `for...of` allocates per element (most reaches are empty).
  for (let i = 0; i < graph.identities.length; i++) {
    const identity = graph.identities[i];
    const reach = awsSecretReachOf(identity, directory, graph);
    for (let r = 0; r < reach.unknownReasons.length; r++) markUnknown(identity, reach.unknownReasons[r]);
    for (let g = 0; g < reach.grants.length; g++) {
      const grant = reach.grants[g];
      // A Deny naming the very same resource removes the grant (unconditioned, all its actions).
      if (grant.narrowing.excluded.includes(grant.resource)) continue;
      // A boundary (or Deny NotResource) allowing none of the grant's actions leaves it nothing.
      if (grant.narrowing.confinedTo.some((group) => group.length === 0)) continue;
      const pattern = widenAppAccount(grant.resource.replace(/\$\{[^}]*\}/g, "*"));
      const entry: SecretEntry = {
        kind: grant.kind,
        resource: grant.resource,
        actions: grant.actions,
        held: grant.held,
        stack: grant.stack,
        narrowing: grant.narrowing,
        pins: grant.pins,
        identity,
        owner: identity.id,
        pattern,
      };
      (isWholeReference(grant.resource) ? references : patterns).push(entry);
    }
  }

  const shares: SecretShare[] = [];
  const patternClasses = classesOf(patterns, comparisonKey);
  for (const entryClass of patternClasses) {
    if (entryClass.owners.size > 1 && grantsMeet(entryClass.representative, entryClass.representative))
      shares.push({ sides: [entryClass.entries] });
  }
  const overlapping = SECRET_KINDS_IN_ORDER.flatMap((kind) =>
    overlappingClasses(
      patternClasses.filter((entryClass) => entryClass.representative.kind === kind),
      arnKey,
      grantsMeet,
    ),
  );
  for (const [classA, classB] of overlapping) {
    const [a, b] = [classA.representative, classB.representative];
    const interpolated = hasInterpolation(a.resource) || hasInterpolation(b.resource);
    const sameResource = a.resource === b.resource && sameStack(a, b);
    if (!interpolated || sameResource || isEverything(a) || isEverything(b)) {
      shares.push({ sides: [classA.entries, classB.entries] });
      continue;
    }
    for (const [side, other] of [
      [classA, classB],
      [classB, classA],
    ]) {
      if (!hasInterpolation(side.representative.resource)) continue;
      for (const entry of side.entries) {
        if (!hasOtherOwner(other.owners, entry.owner)) continue;
        markUnknown(
          entry.identity,
          `${AWS_SECRET_KINDS[entry.kind].label} ${quote(entry.resource)} may match another identity's grant`,
        );
      }
    }
  }

  compareReferences(references, patternClasses, shares, markUnknown);
  return { shares: withChains(graph, shares, [...patterns, ...references], unknown, markUnknown), unknown };
}

/** The identities a share's members can be reached through: X reaches what every identity it can become reaches. */
function withChains(
  graph: IdentityGraph,
  shares: readonly SecretShare[],
  entries: readonly SecretEntry[],
  unknown: ReadonlyMap<string, { identity: Identity; reasons: string[] }>,
  markUnknown: (identity: Identity, reason: string) => void,
): SecretShare[] {
  const becomes = canBecome(graph);
  if (becomes.size === 0) return [...shares];
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
  /** Identities related to x by a chain either way (those pairs are WI305/WI308's findings). */
  const relatedTo = (x: Identity): Identity[] => [...(becomes.get(x) ?? []), ...(ancestors.get(x.id) ?? [])];
  const as = (entry: SecretEntry, holder: Identity): SecretEntry => ({
    ...entry,
    identity: holder,
    owner: holder.id,
    actions: entry.actions.map((action) => `${action} as ${quoteIdentity(entry.identity)}`),
  });
  /** Derived members of `side` that share with some unrelated identity of `other`. */
  const derivedMembers = (side: readonly SecretEntry[], other: readonly SecretEntry[]): SecretEntry[] => {
    const derived = side.flatMap((entry) => (ancestors.get(entry.owner) ?? []).map((h) => as(entry, h)));
    if (derived.length === 0) return [];
    const owners = new Set(other.map((entry) => entry.owner));
    for (const entry of other) for (const holder of ancestors.get(entry.owner) ?? []) owners.add(holder.id);
    return derived.filter((entry) => {
      let unrelated = owners.size - (owners.has(entry.owner) ? 1 : 0);
      for (const related of new Set(relatedTo(entry.identity)))
        if (related.id !== entry.owner && owners.has(related.id)) unrelated--;
      return unrelated > 0;
    });
  };
  const extended = shares.map((share): SecretShare => {
    const [left, right] = share.sides.length === 1 ? [share.sides[0], share.sides[0]] : share.sides;
    const sides =
      share.sides.length === 1
        ? [[...left, ...derivedMembers(left, left)]]
        : [
            [...left, ...derivedMembers(left, right)],
            [...right, ...derivedMembers(right, left)],
          ];
    return { sides };
  });
  // Two identities that can both become the same third reach all it reaches.
  const firstEntryOf = new Map<string, SecretEntry>();
  for (const entry of entries) {
    const known = firstEntryOf.get(entry.owner);
    if (known === undefined || compareEntries(entry, known) < 0) firstEntryOf.set(entry.owner, entry);
  }
  for (const [owner, entry] of firstEntryOf) {
    const holders = ancestors.get(owner) ?? [];
    if (holders.length < 2) continue;
    const side = holders.map((holder) => as(entry, holder));
    const members = side.filter((x) => {
      const related = new Set(relatedTo(x.identity).map((identity) => identity.id));
      return side.some((y) => y.owner !== x.owner && !related.has(y.owner));
    });
    if (members.length > 1) extended.push({ sides: [members] });
  }
  return extended;
}

function compareEntries(a: SecretEntry, b: SecretEntry): number {
  return (
    compareIds(a.kind, b.kind) ||
    compareIds(a.resource, b.resource) ||
    compareIds(a.stack ?? "", b.stack ?? "")
  );
}

function compareReferences(
  references: readonly SecretEntry[],
  patternClasses: readonly EntryClass<SecretEntry>[],
  shares: SecretShare[],
  markUnknown: (identity: Identity, reason: string) => void,
): void {
  const everything = new Map<SecretKind, EntryClass<SecretEntry>[]>();
  const partialOwners = new Map<SecretKind, Set<string>>();
  for (const entryClass of patternClasses) {
    const kind = entryClass.representative.kind;
    if (isEverything(entryClass.representative)) {
      const list = everything.get(kind) ?? [];
      list.push(entryClass);
      everything.set(kind, list);
    } else {
      const owners = partialOwners.get(kind) ?? new Set<string>();
      for (const owner of entryClass.owners) owners.add(owner);
      partialOwners.set(kind, owners);
    }
  }
  const referenceOwners = new Map<SecretKind, Set<string>>();
  for (const entry of references) {
    const owners = referenceOwners.get(entry.kind) ?? new Set<string>();
    owners.add(entry.owner);
    referenceOwners.set(entry.kind, owners);
  }
  // The same reference in one stack is the same resource: classes of one resource, compared by their pins.
  const classes = classesOf(references, comparisonKey);
  const byResource = new Map<string, EntryClass<SecretEntry>[]>();
  for (const entryClass of classes) {
    const { kind, stack, resource } = entryClass.representative;
    const key = JSON.stringify([kind, stack ?? "", resource]);
    const list = byResource.get(key) ?? [];
    list.push(entryClass);
    byResource.set(key, list);
  }
  for (const group of byResource.values()) {
    for (let i = 0; i < group.length; i++) {
      const a = group[i];
      if (a.owners.size > 1 && resourcePinsMeet(a.representative.pins, a.representative.pins))
        shares.push({ sides: [a.entries] });
      for (let j = i + 1; j < group.length; j++) {
        const b = group[j];
        if (sameSingleOwner(a, b)) continue;
        if (resourcePinsMeet(a.representative.pins, b.representative.pins))
          shares.push({ sides: [a.entries, b.entries] });
      }
    }
  }
  for (const entryClass of classes) {
    const entry = entryClass.representative;
    for (const wide of everything.get(entry.kind) ?? []) {
      const denied =
        sameStack(entry, wide.representative) &&
        wide.representative.narrowing.excluded.includes(entry.resource);
      if (
        !sameSingleOwner(entryClass, wide) &&
        !denied &&
        resourcePinsMeet(entry.pins, wide.representative.pins)
      )
        shares.push({ sides: [entryClass.entries, wide.entries] });
    }
  }
  for (const entry of references) {
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

/** Two classes held by one same single identity: nothing to share. */
function sameSingleOwner(a: EntryClass<SecretEntry>, b: EntryClass<SecretEntry>): boolean {
  return a.owners.size === 1 && b.owners.size === 1 && a.representative.owner === b.representative.owner;
}

/** True when the set holds an owner other than `owner` (constant time). */
function hasOtherOwner(owners: ReadonlySet<string> | undefined, owner: string): boolean {
  return owners !== undefined && (owners.size > 1 || (owners.size === 1 && !owners.has(owner)));
}

/** How many overlapping resources a message names before "and N more". */
const SHOWN_RESOURCES = 3;

/** How many actions a message names before "and N more". */
const SHOWN_ACTIONS = 10;

/** What a share is about: one resource, or the two meeting grants. */
function describeShare(share: SecretShare): string {
  const [a, b] = share.sides.map((side) => side[0]);
  const kind = AWS_SECRET_KINDS[a.kind].label;
  return b === undefined || a.resource === b.resource
    ? `${kind} ${quote(a.resource)}`
    : `${kind} ${quote(a.resource)} / ${quote(b.resource)}`;
}

/**
 * One result per set of identities sharing: every secret-bearing resource the same identities
 * share is listed (capped) in one finding, and N identities sharing one secret are one finding.
 */
function sharedSecretResults(shares: readonly SecretShare[]): RuleResult[] {
  const byIdentities = new Map<string, { identities: Identity[]; shares: SecretShare[] }>();
  for (const share of shares) {
    const identities = identitiesOf(share.sides.flat());
    if (identities.length < 2) continue;
    const key = JSON.stringify(identities.map((identity) => identity.id));
    const group = byIdentities.get(key) ?? { identities, shares: [] };
    group.shares.push(share);
    byIdentities.set(key, group);
  }
  return [...byIdentities.values()].map(({ identities, shares: group }) => {
    const entries = group.flatMap((share) => share.sides.flat());
    const overlaps = [
      ...new Set(
        [...group]
          .sort(
            (a, b) =>
              SECRET_KINDS_IN_ORDER.indexOf(a.sides[0][0].kind) -
                SECRET_KINDS_IN_ORDER.indexOf(b.sides[0][0].kind) ||
              compareIds(describeShare(a), describeShare(b)),
          )
          .map(describeShare),
      ),
    ];
    const shown =
      overlaps.slice(0, SHOWN_RESOURCES).join("; ") +
      (overlaps.length > SHOWN_RESOURCES ? `; and ${overlaps.length - SHOWN_RESOURCES} more` : "");
    const actions = [...new Set(entries.flatMap((entry) => entry.actions))].sort(compareIds);
    const via =
      actions
        .slice(0, SHOWN_ACTIONS)
        .map((action) => quote(action))
        .join(", ") + (actions.length > SHOWN_ACTIONS ? ` and ${actions.length - SHOWN_ACTIONS} more` : "");
    const { location, related } = groupLocations(entries, (entry) => entry.held.policy.location, "across");
    const count =
      overlaps.length === 1 ? "a secret-bearing resource" : `${overlaps.length} secret-bearing resources`;
    const ids = identities.map((identity) => identity.id);
    return identities.length === 2
      ? {
          message: `Identities ${quoteIdentity(identities[0])} and ${quoteIdentity(identities[1])} both reach ${count} (via ${via}): ${shown}.`,
          location,
          related,
          identityIds: ids,
          key: JSON.stringify(ids),
        }
      : {
          message: `${identities.length} identities reach ${count} (via ${via}): ${shown}. Identities: ${quoteIdentityList(identities)}.`,
          location,
          related,
          identityIds: ids,
          key: "group",
        };
  });
}

/**
 * A resource-policy Allow naming a principal that cannot be resolved (a reference to something not
 * in the inputs, a computed ARN) may give the resource to any identity: unknown, never a pass.
 */
function unresolvedGrantResults(graph: IdentityGraph): RuleResult[] {
  return unresolvedResourceGrants(graph).map((grant) => ({
    message:
      `Resource policy ${quoteLocation(grant.policy.location)} on ${AWS_SECRET_KINDS[grant.kind].label} ` +
      `${quote(grant.resource)} ${grant.reason}: it may give the resource to any identity — unknown, needs review.`,
    location: grant.policy.location,
    unknown: true,
    severity: "warning",
    key: JSON.stringify(["unresolved-resource-policy", grant.resource, grant.reason]),
  }));
}

export const WI302_SHARED_AWS_SECRET: Rule = {
  id: "WI302",
  title: "Two identities reach the same secret-bearing AWS resource",
  severity: "error",
  rationale:
    "Secrets Manager secrets, SSM parameters, KMS keys used for decryption, IAM database users and the objects of S3 " +
    "buckets tagged `workload-identity:secret-material = true` are credentials. When two workloads reach the same one, a compromise of either exposes the other, and " +
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
    "S3 objects are secret-bearing only in buckets whose tags (or provider default tags) set `workload-identity:secret-material` to `true`: shared artifact, log and asset buckets are normal. On such a bucket `s3:GetObject`/`s3:GetObjectVersion` read, `s3:PutObject` replaces and `s3:PutBucketPolicy` on the bucket reaches its objects; a bucket policy (`aws_s3_bucket_policy`, also rendered from `data.aws_iam_policy_document`) grants the objects its `Resource` names to the principals it names, in the same account without any identity policy, and its explicit Deny wins like an identity-policy Deny (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html, https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).",
    "A resource policy on a secret-bearing resource whose document is not known may grant it to anyone and is reported unknown at the policy; an Allow whose `Action` is a Terraform value not known statically makes its identity (or resource policy) unknown, and a Deny whose `NotAction` is not known subtracts nothing.",
    "IAM compares action names without case (`SecretsManager:getsecretvalue` is `secretsmanager:GetSecretValue`) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html); `Principal: *` narrowed by `aws:PrincipalArn` names the roles and users whose ARN the values can match (a user's path is not known, so `user/*NAME`).",
    "One object, one name: `aws_secretsmanager_secret`'s `.id` is its ARN, and a data source looking a secret of the inputs up (by name or reference) is that secret (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret#attribute-reference).",
    "Grants are compared with the exact pattern algebra: two grants share a resource when some ARN matches both, outside every Deny and inside every boundary.",
  ],
  check({ graph }) {
    const { shares, unknown } = sharedAwsSecrets(graph);
    const results = sharedSecretResults(shares);
    for (const { identity, reasons } of unknown.values()) {
      results.push(unknownIdentityResult(identity, "secret-bearing AWS permissions", reasons));
    }
    results.push(...unresolvedGrantResults(graph));
    return results;
  },
};
