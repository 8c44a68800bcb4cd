/**
 * Accountability predicates, one home for the declaring side (validate-identity) and the checking
 * side (WI103, WI110, the engine's suppression check): who counts as the owner team, who may
 * approve, and whether a suppression may suppress on a given day. Dates are calendar days
 * (lib/model/calendar-date), so `2099-02-30` is invalid everywhere.
 */
import { daysUntil, isIsoDate } from "./calendar-date";
import type { SuppressionRecord } from "./record";

/** A suppression's written reason must be at least this long (DESIGN §5). */
export const MIN_SUPPRESSION_REASON = 20;

/** Team names compare trimmed and case-insensitively: `Payments ` is the team `payments`. */
export function sameTeam(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Separation of duties: an approval given by the owner team itself is no approval. */
export function isSelfApproval(approver: string | undefined, ownerTeam: string | undefined): boolean {
  return approver !== undefined && ownerTeam !== undefined && sameTeam(approver, ownerTeam);
}

/** Whether the organisation's approver allow-list (when there is one) names this approver. */
export function isAllowedApprover(approver: string, approvers: readonly string[] | undefined): boolean {
  return approvers === undefined || approvers.includes(approver);
}

export function isSuppressionReasonLongEnough(reason: string): boolean {
  return reason.trim().length >= MIN_SUPPRESSION_REASON;
}

/** True when a dated approval or suppression no longer holds on `today` (the expiry day included). */
export function hasExpired(expiresOn: string, today: string): boolean {
  const days = daysUntil(expiresOn, today);
  return days === undefined || days <= 0;
}

export type SuppressionStatus = "active" | "expired" | "invalid";

/**
 * Whether a recorded suppression may suppress today. Records can be edited by hand in the
 * synthesized JSON, so the declaration-time checks are repeated with the same predicates: a reason
 * of at least 20 characters, an approver who is not the owner team (and on the allow-list when
 * there is one), and an expiry date that is a real calendar date still in the future.
 */
export function suppressionStatus(
  suppression: SuppressionRecord,
  ownerTeam: string | undefined,
  policy: { readonly today: string; readonly approvers?: readonly string[] },
): SuppressionStatus {
  const { reason, approver, expiresOn } = suppression as Partial<Record<keyof SuppressionRecord, unknown>>;
  if (typeof reason !== "string" || !isSuppressionReasonLongEnough(reason)) return "invalid";
  if (typeof approver !== "string" || approver.trim() === "") return "invalid";
  if (isSelfApproval(approver, ownerTeam)) return "invalid";
  if (!isAllowedApprover(approver, policy.approvers)) return "invalid";
  if (!isIsoDate(expiresOn)) return "invalid";
  return hasExpired(expiresOn, policy.today) ? "expired" : "active";
}
