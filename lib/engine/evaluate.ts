import type { Finding, RuleResult, Severity } from "../model/finding";
import { SEVERITY_ORDER } from "../model/finding";
import type { IdentityGraph } from "../model/graph";
import type { ResolvedPolicy } from "../model/org-policy";
import type { SuppressionRecord } from "../model/record";
import { releaseAnalysisMemos } from "../analysis/analysis-memo";
import { RULE_CATALOG } from "../rules/catalog";
import type { Rule } from "../rules/rule";
import { fingerprint } from "./fingerprint";
import { suppressionsByIdentity, suppressionStatus } from "./suppressions";
import { compareText } from "./text-order";

export interface Evaluation {
  readonly graph: IdentityGraph;
  readonly policy: ResolvedPolicy;
  /** Every finding, suppressed ones included, in a stable order (severity, rule, location). */
  readonly findings: readonly Finding[];
}

/** Findings that block: errors that no active suppression covers. */
export function blockingFindings(evaluation: Pick<Evaluation, "findings">): Finding[] {
  return evaluation.findings.filter((f) => f.severity === "error" && !f.suppressedBy);
}

// compareText is localeCompare's order without building ICU's collator for ASCII text.
function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.location.stack ?? "", b.location.stack ?? "") ||
    compareText(a.location.address, b.location.address) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

function compareLocations(a: Finding["location"], b: Finding["location"]): number {
  return compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0);
}

/** Runs every rule over the graph, applies severity overrides and recorded suppressions. */
export function evaluate(
  graph: IdentityGraph,
  policy: ResolvedPolicy,
  rules: readonly Rule[] = RULE_CATALOG,
): Evaluation {
  let suppressions: ReturnType<typeof suppressionsByIdentity> | undefined;
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  for (const rule of rules) {
    const override = policy.severityOverrides[rule.id];
    if (override === "off") continue;
    for (const result of rule.check({ graph, policy })) {
      const print = fingerprint(rule.id, result);
      // The same fact reached twice (a policy shared by two roles, one address in two plans): kept
      // once, at the location that sorts first, so the order of the inputs does not choose it.
      const earlier = seen.get(print);
      if (earlier !== undefined && compareLocations(findings[earlier].location, result.location) <= 0)
        continue;
      const severity: Severity = override ?? resultSeverity(rule, result, policy);
      const finding: Finding = {
        ruleId: rule.id,
        ruleTitle: rule.title,
        fix: rule.fix,
        severity,
        message: result.message,
        location: result.location,
        related: result.related ?? [],
        identityIds: result.identityIds ?? [],
        unknown: result.unknown ?? false,
        fingerprint: print,
        suppressedBy: activeSuppression(
          rule.id,
          result,
          () => (suppressions ??= suppressionsByIdentity(graph)),
          policy,
        ),
      };
      if (earlier !== undefined) findings[earlier] = finding;
      else seen.set(print, findings.push(finding) - 1);
    }
  }
  // The graph outlives the evaluation (reports, synth's stack writing): what the rules shared
  // about it is not kept alive with it.
  releaseAnalysisMemos();
  return { graph, policy, findings: findings.sort(compareFindings) };
}

/**
 * Unknown fails closed: a result the rule could not evaluate takes the organisation's `unknown`
 * severity (default `error`), so it blocks like the finding it may hide. A rule that never blocks
 * keeps its own severity: what it could not see could not have blocked either.
 */
function resultSeverity(rule: Rule, result: RuleResult, policy: ResolvedPolicy): Severity {
  if (result.unknown && rule.severity === "error") return policy.unknownSeverity;
  return result.severity ?? rule.severity;
}

/**
 * A finding is suppressed only when every declared identity it names has an active suppression
 * for the rule: for a shared path, both owners must have accepted it, not just one. Identities
 * without a record (hand-written resources) cannot suppress, and unknowns are never suppressed.
 */
function activeSuppression(
  ruleId: string,
  result: RuleResult,
  suppressionsOf: () => ReturnType<typeof suppressionsByIdentity>,
  policy: ResolvedPolicy,
): SuppressionRecord | undefined {
  if (result.unknown) return undefined;
  const ids = result.identityIds ?? [];
  if (ids.length === 0) return undefined;
  const byIdentity = suppressionsOf();
  let first: SuppressionRecord | undefined;
  for (const id of ids) {
    const entry = byIdentity.get(id);
    if (!entry) return undefined;
    const match = entry.suppressions.find(
      (s) => s.ruleId === ruleId && suppressionStatus(s, entry.ownerTeam, policy) === "active",
    );
    if (!match) return undefined;
    first ??= match;
  }
  return first;
}
