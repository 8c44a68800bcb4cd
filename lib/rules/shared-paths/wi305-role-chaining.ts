import type { RuleResult } from "../../model/finding";
import type { Identity, IdentityGraph } from "../../model/graph";
import type { PolicyStatement } from "../../model/iam-policy";
import { hasInterpolation, isUnknown } from "../../model/unknown";
import { widenPolicyVariables } from "../../pattern/glob";
import type { Rule } from "../rule";
import type { BecomeEdge, RoleGrant, RoleTarget } from "../../analysis/aws-role-reach";
import {
  ASSUME_ROLE,
  addressKey,
  admitsChaining,
  assumeGraph,
  canBecome,
  referencedAddress,
  RoleArnIndex,
} from "../../analysis/aws-role-reach";
import { roleArnPattern } from "../../analysis/aws-principal-match";
import { quoteIdentity, unknownIdentityResult } from "../../analysis/identity-pairs";
import { edgesByGrant, mergedGrants } from "../../analysis/grant-edges";
import { compareIds, groupLocations, identitiesOf, quoteIdentityList } from "../../analysis/shared-groups";
import { PrincipalDirectory } from "../../analysis/principal-directory";
import { actionPatternsGranting, allowsAction, effectiveResources } from "../../analysis/statement-actions";
import { quote } from "../../analysis/quote";

/**
 * The direct edges of the assume graph by which one identity becomes another: sts:AssumeRole
 * allowed by the caller and admitted by the target's trust, or a trust policy naming the caller in
 * the same account. Unresolvable grants make the caller "unknown — needs review".
 */
export function roleChains(graph: IdentityGraph): {
  chains: BecomeEdge[];
  unknown: ReadonlyMap<Identity, string[]>;
} {
  const { edges, unknown } = assumeGraph(graph);
  return {
    chains: edges.filter((edge) => edge.reason === "assume-role" || edge.reason === "trust-names"),
    unknown,
  };
}

/** The statement's resources with IAM policy variables widened (references kept as written). */
function comparableResources(statement: PolicyStatement): string[] {
  return effectiveResources(statement).map((resource) =>
    hasInterpolation(resource) ? resource : widenPolicyVariables(resource),
  );
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
export function latentRoleGrants(graph: IdentityGraph): Array<{ grant: RoleGrant; target: RoleTarget }> {
  const byArn = new RoleArnIndex();
  const byAddress = new Map<string, RoleTarget>();
  // Indexed loops over identities, roles, policies and statements: before V8 optimizes this,
  // `for...of` allocates per element.
  const identities = graph.identities;
  for (let i = 0; i < identities.length; i++) {
    const identity = identities[i];
    for (let r = 0; r < identity.awsRoles.length; r++) {
      const role = identity.awsRoles[r];
      if (admitsChaining(role.trust)) continue;
      const target = { identity, role, arnPattern: roleArnPattern(role) };
      byArn.add(target);
      byAddress.set(addressKey(role.location.stack, role.location.address), target);
    }
  }
  if (byAddress.size === 0) return [];
  const latent: Array<{ grant: RoleGrant; target: RoleTarget }> = [];
  const directory = PrincipalDirectory.of(graph);
  for (let i = 0; i < identities.length; i++) {
    const identity = identities[i];
    const allHeld = directory.awsPoliciesOf(identity);
    for (let h = 0; h < allHeld.length; h++) {
      const held = allHeld[h];
      if (isUnknown(held.policy.document)) continue;
      const statements = held.policy.document.statements;
      for (let s = 0; s < statements.length; s++) {
        const statement = statements[s];
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
                ? byArn.overlapping(resource)
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

function byTargetId<T extends { readonly target: RoleTarget }>(a: T, b: T): number {
  return (
    compareIds(a.target.identity.id, b.target.identity.id) ||
    compareIds(a.target.role.location.address, b.target.role.location.address)
  );
}

/** Grants of sts:AssumeRole and every role of another identity each can assume through them. */
function grantResult(group: BecomeEdge[]): RuleResult {
  const sources = identitiesOf(group.map((edge) => ({ identity: edge.from })));
  if (sources.length > 1) return sharedGrantResult(group, sources);
  const edges = [...group].sort(byTargetId);
  const [edge] = edges;
  const grant = edge.grant as RoleGrant;
  const via = grant.actions.map((action) => quote(action)).join(", ");
  if (edges.length === 1) {
    const { target } = edge;
    const arn = target.arnPattern ?? target.role.location.address;
    return {
      message:
        `Identity ${quoteIdentity(edge.from)} can assume role ${quote(arn)} of identity ` +
        `${quoteIdentity(target.identity)} through ${via} on ${quote(grant.resource)}.`,
      location: edge.location,
      related: [target.role.location],
      identityIds: [edge.from.id, target.identity.id],
      key: JSON.stringify([grant.resource, target.role.location.stack ?? "", target.role.location.address]),
    };
  }
  const targets = identitiesOf(edges.map((e) => ({ identity: e.target.identity })));
  return {
    message:
      `Identity ${quoteIdentity(edge.from)} can assume the roles of ${targets.length} identities through ${via} ` +
      `on ${quote(grant.resource)}: ${quoteIdentityList(targets)}.`,
    location: edge.location,
    related: edges.map((e) => e.target.role.location),
    identityIds: [edge.from.id, ...targets.map((identity) => identity.id)],
    key: JSON.stringify([grant.resource, "group"]),
  };
}

/** Identities holding alike grants, each able to assume the roles of the others of one set. */
function sharedGrantResult(group: BecomeEdge[], sources: Identity[]): RuleResult {
  const grant = group[0].grant as RoleGrant;
  const via = grant.actions.map((action) => quote(action)).join(", ");
  const everyone = identitiesOf([
    ...group.map((edge) => ({ identity: edge.target.identity })),
    ...sources.map((identity) => ({ identity })),
  ]);
  // The grants' policies and the roles they reach, each once.
  const { location, related } = groupLocations(
    [
      ...group.map((edge) => ({ identity: edge.from, at: edge.location })),
      ...group.map((edge) => ({ identity: edge.target.identity, at: edge.target.role.location })),
    ],
    (entry) => entry.at,
    "across",
  );
  const roles = everyone.length === sources.length ? "every other's role" : "the roles of the others";
  return {
    message:
      `${sources.length} identities can each assume ${roles} among ${everyone.length} identities through ${via} ` +
      `on ${quote(grant.resource)}: ${quoteIdentityList(everyone)}.`,
    location,
    related,
    identityIds: everyone.map((identity) => identity.id),
    key: JSON.stringify([grant.resource, "shared"]),
  };
}

/** One role whose trust policy names other identities, each of which can assume it. */
function trustResult(group: BecomeEdge[]): RuleResult {
  const edges = [...group].sort((a, b) => compareIds(a.from.id, b.from.id));
  const [edge] = edges;
  const { target } = edge;
  const arn = target.arnPattern ?? target.role.location.address;
  if (edges.length === 1) {
    return {
      message:
        `Role ${quote(arn)} of identity ${quoteIdentity(target.identity)} names identity ` +
        `${quoteIdentity(edge.from)} in its trust policy: in one account that alone lets it call sts:AssumeRole.`,
      location: edge.location,
      related: [edge.from.location],
      identityIds: [edge.from.id, target.identity.id],
      key: JSON.stringify([
        "trust",
        edge.from.id,
        target.role.location.stack ?? "",
        target.role.location.address,
      ]),
    };
  }
  const callers = identitiesOf(edges.map((e) => ({ identity: e.from })));
  return {
    message:
      `Role ${quote(arn)} of identity ${quoteIdentity(target.identity)} names ${callers.length} identities in its ` +
      `trust policy, each of which can call sts:AssumeRole on it in one account: ${quoteIdentityList(callers)}.`,
    location: edge.location,
    related: callers.map((identity) => identity.location),
    identityIds: [...callers.map((identity) => identity.id), target.identity.id],
    key: JSON.stringify(["trust", "group", target.role.location.stack ?? "", target.role.location.address]),
  };
}

/** One grant naming roles whose trust admits no AWS principal today. */
function latentResult(group: Array<{ grant: RoleGrant; target: RoleTarget }>): RuleResult {
  const latent = [...group].sort(byTargetId);
  const [{ grant, target }] = latent;
  const arn = target.arnPattern ?? target.role.location.address;
  const whose = latent.length === 1;
  const targets = identitiesOf(latent.map((l) => ({ identity: l.target.identity })));
  return {
    message: whose
      ? `Identity ${quoteIdentity(grant.identity)} is granted sts:AssumeRole on role ${quote(arn)} of identity ` +
        `${quoteIdentity(target.identity)}, whose trust admits no AWS principal today: the grant is latent and ` +
        `becomes a chain as soon as that trust is widened.`
      : `Identity ${quoteIdentity(grant.identity)} is granted sts:AssumeRole on ${quote(grant.resource)}, naming the ` +
        `roles of ${targets.length} identities whose trust admits no AWS principal today: the grant is latent and ` +
        `becomes a chain as soon as one of those trusts is widened: ${quoteIdentityList(targets)}.`,
    location: grant.held.policy.location,
    related: latent.map((l) => l.target.role.location),
    identityIds: [grant.identity.id, ...targets.map((identity) => identity.id)],
    severity: "warning",
    key: whose
      ? JSON.stringify([
          "latent",
          grant.resource,
          target.role.location.stack ?? "",
          target.role.location.address,
        ])
      : JSON.stringify(["latent", grant.resource, "group"]),
  };
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
  semantics: [
    "An identity can become another's role when its identity policy allows `sts:AssumeRole` on the role's ARN AND the role's trust policy admits it: names it (role, role session or user ARN, or a Terraform reference), names its account (`arn:aws:iam::ACCOUNT:root` or the bare id: the account delegates to its identity policies), or names everyone (`*`, narrowed by an `aws:PrincipalArn` condition) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html).",
    "In one account, a trust policy naming the principal directly is enough on its own, without any identity-policy Allow; across accounts (both account ids known and different) both sides are needed (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).",
    "Chains A→B→C are followed to any depth (also through WI308 access changes and roles passed to services): A can become C is reported once, and WI302 counts everything C reaches as A's reach.",
    "A role whose ARN is known only after apply is matched as `arn:aws*:iam::*:role/PATH/NAME`: its account and partition (`aws`, `aws-cn`, `aws-us-gov`, ...) may be any, so grants written for any partition are compared with it (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns).",
    "An explicit Deny removes an edge: a Deny in the target's trust naming the caller (or everyone, or everyone but principals that certainly exclude it) whose Condition certainly holds for the caller, or the caller's own Denies (that certainly apply) and permissions boundary leaving it no `sts:AssumeRole` (for WI308, none of the access-changing actions) on any ARN the role can have; a role whose ARN is known only after apply is taken to be in the `aws` partition for this test (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).",
    "An Allow whose `Action` is a Terraform value not known statically may grant sts:AssumeRole and makes the identity unknown.",
    "An unknown trust admits every caller; an unresolvable grant resource, and a trust policy naming a principal that cannot be resolved (a reference to something not in the inputs, a computed ARN), are reported as unknown, never passed.",
  ],
  check({ graph }) {
    const { chains, unknown } = roleChains(graph);
    const results: RuleResult[] = [];
    // Every direct edge is reported by its own rule (here, or WI308 for access changes).
    const direct = new Map<Identity, Set<Identity>>();
    for (const edge of assumeGraph(graph).edges) {
      const targets = direct.get(edge.from) ?? new Set<Identity>();
      targets.add(edge.target.identity);
      direct.set(edge.from, targets);
    }
    // One finding per grant, per trust naming callers, per identity becoming others through chains:
    // N roles that can all assume each other are N findings, not N(N-1). A group of one edge reads
    // and fingerprints as the pair finding it was.
    const byTrust = new Map<string, BecomeEdge[]>();
    for (const edge of chains) {
      if (edge.grant) continue;
      const location = edge.target.role.location;
      const key = JSON.stringify([
        edge.target.identity.id,
        location.file,
        location.stack ?? "",
        location.address,
      ]);
      const group = byTrust.get(key) ?? [];
      group.push(edge);
      byTrust.set(key, group);
    }
    for (const group of mergedGrants(edgesByGrant(chains))) results.push(grantResult(group));
    for (const group of byTrust.values()) results.push(trustResult(group));
    // Chains A -> B -> C: A becomes C too (reported once per identity, for what it does not reach directly).
    for (const [from, reached] of canBecome(graph)) {
      const further = [...reached]
        .filter((to) => direct.get(from)?.has(to) !== true)
        .sort((a, b) => compareIds(a.id, b.id));
      if (further.length === 0) continue;
      const [to] = further;
      results.push(
        further.length === 1
          ? {
              message:
                `Identity ${quoteIdentity(from)} can become identity ${quoteIdentity(to)} through a chain of ` +
                `roles it can assume (or whose access it can change).`,
              location: from.location,
              related: [to.location],
              identityIds: [from.id, to.id],
              key: JSON.stringify(["chain", from.id, to.id]),
            }
          : {
              message:
                `Identity ${quoteIdentity(from)} can become ${further.length} identities through chains of ` +
                `roles it can assume (or whose access it can change): ${quoteIdentityList(further)}.`,
              location: from.location,
              related: further.map((identity) => identity.location),
              identityIds: [from.id, ...further.map((identity) => identity.id)],
              key: JSON.stringify(["chain", from.id, "group"]),
            },
      );
    }
    const latentByGrant = new Map<string, Array<{ grant: RoleGrant; target: RoleTarget }>>();
    for (const latent of latentRoleGrants(graph)) {
      const { location } = latent.grant.held.policy;
      const key = JSON.stringify([
        latent.grant.identity.id,
        location.file,
        location.stack ?? "",
        location.address,
        latent.grant.resource,
      ]);
      const group = latentByGrant.get(key) ?? [];
      group.push(latent);
      latentByGrant.set(key, group);
    }
    for (const group of latentByGrant.values()) results.push(latentResult(group));
    for (const [identity, reasons] of unknown)
      results.push(unknownIdentityResult(identity, "sts:AssumeRole grants or trust", reasons));
    return results;
  },
};
