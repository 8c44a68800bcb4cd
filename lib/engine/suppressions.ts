import type { IdentityGraph } from "../model/graph";
import type { SuppressionRecord } from "../model/record";

export { suppressionStatus } from "../model/accountability";

/** Suppressions recorded on each declared identity (those with a record), by identity id. */
export function suppressionsByIdentity(
  graph: IdentityGraph,
): Map<string, { ownerTeam?: string; suppressions: readonly SuppressionRecord[] }> {
  const byId = new Map<string, { ownerTeam?: string; suppressions: readonly SuppressionRecord[] }>();
  for (const identity of graph.identities) {
    if (identity.record) {
      byId.set(identity.id, {
        ownerTeam: identity.record.owner.team,
        suppressions: identity.record.suppressions,
      });
    }
  }
  return byId;
}
