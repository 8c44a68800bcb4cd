import type { IdentityGraph } from "../model/graph";
import type { SuppressionRecord } from "../model/record";

export { suppressionStatus } from "../model/accountability";

/** Suppressions recorded on each declared identity (those with a record and suppressions), by identity id. */
export function suppressionsByIdentity(
  graph: IdentityGraph,
): Map<string, { ownerTeam?: string; suppressions: readonly SuppressionRecord[] }> {
  const byId = new Map<string, { ownerTeam?: string; suppressions: readonly SuppressionRecord[] }>();
  // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
  const identities = graph.identities;
  for (let i = 0; i < identities.length; i++) {
    const identity = identities[i];
    const record = identity.record;
    // Without suppressions an identity suppresses nothing, as when it has no entry: most have none.
    if (record && !(Array.isArray(record.suppressions) && record.suppressions.length === 0)) {
      byId.set(identity.id, { ownerTeam: record.owner.team, suppressions: record.suppressions });
    }
  }
  return byId;
}
