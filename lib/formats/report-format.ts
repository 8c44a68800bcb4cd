import type { Evaluation } from "../engine/evaluate";
import type { Finding } from "../model/finding";
import type { GraphSource } from "../model/graph";
import type { InventoryRow } from "../review/inventory";
import type { ReviewDiff } from "../review/review-diff";
import type { Rule } from "../rules/rule";

export const TOOL_NAME = "cdktf-workload-identity";
/** Bumped only when a field of the JSON output is removed or changes meaning. */
export const JSON_SCHEMA_VERSION = 1;

export interface RenderOptions {
  readonly toolVersion: string;
  /** ANSI colours (text format only); the CLI enables them only for a TTY without NO_COLOR. */
  readonly color?: boolean;
  /** Directory that relative SARIF URIs are resolved against (the repository root in CI). */
  readonly cwd?: string;
}

export interface CheckReport {
  readonly evaluation: Evaluation;
  /** Findings that fail the check (exit 1). */
  readonly blocking: readonly Finding[];
}

export interface ReviewReport {
  readonly base: Evaluation;
  readonly head: Evaluation;
  readonly diff: ReviewDiff;
}

export interface InventoryReport {
  readonly rows: readonly InventoryRow[];
  readonly sources: readonly GraphSource[];
}

export interface RulesReport {
  readonly rules: readonly Rule[];
}

/**
 * One output format. A format implements the reports it supports; the CLI offers exactly those
 * (e.g. SARIF has no inventory, CSV has only the inventory).
 */
export interface ReportFormat {
  readonly name: string;
  check?(report: CheckReport, options: RenderOptions): string;
  review?(report: ReviewReport, options: RenderOptions): string;
  inventory?(report: InventoryReport, options: RenderOptions): string;
  rules?(report: RulesReport, options: RenderOptions): string;
}

export type ReportKind = "check" | "review" | "inventory" | "rules";
