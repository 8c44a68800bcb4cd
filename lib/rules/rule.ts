import type { RuleResult, Severity } from "../model/finding";
import type { IdentityGraph } from "../model/graph";
import type { ResolvedPolicy } from "../model/org-policy";

/** OWASP Non-Human Identities Top 10 (2025) categories. */
export type OwaspNhi =
  "NHI1" | "NHI2" | "NHI3" | "NHI4" | "NHI5" | "NHI6" | "NHI7" | "NHI8" | "NHI9" | "NHI10";

export interface RuleContext {
  readonly graph: IdentityGraph;
  readonly policy: ResolvedPolicy;
}

/** One rule of the catalog. IDs are stable and never reused. */
export interface Rule {
  /** `WI` + 3 digits; the hundreds digit is the category. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters (cdk-nag's "explanation"). */
  readonly rationale: string;
  /** How to fix it. */
  readonly fix: string;
  readonly owasp: readonly OwaspNhi[];
  /**
   * How the rule evaluates what the service decides, one rule of evaluation per item, each citing
   * the documentation page it follows (listed in RULES.md).
   */
  readonly semantics?: readonly string[];
  /** Pure: reads the graph only. Must report unknown values (`unknown: true`), never skip them. */
  check(context: RuleContext): readonly RuleResult[];
}
