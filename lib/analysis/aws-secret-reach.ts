/**
 * The secret-bearing AWS resources an identity reaches through its permission policies: the kinds
 * and actions of lib/model/secret-material (AWS_SECRET_KINDS: reads, writes, access changes).
 *
 * Evaluation follows https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html:
 * an Allow grants reach; explicit Denies that certainly apply and the permissions boundary narrow it
 * (see aws-allow-narrowing.ts, aws-principal-conditions.ts); resource-tag conditions pin it (resource-conditions.ts). Other
 * conditions are ignored, `NotAction` grants every action it does not exclude and `NotResource`
 * grants everything but its patterns: every approximation only adds reach, never removes it.
 *
 * Service-specific authorization encoded here:
 * - Permission to change who may use a resource is reach: `secretsmanager:PutResourcePolicy`
 *   lets the caller grant itself GetSecretValue, and `kms:CreateGrant` / `kms:PutKeyPolicy` let it
 *   grant itself Decrypt (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html,
 *   https://docs.aws.amazon.com/kms/latest/developerguide/grants.html).
 * - `ssm:GetParametersByPath` on a path reaches every parameter beneath it: "If a user has access
 *   to a path, then the user can access all levels of that path"
 *   (https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html).
 * - `secretsmanager:BatchGetSecretValue` alone reaches nothing: the caller also needs
 *   GetSecretValue on each secret (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html).
 * - A KMS alias ARN in `Resource` authorizes only alias management, never Decrypt on the key
 *   behind it; access by alias is expressed with `kms:ResourceAliases` on key resources
 *   (https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html,
 *   https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html).
 */
import { widenPolicyVariables } from "../pattern/glob";
import { arnPatternsOverlap, splitArn } from "../pattern/arn";
import type { AwsPolicy, Identity, IdentityGraph } from "../model/graph";
import type { PolicyStatement } from "../model/iam-policy";
import { canonicalResource } from "./aws-resource-names";
import { lookupTable } from "../model/lookup-table";
import { accountOf, notPrincipalsOfStatement, principalsOfStatement } from "./aws-principal-match";
import { conditionsCertainlyHold } from "./aws-principal-conditions";
import type { SourceLocation } from "../model/location";
import type { SecretKind, SecretKindSpec } from "../model/secret-material";
import { AWS_SECRET_KINDS, SECRET_KINDS_IN_ORDER, secretBearingActionsOf } from "../model/secret-material";
import { hasInterpolation, isUnknown } from "../model/unknown";
import type { DenyApplies, Narrowing } from "./aws-allow-narrowing";
import {
  boundaryDocumentOf,
  boundaryNarrowing,
  combineNarrowing,
  denyNarrowing,
  namesAction,
} from "./aws-allow-narrowing";
import type { HeldAwsPolicy, PrincipalDirectory } from "./principal-directory";
import type { ResourcePins } from "./resource-conditions";
import { resourcePinsOf } from "./resource-conditions";
import { awsManagedPolicyName, isAwsManaged } from "./principal-directory";
import {
  ActionList,
  actionPatternMatches,
  effectiveResources,
  unknownAllowedActions,
  grantingPatterns,
} from "./statement-actions";
import { quote } from "./quote";
import { AnalysisMemo } from "./analysis-memo";

const ALL_KINDS = SECRET_KINDS_IN_ORDER;

/**
 * AWS-managed policies whose content is not in the inputs but which are known to reach secrets on
 * every resource. Other AWS-managed policies are judged by name in WI508 and not evaluated here.
 */
const MANAGED_SECRET_REACH = lookupTable<readonly SecretKind[]>({
  AdministratorAccess: ALL_KINDS,
  PowerUserAccess: ALL_KINDS,
  SecretsManagerReadWrite: ["secretsmanager-secret"],
  AmazonS3FullAccess: ["s3-object"],
  AmazonS3ReadOnlyAccess: ["s3-object"],
  AmazonSSMFullAccess: ["ssm-parameter"],
  AmazonSSMReadOnlyAccess: ["ssm-parameter"],
});

export interface AwsSecretGrant {
  readonly kind: SecretKind;
  /** The Resource as written. */
  readonly resource: string;
  /** The actions of the statement that reach this kind (for messages). */
  readonly actions: readonly string[];
  readonly held: HeldAwsPolicy;
  readonly stack?: string;
  /** Deny statements and the permissions boundary, as patterns (empty when nothing narrows). */
  readonly narrowing: Narrowing;
  /** Resource-tag conditions the reached resource must satisfy. */
  readonly pins: ResourcePins;
}

export interface AwsSecretReach {
  readonly grants: readonly AwsSecretGrant[];
  readonly unknownReasons: readonly string[];
}

/** True when a resource ARN pattern can name a resource of `service` (`*`, or a matching service segment). */
function resourceMayBeOfService(resource: string, service: string): boolean {
  if (/^\*+$/.test(resource)) return true;
  const segments = resource.split(":");
  // The ARN service field is a case-insensitive glob, like an action name.
  if (segments.length < 3)
    return /[*?]/.test(resource) && actionPatternMatches(resource, `arn:aws:${service}:`);
  return actionPatternMatches(segments[2], service);
}

/** A resource that is wholly a Terraform reference (`${aws_kms_key.k.arn}`), possibly with a suffix. */
export function isWholeReference(resource: string): boolean {
  return resource.startsWith("${");
}

/** True for a KMS alias ARN (`arn:aws:kms:REGION:ACCOUNT:alias/NAME`), which names no key. */
function isKmsAliasArn(resource: string): boolean {
  const fields = splitArn(resource);
  return (
    fields !== undefined && fields.service.toLowerCase() === "kms" && fields.resource.startsWith("alias/")
  );
}

/**
 * A resource as compared: IAM policy variables (`${aws:username}`) take their value per request,
 * so they compare as `*` and a per-caller grant is never mistaken for a disjoint one; Terraform
 * references are kept as written.
 */
function comparableResource(resource: string): string {
  return hasInterpolation(resource) ? resource : widenPolicyVariables(resource);
}

/**
 * `ssm:GetParametersByPath` on `.../parameter/app` reaches `.../parameter/app/...` too, and
 * `s3:PutBucketPolicy` on a bucket reaches its objects `bucket/...`.
 */
function subtreeOf(resource: string): string {
  return `${resource.replace(/\/+$/, "")}/*`;
}

/** True when a (comparable) resource of a statement may be of the kind. */
function mayBeOfKind(resource: string, kind: SecretKind, spec: SecretKindSpec): boolean {
  if (kind === "kms-key" && isKmsAliasArn(resource)) return false;
  if (!hasInterpolation(resource)) return resourceMayBeOfService(resource, spec.service);
  // A reference to another kind of Terraform resource (a bucket next to a secret) is not this kind.
  const type = /^\$\{(?:data\.)?aws_([a-z0-9_]+)\./.exec(resource);
  if (type) return spec.referenceTypes.test(type[1]);
  return resourceMayBeOfService(resource.replace(/\$\{[^}]*\}/g, "*"), spec.service);
}

/**
 * Every kind's secret-bearing actions in one list, each kind a run of bits: a statement's patterns
 * are matched once for all kinds (most statements grant none), and a kind's actions come out in
 * `secretBearingActionsOf` order.
 */
const SECRET_BEARING = new ActionList(ALL_KINDS.flatMap((kind) => secretBearingActionsOf(kind)));
const KIND_BITS: ReadonlyMap<SecretKind, number> = (() => {
  const bits = new Map<SecretKind, number>();
  let first = 0;
  for (const kind of ALL_KINDS) {
    const count = secretBearingActionsOf(kind).length;
    bits.set(kind, (2 ** count - 1) * 2 ** first);
    first += count;
  }
  return bits;
})();

/** The secret-bearing actions of `kind` an `Allow` statement grants (as `allowsAction`), in list order. */
function reachingActions(statement: PolicyStatement, kind: SecretKind, allowed?: number): string[] {
  const mask = (allowed ?? SECRET_BEARING.allowedMask(statement)) & (KIND_BITS.get(kind) as number);
  // The shared empty list, not a new one per statement and kind (most grant none).
  return mask === 0 ? (NO_ACTIONS as string[]) : SECRET_BEARING.actionsOf(mask);
}

const NO_ACTIONS: readonly string[] = Object.freeze([]);

const NOTHING_GRANTED: { actions: string[]; reaching: string[]; resources: string[] } = Object.freeze({
  actions: [],
  reaching: [],
  resources: [],
}) as never;

function grantsOfStatement(
  statement: PolicyStatement,
  kind: SecretKind,
  allowed: number,
): { actions: string[]; reaching: string[]; resources: string[] } {
  const spec = AWS_SECRET_KINDS[kind];
  const reaching = reachingActions(statement, kind, allowed);
  if (reaching.length === 0) return NOTHING_GRANTED;
  const subtrees =
    (kind === "ssm-parameter" && reaching.includes("ssm:GetParametersByPath")) ||
    (kind === "s3-object" && reaching.includes("s3:PutBucketPolicy"));
  // One pass, no intermediate lists: written resources in order, each followed by its subtree.
  const resources: string[] = [];
  const written = effectiveResources(statement);
  for (let r = 0; r < written.length; r++) {
    const resource = comparableResource(written[r]);
    if (mayBeOfKind(resource, kind, spec)) resources.push(resource);
    if (!subtrees || resource.endsWith("*")) continue;
    const subtree = subtreeOf(resource);
    if (mayBeOfKind(subtree, kind, spec)) resources.push(subtree);
  }
  if (resources.length === 0) return NOTHING_GRANTED;
  return { actions: grantingPatterns(statement, reaching), reaching, resources };
}

export function awsSecretReachOf(
  identity: Identity,
  directory: PrincipalDirectory,
  graph: IdentityGraph,
): AwsSecretReach {
  const grants: AwsSecretGrant[] = [];
  const unknownReasons: string[] = [];
  // Made at the first grant: most identities' statements grant no secret.
  let seen: Set<string> | undefined;
  const allHeld = directory.awsPoliciesOf(identity);
  // Boundaries are read only for a grant (most identities' statements grant no secret).
  let boundaries: Map<string, ReturnType<typeof boundaryDocumentOf>> | undefined;
  const applies = denyAppliesTo(identity, graph);
  const boundaryOf = (address: string, actions: readonly string[]) =>
    boundaryNarrowing(
      (boundaries ??= new Map(
        identity.awsRoles.map((role) => [role.location.address, boundaryDocumentOf(role, graph)]),
      )).get(address),
      actions,
      (statement) =>
        applies(
          statement,
          identity.awsRoles.find((role) => role.location.address === address)?.location.stack,
        ),
    );
  // Indexed loops: `for...of` allocates per element before V8 optimizes this (once per identity).
  for (let h = 0; h < allHeld.length; h++) {
    const held = allHeld[h];
    const { policy } = held;
    if (isUnknown(policy.document)) {
      if (isAwsManaged(policy)) {
        const name = awsManagedPolicyName(policy);
        const managedKinds = (name && MANAGED_SECRET_REACH.get(name)) || [];
        for (let k = 0; k < managedKinds.length; k++) {
          const kind = managedKinds[k];
          grants.push({
            kind,
            resource: "*",
            actions: [`AWS-managed ${name}`],
            held,
            stack: policy.location.stack,
            narrowing: combineNarrowing(
              denyNarrowing(allHeld, secretBearingActionsOf(kind), applies),
              boundaryOf(held.principal.address, secretBearingActionsOf(kind)),
              markedConfinement(kind, graph),
            ),
            pins: new Map(),
          });
        }
      } else {
        unknownReasons.push(
          `policy ${describePolicy(policy.location, policy.name)} is unknown (${policy.document.reason})`,
        );
      }
      continue;
    }
    const statements = policy.document.statements;
    for (let s = 0; s < statements.length; s++) {
      const statement = statements[s];
      const unknownActions = unknownAllowedActions(statement);
      if (unknownActions.length > 0)
        unknownReasons.push(
          `policy ${describePolicy(policy.location, policy.name)} allows ${unknownActions.map(quote).join(", ")}, which is not known statically`,
        );
      const allowed = SECRET_BEARING.allowedMask(statement);
      if (allowed === 0) continue;
      // Indexed: this runs per statement, unoptimized, where each iterator step allocates.
      for (let k = 0; k < ALL_KINDS.length; k++) {
        const kind = ALL_KINDS[k];
        const marked = markedPatterns(kind, graph);
        // Nothing is marked: no resource of this kind is secret-bearing (mayBeMarked is false).
        if (marked?.length === 0) continue;
        const { actions, reaching, resources } = grantsOfStatement(statement, kind, allowed);
        if (resources.length === 0) continue;
        // Read only when some resource is kept (most S3 grants are outside every marked bucket).
        let narrowing: Narrowing | undefined;
        let pins: ResourcePins | undefined;
        for (let r = 0; r < resources.length; r++) {
          const written = resources[r];
          const resource = canonicalResource(written, policy.location.stack, graph);
          if (marked && !mayBeMarked(resource, policy.location.stack, marked, graph)) continue;
          // eslint-disable-next-line no-restricted-syntax -- a comparison key, never shown
          const dedupe = `${policy.location.stack ?? ""}\u0000${policy.location.address}\u0000${kind}\u0000${resource}\u0000${JSON.stringify(statement.conditions)}`;
          if (seen === undefined) seen = new Set();
          else if (seen.has(dedupe)) continue;
          seen.add(dedupe);
          narrowing ??= combineNarrowing(
            denyNarrowing(allHeld, reaching, applies),
            {
              excluded: statement.notResources.map((r) =>
                hasInterpolation(r) ? r : widenPolicyVariables(r),
              ),
              confinedTo: [],
            },
            boundaryOf(held.principal.address, reaching),
            markedConfinement(kind, graph),
          );
          pins ??= resourcePinsOf(statement.conditions);
          grants.push({
            kind,
            resource,
            actions,
            held,
            stack: policy.location.stack,
            narrowing: canonicalNarrowing(
              combineNarrowing(narrowing, resourceDenies(identity, reaching, applies, graph)),
              policy.location.stack,
              graph,
            ),
            pins,
          });
        }
      }
    }
  }
  grants.push(...resourcePolicyGrantsOf(identity, allHeld, applies, boundaryOf, graph));
  return { grants, unknownReasons };
}

/** Whether a conditioned Deny certainly applies to the identity (aws-principal-conditions.ts). */
function denyAppliesTo(identity: Identity, graph: IdentityGraph): DenyApplies {
  return (statement, stack) => conditionsCertainlyHold(statement.conditions, identity, stack, graph);
}

function canonicalNarrowing(
  narrowing: Narrowing,
  stack: string | undefined,
  graph: IdentityGraph,
): Narrowing {
  return {
    excluded: narrowing.excluded.map((resource) => canonicalResource(resource, stack, graph)),
    confinedTo: narrowing.confinedTo,
  };
}

/** Secret kinds of the resources a resource policy can govern. */
const GOVERNED_KIND = lookupTable<SecretKind>({
  aws_secretsmanager_secret: "secretsmanager-secret",
  aws_kms_key: "kms-key",
  aws_s3_bucket: "s3-object",
});

/**
 * For a kind that is secret-bearing only where marked (S3 objects), the patterns of the marked
 * resources, widened for comparison (a bucket ARN and its objects `ARN/*`); undefined for the other
 * kinds. Computed once per graph.
 */
const MARKED_PATTERNS = new AnalysisMemo<IdentityGraph, readonly string[]>();

function markedPatterns(kind: SecretKind, graph: IdentityGraph): readonly string[] | undefined {
  if (!AWS_SECRET_KINDS[kind].onlyWhenMarked) return undefined;
  let patterns = MARKED_PATTERNS.get(graph);
  if (!patterns) {
    patterns = (graph.secretBuckets ?? []).flatMap(({ resource }) => {
      const wide = resource.replace(/\$\{[^}]*\}/g, "*");
      return [wide, `${wide}/*`];
    });
    MARKED_PATTERNS.set(graph, patterns);
  }
  return patterns;
}

/** Confines a grant of a kind secret-bearing only where marked to the marked resources. */
function markedConfinement(kind: SecretKind, graph: IdentityGraph): Narrowing | undefined {
  const marked = markedPatterns(kind, graph);
  return marked && { excluded: [], confinedTo: [marked] };
}

/**
 * True when a (canonical) resource may lie in a marked resource: a reference to a bucket of the
 * inputs only when that bucket is marked, anything else when its pattern meets a marked one.
 */
function mayBeMarked(
  resource: string,
  stack: string | undefined,
  marked: readonly string[],
  graph: IdentityGraph,
): boolean {
  const bucket = /^(\$\{aws_s3_bucket\.[^}]+\.arn\})/.exec(resource)?.[1];
  if (bucket !== undefined)
    return (graph.secretBuckets ?? []).some(
      (entry) => entry.resource === bucket && (entry.location.stack ?? "") === (stack ?? ""),
    );
  const wide = resource.replace(/\$\{[^}]*\}/g, "*");
  return marked.some((pattern) => arnPatternsOverlap(wide, pattern));
}

interface ResourceStatement {
  readonly policy: AwsPolicy;
  readonly statement: PolicyStatement;
  readonly kind: SecretKind;
  readonly resource: string;
}

/** A resource-policy Deny; one naming everyone (`*`, or NotPrincipal) may spare some identities. */
interface ResourceDeny extends ResourceStatement {
  readonly except?: ReadonlySet<Identity>;
}

/**
 * A resource policy on a secret-bearing resource that may grant it to any identity: its document
 * is unknown, or an Allow names principals that cannot be resolved (fails closed in WI302).
 */
export interface UnresolvedResourceGrant {
  readonly policy: AwsPolicy;
  readonly kind: SecretKind;
  readonly resource: string;
  /** Follows "Resource policy X on RESOURCE" in a sentence (holds quoted untrusted text). */
  readonly reason: string;
}

interface ResourcePolicyIndex {
  /** Allow statements of resource policies on secret-bearing resources, by the identity they name. */
  readonly allows: Map<Identity, ResourceStatement[]>;
  /** Deny statements of such policies, by the identity they name (or everyone). */
  readonly denies: Map<Identity | "everyone", ResourceDeny[]>;
  readonly unresolved: UnresolvedResourceGrant[];
}

const RESOURCE_POLICY_INDEXES = new AnalysisMemo<IdentityGraph, ResourcePolicyIndex>();

/**
 * Resource-based policies (Secrets Manager secret policies, KMS key policies and grants) indexed
 * by the identities their statements name. Within one account a resource policy naming a
 * principal is enough on its own; naming an account delegates to that account's identity
 * policies (counted there), and a cross-account principal also needs its own identity policy
 * (counted there) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
 */
function resourcePolicyIndex(graph: IdentityGraph): ResourcePolicyIndex {
  let index = RESOURCE_POLICY_INDEXES.get(graph);
  if (index) return index;
  index = { allows: new Map(), denies: new Map(), unresolved: [] };
  for (const policy of graph.awsPolicies) {
    if (policy.kind !== "resource-policy" || !policy.governs) continue;
    const kind = GOVERNED_KIND.get(policy.governs.type);
    if (!kind) continue;
    const stack = policy.location.stack;
    const resource = canonicalResource(policy.governs.resource, stack, graph);
    const marked = markedPatterns(kind, graph);
    if (marked && !mayBeMarked(resource, stack, marked, graph)) continue;
    if (isUnknown(policy.document)) {
      // An unknown resource policy may grant the resource to anyone: never a silent pass.
      index.unresolved.push({ policy, kind, resource, reason: `is not known (${policy.document.reason})` });
      continue;
    }
    const resourceAccount = accountOf(resource);
    for (const statement of policy.document.statements) {
      // A bucket policy names the objects it governs in `Resource`; a secret or key policy governs
      // its own resource (`Resource: *`).
      const resources = marked
        ? effectiveResources(statement).map((written) =>
            canonicalResource(comparableResource(written), stack, graph),
          )
        : [resource];
      const entries = resources.map((one): ResourceStatement => ({ policy, statement, kind, resource: one }));
      if (statement.effect === "Deny") {
        for (const entry of entries) indexDeny(index, entry, graph);
        continue;
      }
      const named = principalsOfStatement(statement, stack, graph);
      const unknownActions = unknownAllowedActions(statement);
      if (unknownActions.length > 0)
        index.unresolved.push({
          policy,
          kind,
          resource,
          reason: `allows ${unknownActions.map(quote).join(", ")}, which is not known statically`,
        });
      const reaching = reachingActions(statement, kind);
      if (reaching.length === 0) continue;
      // A principal that cannot be resolved may be any identity: never a silent pass.
      if (named.unresolved.length > 0)
        index.unresolved.push({
          policy,
          kind,
          resource,
          reason:
            `allows ${reaching.map(quote).join(", ")} to ${named.unresolved.map(quote).join(", ")}, ` +
            "which cannot be resolved to a principal of the inputs",
        });
      const targets = named.everyone ? graph.identities : [...named.identities];
      for (const identity of targets) {
        const accounts = identity.awsRoles.map((role) => accountOf(role.arn));
        // A principal known to be in another account also needs its identity policy (counted there).
        if (
          resourceAccount &&
          accounts.length > 0 &&
          accounts.every((a) => a !== undefined && a !== resourceAccount)
        )
          continue;
        if (identity.awsRoles.length === 0 && identity.awsUsers.length === 0) continue;
        for (const entry of entries) pushTo(index.allows, identity, entry);
      }
    }
  }
  RESOURCE_POLICY_INDEXES.set(graph, index);
  return index;
}

/**
 * Indexes a resource-policy Deny by whom it names. With `NotPrincipal` it applies to everyone but
 * the listed principals; when those cannot all be resolved to identities of the inputs (an
 * account, a reference to something unknown) it is not known whom it spares and subtracts nothing
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
 */
function indexDeny(index: ResourcePolicyIndex, entry: ResourceStatement, graph: IdentityGraph): void {
  const { statement, policy } = entry;
  if (statement.notPrincipals.length > 0) {
    const spared = notPrincipalsOfStatement(statement, policy.location.stack, graph);
    if (spared.everyone || spared.accounts.length > 0 || spared.unresolved.length > 0) return;
    pushTo(index.denies, "everyone", { ...entry, except: spared.identities });
    return;
  }
  const named = principalsOfStatement(statement, policy.location.stack, graph);
  if (named.everyone) pushTo(index.denies, "everyone", entry);
  for (const identity of named.identities) pushTo(index.denies, identity, entry);
}

/** Resource-policy Allows whose principals cannot be resolved (see resourcePolicyIndex). */
export function unresolvedResourceGrants(graph: IdentityGraph): readonly UnresolvedResourceGrant[] {
  return resourcePolicyIndex(graph).unresolved;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The resources whose resource policy explicitly denies the identity all of `actions` (a
 * conditioned Deny only when its condition certainly holds for the identity).
 */
function resourceDenies(
  identity: Identity,
  actions: readonly string[],
  applies: DenyApplies,
  graph: IdentityGraph,
): Narrowing {
  const index = resourcePolicyIndex(graph);
  const denies = [...(index.denies.get(identity) ?? []), ...(index.denies.get("everyone") ?? [])];
  return {
    excluded: denies
      .filter(
        ({ statement, policy, except }) =>
          !except?.has(identity) &&
          actions.length > 0 &&
          actions.every((action) => namesAction(statement, action)) &&
          (statement.conditions.length === 0 || applies(statement, policy.location.stack)),
      )
      .map(({ resource }) => resource),
    confinedTo: [],
  };
}

/**
 * What the identity reaches through resource policies that name it. A role's permissions boundary
 * still caps a grant made to the role's ARN (the boundaries page: "an implicit deny in a
 * permissions boundary does limit the permissions granted to the ARN of the underlying IAM role");
 * explicit Denies of its identity policies apply as everywhere.
 */
function resourcePolicyGrantsOf(
  identity: Identity,
  allHeld: readonly HeldAwsPolicy[],
  applies: DenyApplies,
  boundaryOf: (address: string, actions: readonly string[]) => Narrowing | undefined,
  graph: IdentityGraph,
): AwsSecretGrant[] {
  const grants: AwsSecretGrant[] = [];
  const principal = identity.awsRoles[0]?.location ?? identity.awsUsers[0]?.location ?? identity.location;
  const allowing = resourcePolicyIndex(graph).allows.get(identity);
  if (allowing === undefined) return grants;
  // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
  for (let a = 0; a < allowing.length; a++) {
    const { policy, statement, kind, resource } = allowing[a];
    const reaching = reachingActions(statement, kind);
    if (reaching.length === 0) continue;
    const actions = grantingPatterns(statement, reaching);
    const narrowing = combineNarrowing(
      denyNarrowing(allHeld, reaching, applies),
      resourceDenies(identity, reaching, applies, graph),
      boundaryOf(identity.awsRoles[0]?.location.address ?? "", reaching),
      markedConfinement(kind, graph),
    );
    grants.push({
      kind,
      resource,
      actions: actions.map((action) => `${action} (resource policy)`),
      held: { policy, principal },
      stack: policy.location.stack,
      narrowing: canonicalNarrowing(narrowing, policy.location.stack, graph),
      pins: resourcePinsOf(statement.conditions),
    });
  }
  return grants;
}

function describePolicy(location: SourceLocation, name: unknown): string {
  return quote(typeof name === "string" ? name : location.address);
}
