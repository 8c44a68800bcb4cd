/**
 * Edges of the assume graph grouped by the grant that makes them, so a rule reports one finding
 * per grant (naming every role it reaches) rather than one per edge, and grants of several
 * identities that read alike and reach the same identities as one: N roles that may all assume
 * or change each other's roles are one finding, not N(N-1).
 */
import type { BecomeEdge } from "./aws-role-reach";

/** Edges that come from a grant, grouped by that grant (holder, policy, resource and actions). */
export function edgesByGrant(edges: Iterable<BecomeEdge>): BecomeEdge[][] {
  const groups = new Map<string, BecomeEdge[]>();
  for (const edge of edges) {
    if (!edge.grant) continue;
    const { location } = edge;
    const key = JSON.stringify([
      edge.from.id,
      location.file,
      location.stack ?? "",
      location.address,
      edge.grant.resource,
      edge.grant.actions,
    ]);
    const group = groups.get(key) ?? [];
    group.push(edge);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Grant groups of several identities merged when their grants read alike (same resource and
 * actions) and reach the same identities, each holder counted among them.
 */
export function mergedGrants(groups: readonly BecomeEdge[][]): BecomeEdge[][] {
  const merged = new Map<string, BecomeEdge[][]>();
  for (const group of groups) {
    const [{ from, grant }] = group;
    const reached = new Set(group.map((edge) => edge.target.identity.id)).add(from.id);
    const key = JSON.stringify([grant?.resource, grant?.actions, [...reached].sort()]);
    const list = merged.get(key) ?? [];
    list.push(group);
    merged.set(key, list);
  }
  return [...merged.values()].map((list) => (list.length === 1 ? list[0] : list.flat()));
}
