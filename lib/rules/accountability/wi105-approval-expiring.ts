import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { daysUntil } from "../../model/calendar-date";
import { suppressionStatus } from "../../model/accountability";
import { accountableIdentities, forEachApprovalExpiry } from "./accountable-identities";

const inDays = (days: number) => `in ${days} day${days === 1 ? "" : "s"}`;

export const WI105_APPROVAL_EXPIRING: Rule = {
  id: "WI105",
  title: "Approval expiring soon",
  severity: "warning",
  rationale:
    "Renewing an approval before it lapses avoids a blocked deployment and keeps the review deliberate rather than rushed. " +
    "An approved suppression is an approval too: when it lapses, the finding it suppressed blocks again.",
  fix: "Start the renewal now: get a new approval reference and expiry date (for a suppression, a new expiresOn from its approver, or fix the finding).",
  owasp: ["NHI1"],
  check({ graph, policy }) {
    const results: RuleResult[] = [];
    const soon = (days: number | undefined): days is number =>
      days !== undefined && days > 0 && days <= policy.expiryWarningDays;
    forEachApprovalExpiry(graph, policy.today, (identity, { label, key }, expiresOn, daysLeft) => {
      if (!soon(daysLeft)) return;
      results.push({
        message: `The ${label} of identity ${quote(identity.name)} expires on ${expiresOn} (${inDays(daysLeft)}).`,
        location: identity.location,
        identityIds: [identity.id],
        key,
      });
    });
    // Suppressions that currently suppress and are about to stop: reported once, here, with the
    // date, so that a review does not count them as a change of the identity.
    const subjects = accountableIdentities(graph);
    for (let s = 0; s < subjects.length; s++) {
      const { identity } = subjects[s];
      const suppressions = identity.record?.suppressions ?? [];
      for (let u = 0; u < suppressions.length; u++) {
        const suppression = suppressions[u];
        if (suppressionStatus(suppression, identity.record?.owner?.team, policy) !== "active") continue;
        const days = daysUntil(suppression.expiresOn, policy.today);
        if (!soon(days)) continue;
        results.push({
          message:
            `The suppression of ${suppression.ruleId} on identity ${quote(identity.name)}, approved by ${quote(suppression.approver)}, ` +
            `expires on ${suppression.expiresOn} (${inDays(days)}); the finding it suppresses then blocks again.`,
          location: identity.location,
          identityIds: [identity.id],
          key: `suppression:${suppression.ruleId}`,
        });
      }
    }
    return results;
  },
};
