import * as path from "node:path";
import type { Evaluation } from "../engine/evaluate";
import type { Finding, Severity } from "../model/finding";
import { describeLocation, type SourceLocation } from "../model/location";
import { safeJsonStringify } from "../model/unsafe-text";
import { RULE_CATALOG } from "../rules/catalog";
import type { Rule } from "../rules/rule";
import { declarations, findingMessage } from "./finding-summary";
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

/**
 * Every artifact URI is relative to the repository root (`%SRCROOT%`, which GitHub code scanning
 * resolves to the checkout): files given relative stay as given, absolute ones are made relative to
 * the working directory. No machine path is written (no `originalUriBaseIds`, no `file://` URI).
 */
function artifactLocation(file: string, cwd: string | undefined) {
  const relative = path.isAbsolute(file) ? (cwd ? path.relative(cwd, file) : path.basename(file)) : file;
  const uri = relative
    .split(/[\\/]+/)
    .filter((s) => s !== "" && s !== ".")
    .map(encodeURIComponent)
    .join("/");
  return { uri, uriBaseId: SRCROOT };
}

/** `path/to/app.ts:12` (a record's `declaredAt`, already checked to be relative) as a SARIF location. */
function declarationLocation(declaredAt: string, identityId: string, id?: number) {
  const split = declaredAt.lastIndexOf(":");
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: {
      artifactLocation: artifactLocation(declaredAt.slice(0, split), undefined),
      region: { startLine: Number(declaredAt.slice(split + 1)) },
    },
    logicalLocations: [{ name: identityId, fullyQualifiedName: identityId, kind: "module" }],
  };
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
  declared: ReadonlyMap<string, string>,
  options: RenderOptions,
  baselineState?: BaselineState,
) {
  const index = ruleIndex.get(finding.ruleId);
  const suppression = finding.suppressedBy;
  // A fixed finding (absent from head) is reported as passing so code scanning does not reopen it.
  const fixed = baselineState === "absent";
  // The TypeScript line that declared the (first) identity is where code scanning annotates the PR
  // diff; the synthesized resource, other identities' declarations and related resources follow.
  const sources = finding.identityIds.filter((id) => declared.has(id));
  const primary = sources.length > 0 ? declarationLocation(declared.get(sources[0])!, sources[0]) : undefined;
  const related = [
    ...(primary ? [{ where: location(finding.location, options.cwd), text: "synthesized resource" }] : []),
    ...sources
      .slice(1)
      .map((id) => ({ where: declarationLocation(declared.get(id)!, id), text: `declaration of ${id}` })),
    ...finding.related.map((r) => ({ where: location(r, options.cwd), text: "related" })),
  ];
  return {
    ruleId: finding.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    ...(fixed ? { kind: "pass", level: "none" } : { level: finding.severity }),
    message: { text: sarifText(findingMessage(finding)) },
    locations: [primary ?? location(finding.location, options.cwd)],
    ...(related.length > 0
      ? {
          relatedLocations: related.map((r, i) => ({
            ...r.where,
            id: i + 1,
            message: { text: sarifText(r.text) },
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
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: results(ruleIndex),
        columnKind: "unicodeCodePoints",
      },
    ],
  };
  return `${safeJsonStringify(log, 2)}\n`;
}

/** SARIF 2.1.0 for code scanning: every catalog rule, stable fingerprints, audited suppressions. */
export const SARIF_FORMAT: ReportFormat = {
  name: "sarif",
  check(report: CheckReport, options: RenderOptions): string {
    return sarifLog(
      report.evaluation,
      (index) => {
        const declared = declarations(report.evaluation);
        return report.evaluation.findings.map((f) => result(f, index, declared, options));
      },
      options,
    );
  },
  review(report: ReviewReport, options: RenderOptions): string {
    const { diff } = report;
    return sarifLog(
      report.head,
      (index) => {
        const declared = declarations(report.head);
        const baseDeclared = declarations(report.base);
        return [
          ...diff.findings.new.map((f) => result(f, index, declared, options, "new")),
          ...diff.findings.unchanged.map((f) => result(f, index, declared, options, "unchanged")),
          ...diff.findings.fixed.map((f) => result(f, index, baseDeclared, options, "absent")),
        ];
      },
      options,
    );
  },
};
