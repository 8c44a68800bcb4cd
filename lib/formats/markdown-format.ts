import type { Finding } from "../model/finding";
import { describeLocation } from "../model/location";
import { identityCard } from "../review/identity-card";
import type { IdentityChange, ReviewedIdentity } from "../review/review-diff";
import { isQuietReview } from "../review/review-diff";
import type { Rule } from "../rules/rule";
import { escapeHtmlText, escapeMarkdown } from "./escape-markdown";
import { countFindings, findingMessage, plural, suppressionText } from "./finding-summary";
import type { CheckReport, InventoryReport, ReportFormat, ReviewReport, RulesReport } from "./report-format";
import { INVENTORY_COLUMNS } from "./table-format";

/** Hidden marker so a workflow can find and update its own PR comment. */
export const REVIEW_COMMENT_MARKER = "<!-- cdktf-workload-identity review -->";
/** Longest list shown in one section; GitHub comments are limited to 65536 characters. */
export const MAX_ITEMS_PER_SECTION = 50;

const MISSING = "—";
const SEVERITY_ICON: Readonly<Record<Finding["severity"], string>> = {
  error: "🔴 error",
  warning: "🟠 warning",
  note: "🔵 note",
};

const md = (value: string | undefined): string =>
  value === undefined || value === "" ? MISSING : escapeMarkdown(value);

function details(title: string, body: string[], open = false): string[] {
  return [`<details${open ? " open" : ""}><summary>${title}</summary>`, "", ...body, "", "</details>", ""];
}

function capped<T>(items: readonly T[], render: (item: T) => string[]): string[] {
  const lines = items.slice(0, MAX_ITEMS_PER_SECTION).flatMap(render);
  if (items.length > MAX_ITEMS_PER_SECTION) {
    lines.push("", `… and ${items.length - MAX_ITEMS_PER_SECTION} more (see the JSON or SARIF report).`);
  }
  return lines;
}

function findingsTable(findings: readonly Finding[]): string[] {
  const header = ["| Severity | Rule | Where | Finding |", "|---|---|---|---|"];
  const row = (f: Finding) => {
    const severity = f.suppressedBy ? `suppressed ${f.severity}` : SEVERITY_ICON[f.severity];
    const suppression = f.suppressedBy ? `<br>Suppressed: ${md(suppressionText(f.suppressedBy))}` : "";
    const file = f.location.line ? `${f.location.file}:${f.location.line}` : f.location.file;
    return [
      `| ${severity} | ${md(f.ruleId)} ${md(f.ruleTitle)} | ${md(describeLocation(f.location))}<br><sub>${md(file)}</sub> | ${md(findingMessage(f))}<br>Fix: ${md(f.fix)}${suppression} |`,
    ];
  };
  const body = capped(findings, row);
  // A truncation notice cannot sit inside a table: move it below.
  const notice =
    body.length > 0 && !body[body.length - 1].startsWith("|") ? body.splice(body.length - 2, 2) : [];
  return [...header, ...body, ...notice];
}

function changeLines(change: IdentityChange): string[] {
  const lines: string[] = [];
  const transition =
    change.before !== undefined || change.after !== undefined
      ? `: ${md(change.before)} → ${md(change.after)}`
      : "";
  lines.push(`- **${md(change.summary)}**${transition}`);
  for (const entry of change.added ?? []) lines.push(`  - added: ${md(entry)}`);
  for (const entry of change.removed ?? []) lines.push(`  - removed: ${md(entry)}`);
  return lines;
}

function identityHeading(identity: ReviewedIdentity): string {
  const stack = identity.stack ? ` (stack ${md(identity.stack)})` : "";
  return `**${md(identity.id)}**${stack} — ${md(identity.kind)}`;
}

/** Longest trust or reach list shown for one identity; the JSON report has them all. */
export const MAX_ENTRIES_PER_IDENTITY = 25;

function entryList(title: string, entries: readonly string[]): string[] {
  if (entries.length === 0) return [`**${title}:** none`, ""];
  const shown = entries.slice(0, MAX_ENTRIES_PER_IDENTITY).map((entry) => `- ${md(entry)}`);
  if (entries.length > MAX_ENTRIES_PER_IDENTITY)
    shown.push(`- … and ${entries.length - MAX_ENTRIES_PER_IDENTITY} more (see the JSON report)`);
  return [`**${title}**`, "", ...shown, ""];
}

function findingItem(finding: Finding, isNew: boolean): string[] {
  const severity = finding.suppressedBy ? `suppressed ${finding.severity}` : SEVERITY_ICON[finding.severity];
  const lines = [
    `- ${severity} **${md(finding.ruleId)}** ${md(finding.ruleTitle)}${isNew ? " (new)" : ""}: ${md(findingMessage(finding))}`,
    `  <br>Fix: ${md(finding.fix)}`,
  ];
  if (finding.suppressedBy) lines.push(`  <br>Suppressed: ${md(suppressionText(finding.suppressedBy))}`);
  return lines;
}

function identitySummary(identity: ReviewedIdentity, status: string): string {
  const fresh = identity.findings.new;
  const blocking = fresh.filter((f) => f.severity === "error" && !f.suppressedBy).length;
  const count =
    blocking > 0
      ? ` · ❌ ${plural(blocking, "new blocking finding")}`
      : fresh.length > 0
        ? ` · ⚠️ ${plural(fresh.length, "new finding")}`
        : "";
  const stack = identity.stack ? ` (stack ${escapeHtmlText(identity.stack)})` : "";
  return `<b>${escapeHtmlText(identity.id)}</b>${stack} — ${escapeHtmlText(identity.kind)}, ${status}${count}`;
}

/**
 * One added or changed identity, collapsed: its accountability, trust and reach, what changed
 * against base, and its findings with their fixes. Open when it brings a new blocking finding.
 */
function identityDetails(identity: ReviewedIdentity, status: "added" | "changed"): string[] {
  const card = identityCard(identity.profile);
  const body = [
    "| | |",
    "|---|---|",
    ...card.facts.map(([label, value]) => `| ${label} | ${md(value)} |`),
    "",
  ];
  if (identity.changes.length > 0)
    body.push("**Changes against base**", "", ...identity.changes.flatMap(changeLines), "");
  body.push(...entryList("Trust", card.trust), ...entryList("Reach", card.reach));
  const findings = [
    ...identity.findings.new.map((f) => findingItem(f, true)),
    ...identity.findings.unchanged.map((f) => findingItem(f, false)),
  ];
  if (findings.length > 0) body.push("**Findings**", "", ...findings.flat());
  else body.push("**Findings:** none");
  const blocking = identity.findings.new.some((f) => f.severity === "error" && !f.suppressedBy);
  return details(identitySummary(identity, status), body, blocking);
}

function reviewVerdict(report: ReviewReport): string {
  const { diff } = report;
  const { added, removed, changed } = diff.identities;
  const icon = diff.blocking.length > 0 ? "❌" : diff.findings.new.length > 0 ? "⚠️" : "✅";
  const verdict =
    diff.blocking.length > 0
      ? `${plural(diff.blocking.length, "new blocking finding")}`
      : diff.findings.new.length > 0
        ? "no new blocking findings"
        : "no new findings";
  return (
    `${icon} **Workload identity review: ${verdict}** — identities: ${added.length} added, ${changed.length} changed, ` +
    `${removed.length} removed; findings: ${diff.findings.new.length} new, ${diff.findings.fixed.length} fixed, ` +
    `${diff.findings.unchanged.length} unchanged`
  );
}

/** GitHub-flavoured Markdown: PR comments and job summaries. Every input string is escaped. */
export const MARKDOWN_FORMAT: ReportFormat = {
  name: "markdown",
  check(report: CheckReport): string {
    const { evaluation, blocking } = report;
    const counts = countFindings(evaluation.findings);
    const active = evaluation.findings.filter((f) => !f.suppressedBy);
    const suppressed = evaluation.findings.filter((f) => f.suppressedBy);
    const verdict =
      blocking.length > 0
        ? `❌ **Workload identity check: ${plural(blocking.length, "blocking finding")}**`
        : "✅ **Workload identity check: no blocking findings**";
    const lines = [
      `${verdict} — ${plural(evaluation.graph.identities.length, "identity", "identities")}; ${plural(counts.error, "error")}, ` +
        `${plural(counts.warning, "warning")}, ${plural(counts.note, "note")}, ${counts.suppressed} suppressed`,
      "",
    ];
    if (active.length > 0) lines.push(...findingsTable(active), "");
    if (suppressed.length > 0)
      lines.push(...details(`Suppressed findings (${suppressed.length})`, findingsTable(suppressed)));
    if (evaluation.graph.notes.length > 0) {
      lines.push(
        ...details(
          `Not evaluated — needs review (${evaluation.graph.notes.length})`,
          capped(evaluation.graph.notes, (n) => [`- ${md(describeLocation(n.location))}: ${md(n.message)}`]),
        ),
      );
    }
    return `${lines.join("\n").trimEnd()}\n`;
  },
  review(report: ReviewReport): string {
    const { diff } = report;
    if (isQuietReview(diff)) {
      return (
        `✅ Workload identity review: no identity changes (${plural(diff.accountability.length, "identity", "identities")}, ` +
        `${plural(diff.findings.unchanged.length, "existing finding")}).\n${REVIEW_COMMENT_MARKER}\n`
      );
    }
    const lines = [reviewVerdict(report), ""];
    const { added, removed, changed } = diff.identities;
    if (diff.findings.new.length > 0) {
      lines.push(
        ...details(
          `New findings (${diff.findings.new.length}, ${diff.blocking.length} blocking)`,
          findingsTable(diff.findings.new),
          diff.blocking.length > 0,
        ),
      );
    }
    if (changed.length > 0)
      lines.push(
        `### Identities changed (${changed.length})`,
        "",
        ...capped(changed, (i) => identityDetails(i, "changed")),
      );
    if (added.length > 0)
      lines.push(
        `### Identities added (${added.length})`,
        "",
        ...capped(added, (i) => identityDetails(i, "added")),
      );
    if (removed.length > 0)
      lines.push(
        ...details(
          `Identities removed (${removed.length})`,
          capped(removed, (i) => [`- ${identityHeading(i)}`]),
        ),
      );
    if (diff.findings.fixed.length > 0)
      lines.push(
        ...details(`Fixed findings (${diff.findings.fixed.length})`, findingsTable(diff.findings.fixed)),
      );
    if (diff.findings.unchanged.length > 0) {
      lines.push(
        ...details(
          `Unchanged findings (${diff.findings.unchanged.length})`,
          findingsTable(diff.findings.unchanged),
        ),
      );
    }
    if (diff.accountability.length > 0) {
      const rows = [...diff.accountability].sort(
        (a, b) => Number(a.status === "unchanged") - Number(b.status === "unchanged"),
      );
      const table = [
        "| Identity | Status | Owner | Issuer owner | Approver | TTL | Approval expires |",
        "|---|---|---|---|---|---|---|",
        ...capped(rows, (r) => [
          `| ${md(r.id)} | ${r.status} | ${md(r.ownerTeam)}${r.ownerContact ? ` (${md(r.ownerContact)})` : ""} | ${md(r.issuerOwner)} | ` +
            `${md(r.approver)}${r.approvalReference ? ` (${md(r.approvalReference)})` : ""} | ${md(r.ttl)} | ${md(r.approvalExpires)} |`,
        ]),
      ];
      const notice = table[table.length - 1].startsWith("|") ? [] : table.splice(table.length - 2, 2);
      lines.push(
        ...details(`Accountability (${plural(rows.length, "identity", "identities")})`, [
          ...table,
          ...notice,
        ]),
      );
    }
    lines.push(REVIEW_COMMENT_MARKER);
    return `${lines.join("\n")}\n`;
  },
  inventory(report: InventoryReport): string {
    if (report.rows.length === 0) return "No identities found.\n";
    const lines = [
      `| ${INVENTORY_COLUMNS.map((c) => c.header).join(" | ")} |`,
      `|${INVENTORY_COLUMNS.map(() => "---").join("|")}|`,
      ...report.rows.map((row) => `| ${INVENTORY_COLUMNS.map((c) => md(c.value(row))).join(" | ")} |`),
    ];
    return `${lines.join("\n")}\n`;
  },
  rules(report: RulesReport): string {
    return renderRulesMarkdown(report.rules);
  },
};

/** RULES.md: generated from the catalog (trusted text; only table pipes need care). */
export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const lines = [
    "# Rule catalog",
    "",
    "Generated by `cdktf-workload-identity rules --format markdown` from the rule catalog; do not edit by hand.",
    "Rule IDs are stable and never reused. `error` findings block synth and pull requests; `warning` and `note` are reported.",
    "",
    "| ID | Severity | Title | OWASP NHI |",
    "|---|---|---|---|",
    ...rules.map(
      (r) =>
        `| [${r.id}](#${r.id.toLowerCase()}) | ${r.severity} | ${cell(r.title)} | ${r.owasp.join(", ")} |`,
    ),
    "",
  ];
  for (const rule of rules) {
    lines.push(
      `## ${rule.id}`,
      "",
      `**${rule.title}**`,
      "",
      `Severity: \`${rule.severity}\` · OWASP NHI: ${rule.owasp.join(", ") || "none"}`,
      "",
      `Why: ${rule.rationale}`,
      "",
      `Fix: ${rule.fix}`,
      "",
    );
    if (rule.semantics && rule.semantics.length > 0)
      lines.push("Evaluation:", "", ...rule.semantics.map((item) => `- ${item}`), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
