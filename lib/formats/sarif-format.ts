import * as path from "node:path";
import type { Evaluation } from "../engine/evaluate";
import type { Finding, Severity } from "../model/finding";
import { describeLocation, type SourceLocation } from "../model/location";
import { safeJsonStringify } from "../model/unsafe-text";
import { RULE_CATALOG } from "../rules/catalog";
import type { Rule } from "../rules/rule";
import { findingMessage } from "./finding-summary";
import {
  TOOL_NAME,
  type CheckReport,
  type RenderOptions,
  type ReportFormat,
  type ReviewReport,
} from "./report-format";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
/** Key of the stable fingerprint in `partialFingerprints` (versioned, as SARIF recommends). */
export const FINGERPRINT_KEY = "workloadIdentityFinding/v1";
const SRCROOT = "%SRCROOT%";
/** GitHub code scanning ranks security results by this property (0.0–10.0). */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: "8.0", warning: "5.0", note: "2.0" };

type BaselineState = "new" | "unchanged" | "absent";

/**
 * SARIF message text gives `[text](n)` a meaning (an embedded link), so literal brackets in
 * untrusted strings are backslash-escaped as the spec requires (§3.11.6).
 */
export function sarifText(value: string): string {
  return value.replace(/[\\[\]]/g, (char) => `\\${char}`);
}

/** `Some title words` -> `SomeTitleWords`: SARIF rule names are identifier-like. */
function ruleName(rule: Rule): string {
  return rule.title
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

function ruleDescriptor(rule: Rule) {
  return {
    id: rule.id,
    name: ruleName(rule),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text: rule.fix, markdown: `**Fix:** ${rule.fix}` },
    defaultConfiguration: { level: rule.severity },
    properties: {
      tags: ["security", "workload-identity", ...rule.owasp.map((id) => `OWASP-${id}`)],
      "security-severity": SECURITY_SEVERITY[rule.severity],
      precision: "high",
    },
  };
}

/** A relative file becomes a `%SRCROOT%`-based URI reference, percent-encoded per segment. */
function artifactLocation(file: string, cwd: string | undefined) {
  const absolute = path.isAbsolute(file);
  const relative = absolute && cwd ? path.relative(cwd, file) : file;
  if (absolute && (!cwd || relative.startsWith("..") || path.isAbsolute(relative))) {
    return { uri: `file://${file.split(path.sep).map(encodeURIComponent).join("/")}` };
  }
  const uri = relative
    .split(/[\\/]+/)
    .filter((s) => s !== "" && s !== ".")
    .map(encodeURIComponent)
    .join("/");
  return { uri, uriBaseId: SRCROOT };
}

function location(where: SourceLocation, cwd: string | undefined, id?: number) {
  const fullyQualifiedName = `${where.stack ? `${where.stack}:` : ""}${where.address}`;
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: {
      artifactLocation: artifactLocation(where.file, cwd),
      ...(where.line !== undefined && where.line >= 1 ? { region: { startLine: where.line } } : {}),
    },
    logicalLocations: [
      {
        name: describeLocation(where),
        fullyQualifiedName,
        kind: where.constructPath ? "module" : "resource",
      },
    ],
  };
}

function result(
  finding: Finding,
  ruleIndex: Map<string, number>,
  options: RenderOptions,
  baselineState?: BaselineState,
) {
  const index = ruleIndex.get(finding.ruleId);
  const suppression = finding.suppressedBy;
  // A fixed finding (absent from head) is reported as passing so code scanning does not reopen it.
  const fixed = baselineState === "absent";
  return {
    ruleId: finding.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    ...(fixed ? { kind: "pass", level: "none" } : { level: finding.severity }),
    message: { text: sarifText(findingMessage(finding)) },
    locations: [location(finding.location, options.cwd)],
    ...(finding.related.length > 0
      ? {
          relatedLocations: finding.related.map((r, i) => ({
            ...location(r, options.cwd, i + 1),
            message: { text: "related" },
          })),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(suppression
      ? {
          suppressions: [
            {
              kind: "external",
              status: "accepted",
              justification: `${suppression.reason} (approved by ${suppression.approver}, expires ${suppression.expiresOn})`,
              properties: { approver: suppression.approver, expiresOn: suppression.expiresOn },
            },
          ],
        }
      : {}),
    ...(baselineState ? { baselineState } : {}),
    properties: {
      identityIds: [...finding.identityIds],
      unknown: finding.unknown,
      blocking: finding.severity === "error" && !suppression,
    },
  };
}

function sarifLog(
  evaluation: Evaluation,
  results: (ruleIndex: Map<string, number>) => unknown[],
  options: RenderOptions,
): string {
  const rules = [...RULE_CATALOG];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const notifications = evaluation.graph.notes.map((note) => ({
    level: "warning",
    message: { text: sarifText(`Not evaluated (unknown — needs review): ${note.message}`) },
    locations: [location(note.location, options.cwd)],
  }));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: options.cwd ? { [SRCROOT]: { uri: directoryUri(options.cwd) } } : undefined,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: results(ruleIndex),
        columnKind: "unicodeCodePoints",
      },
    ],
  };
  return `${safeJsonStringify(log, 2)}\n`;
}

function directoryUri(dir: string): string {
  const segments = path.resolve(dir).split(path.sep).map(encodeURIComponent).join("/");
  return `file://${segments.startsWith("/") ? "" : "/"}${segments}/`;
}

/** SARIF 2.1.0 for code scanning: every catalog rule, stable fingerprints, audited suppressions. */
export const SARIF_FORMAT: ReportFormat = {
  name: "sarif",
  check(report: CheckReport, options: RenderOptions): string {
    return sarifLog(
      report.evaluation,
      (index) => report.evaluation.findings.map((f) => result(f, index, options)),
      options,
    );
  },
  review(report: ReviewReport, options: RenderOptions): string {
    const { diff } = report;
    return sarifLog(
      report.head,
      (index) => [
        ...diff.findings.new.map((f) => result(f, index, options, "new")),
        ...diff.findings.unchanged.map((f) => result(f, index, options, "unchanged")),
        ...diff.findings.fixed.map((f) => result(f, index, options, "absent")),
      ],
      options,
    );
  },
};
