import type { SourceLocation } from "./location";
import type { SuppressionRecord } from "./record";

/** `error` blocks synth and PRs, `warning` is reported, `note` is informational. */
export type Severity = "error" | "warning" | "note";

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, note: 2 };

/** What a rule's check returns: a specific, present-tense statement about one resource. */
export interface RuleResult {
  /** One present-tense sentence about this resource, e.g. "Role deploy trusts any GitHub repository". */
  readonly message: string;
  /** The resource the finding is about (the policy, role, or first identity of a pair). */
  readonly location: SourceLocation;
  /** Other resources implicated (the second identity of a shared path, the role a policy is attached to, the source data document). */
  readonly related?: readonly SourceLocation[];
  /** Identity ids concerned (both identities for WI3xx rules). Suppressions are looked up on these. */
  readonly identityIds?: readonly string[];
  /** True when the rule could not evaluate the resource (unknown value): "unknown — needs review". */
  readonly unknown?: boolean;
  /** Overrides the rule's severity for this result (e.g. unknown results are warnings). */
  readonly severity?: Severity;
  /**
   * Stable discriminator for the fingerprint when one rule reports several results on the same
   * location (e.g. the overlapping path). Must not contain line numbers or free text that changes.
   */
  readonly key?: string;
}

export interface Finding extends Required<Pick<RuleResult, "message" | "location">> {
  readonly ruleId: string;
  readonly ruleTitle: string;
  /** The rule's fix hint: every report shows it next to the finding. */
  readonly fix: string;
  readonly severity: Severity;
  readonly related: readonly SourceLocation[];
  readonly identityIds: readonly string[];
  readonly unknown: boolean;
  /** Stable across runs and machines: hash of rule id, addresses/identity ids and key. */
  readonly fingerprint: string;
  /** Set when an unexpired suppression applies; suppressed findings never block. */
  readonly suppressedBy?: SuppressionRecord;
}
