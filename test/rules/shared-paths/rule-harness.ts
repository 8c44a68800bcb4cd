/** Runs one rule over a hand-built graph and summarises its results for exact-set assertions. */
import type { RuleResult } from "../../../lib/model/finding";
import type { IdentityGraph } from "../../../lib/model/graph";
import { evaluate } from "../../../lib/engine/evaluate";
import type { Rule } from "../../../lib/rules/rule";
import { policy } from "../../support/graph-builder";

export function run(rule: Rule, graph: IdentityGraph): readonly RuleResult[] {
  return rule.check({ graph, policy: policy() });
}

/** `address severity[ unknown]`, sorted: the exact set of flagged locations. */
export function flagged(rule: Rule, graph: IdentityGraph): string[] {
  return run(rule, graph)
    .map(
      (r) =>
        `${r.location.stack ? `${r.location.stack}:` : ""}${r.location.address} ${r.severity ?? rule.severity}${r.unknown ? " unknown" : ""}`,
    )
    .sort();
}

/** Findings through the engine (fingerprints must keep every result distinct). */
export function findings(rule: Rule, graph: IdentityGraph) {
  return evaluate(graph, policy(), [rule]).findings;
}

/** Deterministic PRNG (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
