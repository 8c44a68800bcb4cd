import type { IdentityGraph } from "../model/graph";
import type { ResolvedPolicy } from "../model/org-policy";
import type { SuppressionRecord } from "../model/record";

export const MIN_SUPPRESSION_REASON = 20;

export type SuppressionStatus = "active" | "expired" | "invalid";

/**
 * Whether a recorded suppression may suppress today. Records can be edited by hand in the
 * synthesized JSON, so the declaration-time checks are repeated here: a reason of at least 20
 * characters, an approver who is not the owner team (and on the allow-list when there is one),
 * and an expiry date still in the future.
 */
export function suppressionStatus(
  suppression: SuppressionRecord,
  ownerTeam: string | undefined,
  policy: ResolvedPolicy,
): SuppressionStatus {
  if (typeof suppression.reason !== "string" || suppression.reason.trim().length < MIN_SUPPRESSION_REASON)
    return "invalid";
  if (typeof suppression.approver !== "string" || suppression.approver.trim() === "") return "invalid";
  if (ownerTeam !== undefined && suppression.approver.trim().toLowerCase() === ownerTeam.trim().toLowerCase())
    return "invalid";
  if (policy.approvers && !policy.approvers.includes(suppression.approver)) return "invalid";
  if (typeof suppression.expiresOn !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(suppression.expiresOn))
    return "invalid";
  return suppression.expiresOn > policy.today ? "active" : "expired";
}

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
