/**
 * The rule-test harness: runs one rule over a hand-built graph and summarises its results for
 * exact-set assertions. Graphs come from test/support/graph-builder.ts, category fixtures from
 * test/rules/<category>/*-fixtures.ts.
 */
import type { RuleResult } from "../../lib/model/finding";
import type { IdentityGraph } from "../../lib/model/graph";
import type { ResolvedPolicy } from "../../lib/model/org-policy";
import { evaluate } from "../../lib/engine/evaluate";
import type { Rule } from "../../lib/rules/rule";
import { policy } from "../support/graph-builder";

export function run(
  rule: Rule,
  graph: IdentityGraph,
  overrides: Partial<ResolvedPolicy> = {},
): readonly RuleResult[] {
  return rule.check({ graph, policy: policy(overrides) });
}

/**
 * `[stack:]address severity[ unknown]` per result (the rule's severity when the result sets none),
 * sorted: the exact set of flagged locations.
 */
export function flaggedResults(results: readonly RuleResult[], rule: Rule): string[] {
  return results
    .map(
      (r) =>
        `${r.location.stack ? `${r.location.stack}:` : ""}${r.location.address} ${r.severity ?? rule.severity}${r.unknown ? " unknown" : ""}`,
    )
    .sort();
}

/** {@link flaggedResults} of running the rule over the graph. */
export function flagged(rule: Rule, graph: IdentityGraph, overrides: Partial<ResolvedPolicy> = {}): string[] {
  return flaggedResults(run(rule, graph, overrides), rule);
}

/** Findings through the engine (fingerprints must keep every result distinct). */
export function findings(rule: Rule, graph: IdentityGraph) {
  return evaluate(graph, policy(), [rule]).findings;
}

/** Every message is one line (names in it are quoted, so input cannot break it). */
export function expectOneLineMessages(results: readonly RuleResult[]): void {
  for (const result of results) expect(result.message).not.toMatch(/[\n\r\u2028\u2029]/);
}
