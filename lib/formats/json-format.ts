import type { Finding } from "../model/finding";
import type { SourceLocation } from "../model/location";
import { safeJsonStringify } from "../model/unsafe-text";
import { countFindings } from "./finding-summary";
import {
  JSON_SCHEMA_VERSION,
  TOOL_NAME,
  type CheckReport,
  type InventoryReport,
  type RenderOptions,
  type ReportFormat,
  type ReviewReport,
  type RulesReport,
} from "./report-format";

function locationJson(location: SourceLocation) {
  return {
    file: location.file,
    stack: location.stack ?? null,
    address: location.address,
    constructPath: location.constructPath ?? null,
    line: location.line ?? null,
  };
}

function findingJson(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    ruleTitle: finding.ruleTitle,
    severity: finding.severity,
    blocking: finding.severity === "error" && !finding.suppressedBy,
    unknown: finding.unknown,
    message: finding.message,
    fix: finding.fix,
    location: locationJson(finding.location),
    related: finding.related.map(locationJson),
    identityIds: [...finding.identityIds],
    fingerprint: finding.fingerprint,
    suppression: finding.suppressedBy
      ? {
          ruleId: finding.suppressedBy.ruleId,
          reason: finding.suppressedBy.reason,
          approver: finding.suppressedBy.approver,
          expiresOn: finding.suppressedBy.expiresOn,
        }
      : null,
  };
}

function header(kind: string, options: RenderOptions) {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: options.toolVersion },
    kind,
  };
}

function stringify(value: unknown): string {
  return `${safeJsonStringify(value, 2)}\n`;
}

/**
 * Machine-readable output with a stable schema: `schemaVersion` changes only when a field is
 * removed or changes meaning; absent values are `null`, never omitted. Every string is escaped,
 * bidi and invisible characters included (safeJsonStringify), so no input can break or disguise
 * the document.
 */
export const JSON_FORMAT: ReportFormat = {
  name: "json",
  check(report: CheckReport, options: RenderOptions): string {
    const { evaluation, blocking } = report;
    return stringify({
      ...header("check", options),
      verdict: blocking.length > 0 ? "fail" : "pass",
      today: evaluation.policy.today,
      summary: {
        identities: evaluation.graph.identities.length,
        blocking: blocking.length,
        ...countFindings(evaluation.findings),
      },
      inputs: evaluation.graph.sources.map((s) => ({
        file: s.file,
        stack: s.stack ?? null,
        format: s.format,
      })),
      findings: evaluation.findings.map(findingJson),
      notEvaluated: evaluation.graph.notes.map((n) => ({
        location: locationJson(n.location),
        message: n.message,
      })),
    });
  },
  review(report: ReviewReport, options: RenderOptions): string {
    const { diff } = report;
    const identity = (i: (typeof diff.identities.added)[number]) => ({
      id: i.id,
      name: i.name,
      kind: i.kind,
      stack: i.stack ?? null,
      changes: i.changes.map((c) => ({
        kind: c.kind,
        summary: c.summary,
        before: c.before ?? null,
        after: c.after ?? null,
        added: c.added ? [...c.added] : [],
        removed: c.removed ? [...c.removed] : [],
      })),
    });
    return stringify({
      ...header("review", options),
      verdict: diff.blocking.length > 0 ? "fail" : "pass",
      today: diff.today,
      expiryWarningDays: diff.expiryWarningDays,
      summary: {
        identitiesAdded: diff.identities.added.length,
        identitiesRemoved: diff.identities.removed.length,
        identitiesChanged: diff.identities.changed.length,
        findingsNew: diff.findings.new.length,
        findingsFixed: diff.findings.fixed.length,
        findingsUnchanged: diff.findings.unchanged.length,
        blocking: diff.blocking.length,
      },
      identities: {
        added: diff.identities.added.map(identity),
        removed: diff.identities.removed.map(identity),
        changed: diff.identities.changed.map(identity),
      },
      findings: {
        new: diff.findings.new.map(findingJson),
        fixed: diff.findings.fixed.map(findingJson),
        unchanged: diff.findings.unchanged.map(findingJson),
      },
      accountability: diff.accountability.map((row) => ({ ...inventoryJson(row), status: row.status })),
    });
  },
  inventory(report: InventoryReport, options: RenderOptions): string {
    return stringify({
      ...header("inventory", options),
      inputs: report.sources.map((s) => ({ file: s.file, stack: s.stack ?? null, format: s.format })),
      identities: report.rows.map(inventoryJson),
    });
  },
  rules(report: RulesReport, options: RenderOptions): string {
    return stringify({
      ...header("rules", options),
      rules: report.rules.map((r) => ({
        id: r.id,
        title: r.title,
        severity: r.severity,
        owasp: [...r.owasp],
        rationale: r.rationale,
        fix: r.fix,
      })),
    });
  },
};

function inventoryJson(row: InventoryReport["rows"][number]) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    stack: row.stack ?? null,
    owner: { team: row.ownerTeam ?? null, contact: row.ownerContact ?? null },
    issuer: row.issuer ?? null,
    issuerOwner: row.issuerOwner ?? null,
    approver: {
      name: row.approver ?? null,
      reference: row.approvalReference ?? null,
      expiresOn: row.approvalExpires ?? null,
    },
    secretsApprover: row.secretsApprover
      ? {
          name: row.secretsApprover,
          reference: row.secretsApprovalReference ?? null,
          expiresOn: row.secretsApprovalExpires ?? null,
        }
      : null,
    ttl: row.ttl,
    ttlSeconds: row.ttlSeconds ?? null,
    subjects: [...row.subjects],
    scope: [...row.scope],
    accountabilitySource: row.source,
    address: row.address,
    file: row.file,
  };
}
