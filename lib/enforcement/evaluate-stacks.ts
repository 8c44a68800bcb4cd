import type { TerraformStack } from "cdktf";
import type { Evaluation } from "../engine/evaluate";
import { blockingFindings, evaluate } from "../engine/evaluate";
import { COLLECT_FROM_RESOURCES, collectGarbage } from "../engine/phase-garbage";
import { withoutOptimizingCompiler } from "../model/run-once-compilation";
import type { Finding } from "../model/finding";
import { blockedSynthMessage } from "../formats/synth-block-message";
import { RULE_CATALOG } from "../rules/catalog";
import { buildGraph } from "../extract/build-graph";
import type { InputDocument } from "../extract/input-document";
import type { ResolvedPolicy } from "../model/org-policy";
import { stackOutputFile, type StackJson } from "./cdktf-synth-adapter";

export interface StacksEvaluation {
  /** The evaluation without its graph, which is released before the stacks are written. */
  readonly evaluation: Pick<Evaluation, "findings" | "policy">;
  /** Its findings that block synth. */
  readonly blocking: Finding[];
  /** The stacks' JSON as evaluated (cdktf's own work, reused to write them). */
  readonly stackJson: Map<TerraformStack, StackJson>;
}

/**
 * Evaluates stacks exactly as the CLI evaluates a cdktf.out directory: their Terraform JSON, one
 * graph, the whole catalog. File names follow cdktf.out's layout so locations match the CLI's.
 */
export function evaluateStacks(
  stacks: readonly TerraformStack[],
  policy: ResolvedPolicy,
  jsonOf: (stack: TerraformStack) => StackJson,
): StacksEvaluation {
  const stackJson = new Map<TerraformStack, StackJson>();
  const documents: InputDocument[] = stacks.map((stack) => {
    const json = jsonOf(stack);
    stackJson.set(stack, json);
    return {
      file: stackOutputFile(stack.node.id),
      stack: stack.node.id,
      format: "terraform-json",
      json,
    };
  });
  const evaluation = withoutOptimizingCompiler(() => findingsOf(documents, policy));
  // The graph, extraction's and the rules' working values are garbage now; cdktf writes the stacks next.
  if (resourceCount(documents) >= COLLECT_FROM_RESOURCES) collectGarbage();
  return { evaluation, blocking: blockingFindings(evaluation), stackJson };
}

/** The evaluation of `documents`; its graph is not returned, so the caller can release it. */
function findingsOf(
  documents: readonly InputDocument[],
  policy: ResolvedPolicy,
): Pick<Evaluation, "findings" | "policy"> {
  const { findings } = evaluate(buildGraph(documents), policy);
  return { findings, policy };
}

function resourceCount(documents: readonly InputDocument[]): number {
  let count = 0;
  for (const { json } of documents) {
    const byType = (json as { resource?: unknown }).resource;
    if (typeof byType !== "object" || byType === null) continue;
    for (const byName of Object.values(byType)) {
      if (typeof byName === "object" && byName !== null) count += Object.keys(byName).length;
    }
  }
  return count;
}

/** The message that fails synth for `blocking` findings. */
export function blockedMessage(blocking: readonly Finding[]): string {
  return blockedSynthMessage(blocking, new Map(RULE_CATALOG.map((r) => [r.id, r])));
}

/** What is recorded in a stack's `"//"`: the findings located in it, suppressed ones included. */
export function synthesisRecord(
  evaluation: Pick<Evaluation, "findings">,
  stackName: string,
): Record<string, unknown> {
  return {
    findings: evaluation.findings
      .filter((f) => f.location.stack === stackName)
      .map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        address: f.location.address,
        ...(f.location.constructPath ? { constructPath: f.location.constructPath } : {}),
        message: f.message,
        fingerprint: f.fingerprint,
        ...(f.suppressedBy ? { suppressedBy: f.suppressedBy } : {}),
      })),
  };
}
