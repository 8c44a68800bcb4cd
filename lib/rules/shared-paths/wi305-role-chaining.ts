import type { RuleResult } from "../../model/finding";
import type { AwsRole, Identity, IdentityGraph } from "../../model/graph";
import type { PolicyDocument, PolicyStatement } from "../../model/iam-policy";
import { hasInterpolation, isUnknown } from "../../model/unknown";
import { arnPatternsOverlap } from "../../pattern/arn";
import { widenPolicyVariables } from "../../pattern/glob";
import { PrefixIndex, globIgnoreCaseKey } from "../../pattern/prefix-index";
import type { Rule } from "../rule";
import { quoteIdentity, unknownIdentityResult } from "../../analysis/identity-pairs";
import { reverse, reversedKey } from "../../analysis/overlapping-pairs";
import type { HeldAwsPolicy } from "../../analysis/principal-directory";
import { PrincipalDirectory } from "../../analysis/principal-directory";
import { actionPatternsGranting, allowsAction, effectiveResources } from "../../analysis/statement-actions";

/** The only chaining call an identity policy authorises (web-identity and SAML calls are not). */
const ASSUME_ROLE = "sts:AssumeRole";

interface RoleTarget {
  readonly identity: Identity;
  readonly role: AwsRole;
  /** The role's ARN, or `arn:aws:iam::*:role/PATH/NAME` when only the name is known. */
  readonly arnPattern?: string;
}

interface AssumeGrant {
  readonly identity: Identity;
  readonly held: HeldAwsPolicy;
  readonly resource: string;
  readonly actions: readonly string[];
}

/**
 * True when the role's trust policy lets some AWS principal call sts:AssumeRole (an unknown trust
 * counts). A role trusting only an OIDC provider or a service cannot be chained into, whatever the
 * caller's permissions say, so it is not reported.
 */
function admitsChaining(trust: AwsRole["trust"]): boolean {
  if (isUnknown(trust)) return true;
  return (trust as PolicyDocument).statements.some(
    (statement) =>
      allowsAction(statement, ASSUME_ROLE) &&
      (statement.notPrincipals.length > 0 ||
        statement.principals.some((principal) => principal.type === "AWS" || principal.type === "*")),
  );
}

function roleArnPattern(role: AwsRole): string | undefined {
  if (typeof role.arn === "string" && !hasInterpolation(role.arn)) return role.arn;
  if (typeof role.name !== "string" || hasInterpolation(role.name)) return undefined;
  const path = role.path && !hasInterpolation(role.path) ? role.path : "/";
  return `arn:aws:iam::*:role${path.startsWith("/") ? "" : "/"}${path}${path.endsWith("/") ? "" : "/"}${role.name}`;
}

/**
 * The statement's resources as compared with role ARNs: an IAM policy variable (`${aws:username}`)
 * takes a value per request, so it is compared as `*` (Terraform references are kept as written).
 */
function comparableResources(statement: PolicyStatement): string[] {
  return effectiveResources(statement).map((resource) =>
    hasInterpolation(resource) ? resource : widenPolicyVariables(resource),
  );
}

/** `${aws_iam_role.x.arn}` -> `aws_iam_role.x`. */
function referencedAddress(resource: string): string | undefined {
  return /^\$\{([^}]+)\.arn\}$/.exec(resource)?.[1];
}

function addressKey(stack: string | undefined, address: string): string {
  return `${stack ?? ""}\u0000${address}`;
}

/**
 * Every (assumer, target role) pair where the assumer's policy allows sts:AssumeRole on a resource
 * matching the target's ARN and the target's trust admits AWS principals. Targets are indexed by
 * the literal suffix of their ARN (the role name), so each grant is compared only with the roles it
 * can name. Grants whose resource cannot be resolved make the assumer "unknown — needs review",
 * but only when some other identity's role admits chaining at all.
 */
export function roleChains(graph: IdentityGraph): {
  chains: Array<{ grant: AssumeGrant; target: RoleTarget }>;
  unknown: Map<Identity, string[]>;
} {
  const directory = PrincipalDirectory.of(graph);
  const targets: RoleTarget[] = [];
  for (const identity of graph.identities) {
    for (const role of identity.awsRoles) {
      if (admitsChaining(role.trust)) targets.push({ identity, role, arnPattern: roleArnPattern(role) });
    }
  }
  const byArn = new PrefixIndex<RoleTarget>(reversedKey(globIgnoreCaseKey));
  const byAddress = new Map<string, RoleTarget>();
  const unnamed: RoleTarget[] = [];
  const chainingOwners = new Set<string>();
  for (const target of targets) {
    if (target.arnPattern) byArn.insert(reverse(target.arnPattern), target);
    else unnamed.push(target);
    byAddress.set(addressKey(target.role.location.stack, target.role.location.address), target);
    chainingOwners.add(target.identity.id);
  }

  const chains: Array<{ grant: AssumeGrant; target: RoleTarget }> = [];
  const unknown = new Map<Identity, string[]>();
  const markUnknown = (identity: Identity, reason: string) =>
    unknown.set(identity, [...(unknown.get(identity) ?? []), reason]);

  for (const identity of graph.identities) {
    const othersChainable =
      chainingOwners.size > 1 || (chainingOwners.size === 1 && !chainingOwners.has(identity.id));
    if (!othersChainable) continue;
    for (const held of directory.awsPoliciesOf(identity)) {
      const { policy } = held;
      if (isUnknown(policy.document)) {
        // AWS-managed policies are judged by name (WI508); their content is not in the inputs.
        if (policy.kind !== "aws-managed") {
          markUnknown(
            identity,
            `policy ${JSON.stringify(policy.location.address)} is unknown (${policy.document.reason})`,
          );
        }
        continue;
      }
      for (const statement of policy.document.statements) {
        if (!allowsAction(statement, ASSUME_ROLE)) continue;
        const actions =
          statement.notActions.length > 0
            ? [`NotAction ${JSON.stringify(statement.notActions)}`]
            : actionPatternsGranting(statement, ASSUME_ROLE);
        for (const resource of comparableResources(statement)) {
          const grant: AssumeGrant = { identity, held, resource, actions };
          for (const target of resolveTargets(grant, { byArn, byAddress, unnamed }, markUnknown)) {
            if (target.identity.id !== identity.id) chains.push({ grant, target });
          }
        }
      }
    }
  }
  return { chains, unknown };
}

interface TargetIndex {
  readonly byArn: PrefixIndex<RoleTarget>;
  readonly byAddress: Map<string, RoleTarget>;
  /** Chainable roles whose name and ARN are known only after apply. */
  readonly unnamed: readonly RoleTarget[];
}

function resolveTargets(
  grant: AssumeGrant,
  index: TargetIndex,
  markUnknown: (identity: Identity, reason: string) => void,
): RoleTarget[] {
  const { resource, identity } = grant;
  if (!hasInterpolation(resource)) {
    const named = index.byArn
      .candidates(reverse(resource))
      .filter((target) => target.arnPattern !== undefined && arnPatternsOverlap(resource, target.arnPattern));
    const others = index.unnamed.filter((target) => target.identity.id !== identity.id);
    if (others.length === 0) return named;
    if (/^\*+$/.test(resource)) return [...named, ...others];
    if (arnPatternsOverlap(resource, "arn:aws:iam::*:role/*")) {
      markUnknown(
        identity,
        `sts:AssumeRole resource ${JSON.stringify(resource)} may match a role whose name is known only after apply`,
      );
    }
    return named;
  }
  const address = referencedAddress(resource);
  if (address !== undefined) {
    const target = index.byAddress.get(addressKey(grant.held.policy.location.stack, address));
    if (target) return [target];
    // A reference to a role that admits no chaining (or is not an identity's role) reaches no identity.
    if (/^aws_iam_role\./.test(address)) return [];
  }
  markUnknown(identity, `sts:AssumeRole resource ${JSON.stringify(resource)} is known only after apply`);
  return [];
}

/** A role named exactly (no wildcard after `:role/`; the account may be `*`). */
function namesOneRole(resource: string): boolean {
  const at = resource.indexOf(":role/");
  return at >= 0 && !/[*?]/.test(resource.slice(at + ":role/".length));
}

/**
 * Grants of sts:AssumeRole that name another identity's role exactly while that role's trust admits
 * no AWS principal (it trusts only its OIDC provider or a service). The hop fails today, but the
 * permission is latent: widening the target's trust later turns it into a chain nobody reviews then.
 */
export function latentRoleGrants(graph: IdentityGraph): Array<{ grant: AssumeGrant; target: RoleTarget }> {
  const byArn = new PrefixIndex<RoleTarget>(reversedKey(globIgnoreCaseKey));
  const byAddress = new Map<string, RoleTarget>();
  for (const identity of graph.identities) {
    for (const role of identity.awsRoles) {
      if (admitsChaining(role.trust)) continue;
      const target = { identity, role, arnPattern: roleArnPattern(role) };
      if (target.arnPattern) byArn.insert(reverse(target.arnPattern), target);
      byAddress.set(addressKey(role.location.stack, role.location.address), target);
    }
  }
  if (byAddress.size === 0) return [];
  const latent: Array<{ grant: AssumeGrant; target: RoleTarget }> = [];
  const directory = PrincipalDirectory.of(graph);
  for (const identity of graph.identities) {
    for (const held of directory.awsPoliciesOf(identity)) {
      if (isUnknown(held.policy.document)) continue;
      for (const statement of held.policy.document.statements) {
        if (statement.notActions.length > 0 || !allowsAction(statement, ASSUME_ROLE)) continue;
        const actions = actionPatternsGranting(statement, ASSUME_ROLE);
        for (const resource of comparableResources(statement)) {
          const address = referencedAddress(resource);
          const targets =
            address !== undefined
              ? [byAddress.get(addressKey(held.policy.location.stack, address))].filter(
                  (t) => t !== undefined,
                )
              : !hasInterpolation(resource) && namesOneRole(resource)
                ? byArn
                    .candidates(reverse(resource))
                    .filter((t) => t.arnPattern !== undefined && arnPatternsOverlap(resource, t.arnPattern))
                : [];
          for (const target of targets) {
            if (target.identity.id !== identity.id)
              latent.push({ grant: { identity, held, resource, actions }, target });
          }
        }
      }
    }
  }
  return latent;
}

export const WI305_ROLE_CHAINING: Rule = {
  id: "WI305",
  title: "An identity can assume another identity's role",
  severity: "error",
  rationale:
    "sts:AssumeRole lets one workload become another: a compromise of the first yields the second's " +
    "credentials and permissions, and CloudTrail attributes the actions to the second role (role chaining).",
  fix:
    "Remove sts:AssumeRole on the other identity's role (and any sts:AssumeRole on `*`), or restrict the " +
    "target role's trust policy to the principals that must assume it (a grant on a role that trusts only " +
    "its OIDC provider is reported as a latent warning); if the chaining is intended, record " +
    "an approved suppression for WI305 (reason, approver, expiry) on both identities.",
  owasp: ["NHI9", "NHI5"],
  check({ graph }) {
    const { chains, unknown } = roleChains(graph);
    const results: RuleResult[] = [];
    for (const { grant, target } of chains) {
      const arn = target.arnPattern ?? target.role.location.address;
      const via = grant.actions.map((action) => JSON.stringify(action)).join(", ");
      results.push({
        message:
          `Identity ${quoteIdentity(grant.identity)} can assume role ${JSON.stringify(arn)} of identity ` +
          `${quoteIdentity(target.identity)} through ${via} on ${JSON.stringify(grant.resource)}.`,
        location: grant.held.policy.location,
        related: [target.role.location],
        identityIds: [grant.identity.id, target.identity.id],
        key: JSON.stringify([grant.resource, target.role.location.stack ?? "", target.role.location.address]),
      });
    }
    for (const { grant, target } of latentRoleGrants(graph)) {
      const arn = target.arnPattern ?? target.role.location.address;
      results.push({
        message:
          `Identity ${quoteIdentity(grant.identity)} is granted sts:AssumeRole on role ${JSON.stringify(arn)} of identity ` +
          `${quoteIdentity(target.identity)}, whose trust admits no AWS principal today: the grant is latent and ` +
          `becomes a chain as soon as that trust is widened.`,
        location: grant.held.policy.location,
        related: [target.role.location],
        identityIds: [grant.identity.id, target.identity.id],
        severity: "warning",
        key: JSON.stringify([
          "latent",
          grant.resource,
          target.role.location.stack ?? "",
          target.role.location.address,
        ]),
      });
    }
    for (const [identity, reasons] of unknown)
      results.push(unknownIdentityResult(identity, "sts:AssumeRole grants", reasons));
    return results;
  },
};
