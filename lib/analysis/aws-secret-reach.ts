/**
 * The secret-bearing AWS resources an identity reaches through its permission policies: the kinds
 * and actions of lib/model/secret-material (AWS_SECRET_KINDS, reads and writes).
 *
 * Approximation (over-approximates reach): only `Allow` statements count, conditions are ignored,
 * `NotAction` grants every action it does not exclude, `NotResource` counts as `*`, and a `Deny`
 * statement does not subtract reach.
 */
import { widenPolicyVariables } from "../pattern/glob";
import type { Identity } from "../model/graph";
import type { PolicyStatement } from "../model/iam-policy";
import type { SourceLocation } from "../model/location";
import type { SecretKind } from "../model/secret-material";
import { AWS_SECRET_KINDS, SECRET_KINDS_IN_ORDER, secretBearingActionsOf } from "../model/secret-material";
import { hasInterpolation, isUnknown } from "../model/unknown";
import type { HeldAwsPolicy, PrincipalDirectory } from "./principal-directory";
import { awsManagedPolicyName, isAwsManaged } from "./principal-directory";
import {
  actionPatternMatches,
  actionPatternsGranting,
  allowsAction,
  effectiveResources,
} from "./statement-actions";

const ALL_KINDS = SECRET_KINDS_IN_ORDER;

/**
 * AWS-managed policies whose content is not in the inputs but which are known to reach secrets on
 * every resource. Other AWS-managed policies are judged by name in WI508 and not evaluated here.
 */
const MANAGED_SECRET_REACH: Readonly<Record<string, readonly SecretKind[]>> = {
  AdministratorAccess: ALL_KINDS,
  PowerUserAccess: ALL_KINDS,
  SecretsManagerReadWrite: ["secretsmanager-secret"],
  AmazonSSMFullAccess: ["ssm-parameter"],
  AmazonSSMReadOnlyAccess: ["ssm-parameter"],
};

export interface AwsSecretGrant {
  readonly kind: SecretKind;
  /** The Resource as written. */
  readonly resource: string;
  /** The actions of the statement that reach this kind (for messages). */
  readonly actions: readonly string[];
  readonly held: HeldAwsPolicy;
  readonly stack?: string;
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

function grantsOfStatement(
  statement: PolicyStatement,
  kind: SecretKind,
): { actions: string[]; resources: string[] } {
  const spec = AWS_SECRET_KINDS[kind];
  const reaching = secretBearingActionsOf(kind).filter((action) => allowsAction(statement, action));
  if (reaching.length === 0) return { actions: [], resources: [] };
  const actions =
    statement.notActions.length > 0
      ? [`NotAction ${JSON.stringify(statement.notActions)}`]
      : [...new Set(reaching.flatMap((action) => actionPatternsGranting(statement, action)))];
  // IAM policy variables (`${aws:username}`) take their value per request: compare them as `*`,
  // so a per-caller grant is never mistaken for a disjoint one.
  const resources = effectiveResources(statement)
    .map((resource) => (hasInterpolation(resource) ? resource : widenPolicyVariables(resource)))
    .filter((resource) => {
      if (!hasInterpolation(resource)) return resourceMayBeOfService(resource, spec.service);
      // A reference to another kind of Terraform resource (a bucket next to a secret) is not this kind.
      const type = /^\$\{(?:data\.)?aws_([a-z0-9_]+)\./.exec(resource);
      if (type) return spec.referenceTypes.test(type[1]);
      return resourceMayBeOfService(resource.replace(/\$\{[^}]*\}/g, "*"), spec.service);
    });
  return { actions, resources };
}

export function awsSecretReachOf(identity: Identity, directory: PrincipalDirectory): AwsSecretReach {
  const grants: AwsSecretGrant[] = [];
  const unknownReasons: string[] = [];
  const seen = new Set<string>();
  for (const held of directory.awsPoliciesOf(identity)) {
    const { policy } = held;
    const label = describePolicy(policy.location, policy.name);
    if (isUnknown(policy.document)) {
      if (isAwsManaged(policy)) {
        const name = awsManagedPolicyName(policy);
        for (const kind of (name && MANAGED_SECRET_REACH[name]) || []) {
          grants.push({
            kind,
            resource: "*",
            actions: [`AWS-managed ${name}`],
            held,
            stack: policy.location.stack,
          });
        }
      } else {
        unknownReasons.push(`policy ${label} is unknown (${policy.document.reason})`);
      }
      continue;
    }
    for (const statement of policy.document.statements) {
      for (const kind of ALL_KINDS) {
        const { actions, resources } = grantsOfStatement(statement, kind);
        for (const resource of resources) {
          const dedupe = `${policy.location.stack ?? ""}\u0000${policy.location.address}\u0000${kind}\u0000${resource}`;
          if (seen.has(dedupe)) continue;
          seen.add(dedupe);
          grants.push({ kind, resource, actions, held, stack: policy.location.stack });
        }
      }
    }
  }
  return { grants, unknownReasons };
}

function describePolicy(location: SourceLocation, name: unknown): string {
  return JSON.stringify(typeof name === "string" ? name : location.address);
}
