import type { Severity } from "./finding";

/**
 * Organisation policy. The same keys and meaning in code (`WorkloadIdentityPolicy`), in
 * `cdktf.json` context under {@link POLICY_CONTEXT_KEY}, and in the CLI's `--policy FILE`.
 * Durations are strings (`"12h"`, `"15m"`, `"PT1H"`); policy files may also give whole seconds.
 */
export interface OrgPolicy {
  /** Longest TTL an identity may have. @default "12h" (the AWS role maximum) */
  readonly maxTtl?: string;
  /** Shortest TTL an identity may have. @default "15m" (the STS minimum session) */
  readonly minTtl?: string;
  /** Issuer URLs identities may trust. @default any */
  readonly allowedIssuers?: readonly string[];
  /** Approver names allowed to approve identities and suppressions. @default any */
  readonly approvers?: readonly string[];
  /** Per-rule severity changes; `off` disables a rule. */
  readonly severityOverrides?: Readonly<Record<string, string>>;
  /** The date used for expiry checks, YYYY-MM-DD. @default today (UTC) */
  readonly today?: string;
  /** An approval or suppression expiring within this many days is reported. @default 30 */
  readonly expiryWarningDays?: number;
  /** Longest AWS role session duration allowed. @default "12h" */
  readonly maxSessionDuration?: string;
  /**
   * Severity of findings about values the reviewer cannot determine (unresolved references,
   * unparseable policies, values known only after apply) that could change a verdict. Unknown
   * fails closed: `error` blocks; `warning` lets a team review them without blocking.
   * @default "error"
   */
  readonly unknown?: "error" | "warning";
}

export const POLICY_CONTEXT_KEY = "cdktf-workload-identity:policy";

/** Org policy with defaults applied and durations in seconds; what rules receive. */
export interface ResolvedPolicy {
  readonly maxTtlSeconds: number;
  readonly minTtlSeconds: number;
  readonly allowedIssuers?: readonly string[];
  readonly approvers?: readonly string[];
  readonly severityOverrides: Readonly<Record<string, Severity | "off">>;
  readonly today: string;
  readonly expiryWarningDays: number;
  readonly maxSessionDurationSeconds: number;
  /** Severity of every "unknown — needs review" finding (see {@link OrgPolicy.unknown}). */
  readonly unknownSeverity: "error" | "warning";
}
