import type { RuleResult } from "../../model/finding";
import { formatSeconds } from "../../model/duration-text";
import { isUnknown } from "../../model/unknown";
import type { Rule } from "../rule";
import { awsRoleOccurrences } from "../../analysis/trust-principals";
import { quoteLocation } from "../../analysis/quote";
import { declaredTtlAboveMaximum, isDeclaredTtlBreach } from "../accountability/accountable-identities";

/** AWS applies one hour when max_session_duration is not set. */
const AWS_DEFAULT_SESSION_SECONDS = 3600;

export const WI406_SESSION_DURATION_ABOVE_POLICY: Rule = {
  id: "WI406",
  title: "AWS role session duration above policy",
  severity: "error",
  rationale:
    "max_session_duration bounds how long credentials from one AssumeRole call stay valid; above the organisation's limit a leaked session is useful for longer than anyone agreed. A duration that only implements an identity's declared TTL above the maximum is WI107's finding, reported once there.",
  fix: "Lower `max_session_duration` to the policy maximum (or the identity's TTL).",
  owasp: ["NHI7"],
  check({ graph, policy }) {
    const results: RuleResult[] = [];
    const declaredAbove = declaredTtlAboveMaximum(graph, policy.maxTtlSeconds);
    // Indexed: this runs per role, unoptimized, where each iterator step allocates.
    const occurrences = awsRoleOccurrences(graph);
    for (let o = 0; o < occurrences.length; o++) {
      // The ids are listed where a finding is made (each read lists them).
      const occurrence = occurrences[o];
      const role = occurrence.principal;
      const duration = role.maxSessionDurationSeconds;
      if (isUnknown(duration)) {
        results.push({
          message: `Role ${quoteLocation(role.location)} has a max_session_duration that is not known — needs review.`,
          location: role.location,
          identityIds: occurrence.identityIds,
          unknown: true,
          severity: "warning",
        });
        continue;
      }
      const seconds = duration ?? AWS_DEFAULT_SESSION_SECONDS;
      if (seconds <= policy.maxSessionDurationSeconds) continue;
      if (duration !== undefined && isDeclaredTtlBreach(seconds, occurrence.identityIds, declaredAbove))
        continue;
      const source = duration === undefined ? " (the AWS default)" : "";
      results.push({
        message: `Role ${quoteLocation(role.location)} allows sessions of ${formatSeconds(seconds)}${source}, above the policy maximum of ${formatSeconds(policy.maxSessionDurationSeconds)}.`,
        location: role.location,
        identityIds: occurrence.identityIds,
      });
    }
    return results;
  },
};
