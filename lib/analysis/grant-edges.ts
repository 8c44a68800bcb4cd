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
  // The edges one grant makes (one per role it reaches) come together and share its key.
  let keyed: BecomeEdge | undefined;
  let key = "";
  for (const edge of edges) {
    if (!edge.grant) continue;
    if (
      keyed === undefined ||
      keyed.grant !== edge.grant ||
      keyed.from !== edge.from ||
      keyed.location !== edge.location
    ) {
      keyed = edge;
      key = groupKey(edge);
    }
    const group = groups.get(key);
    if (group) group.push(edge);
    else groups.set(key, [edge]);
  }
  return [...groups.values()];
}

function groupKey(edge: BecomeEdge): string {
  const { location, grant } = edge;
  return JSON.stringify([
    edge.from.id,
    location.file,
    location.stack ?? "",
    location.address,
    grant?.resource,
    grant?.actions,
  ]);
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
