// `cdktf-workload-identity/engine`: the reviewer without cdktf, constructs or any provider package,
// for tools and CI jobs that review synthesized output or plans. The package root re-exports it
// (loaded on first use there).
export { SECRET_READING_ACTIONS, SECRET_MATERIAL_ACTIONS } from "./model/secret-material";
export { PolicyError } from "./errors/policy-errors";
export type { OrgPolicy, ResolvedPolicy } from "./model/org-policy";
export { POLICY_CONTEXT_KEY } from "./model/org-policy";
export type * from "./model/record";
export { RECORD_KEY, RECORD_SCHEMA } from "./model/record";
export type { Finding, Severity } from "./model/finding";
export type * from "./model/graph";
export { evaluate, blockingFindings } from "./engine/evaluate";
export type { Evaluation } from "./engine/evaluate";
export { resolvePolicy } from "./model/resolve-policy";
export { buildGraph } from "./extract/build-graph";
export type { InputDocument } from "./extract/input-document";
export { loadInputs } from "./cli/load-inputs";
export { RULE_CATALOG } from "./rules/catalog";
export type { Rule } from "./rules/rule";
export { REPORT_FORMATS, findFormat } from "./formats/formats";
export type {
  CheckReport,
  InventoryReport,
  RenderOptions,
  ReportFormat,
  ReportKind,
  ReviewReport,
  RulesReport,
} from "./formats/report-format";
export { diffReview } from "./review/review-diff";
export type { ReviewDiff } from "./review/review-diff";
export { inventoryRows } from "./review/inventory";
export type { InventoryRow } from "./review/inventory";
export { main as runCli, EXIT_BLOCKING, EXIT_ERROR, EXIT_OK } from "./cli/main";
export type { CliIo } from "./cli/cli-io";
