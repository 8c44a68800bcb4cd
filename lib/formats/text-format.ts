import { describeLocation, type SourceLocation } from "../model/location";
import type { Finding } from "../model/finding";
import { escapeText } from "./escape-text";
import {
  countFindings,
  declarations,
  findingMessage,
  plural,
  shownRelated,
  suppressionText,
} from "./finding-summary";
import type { CheckReport, RenderOptions, ReportFormat, ReviewReport, RulesReport } from "./report-format";
import { identityCard } from "../review/identity-card";
import type { IdentityChange, ReviewedIdentity } from "../review/review-diff";
import { isQuietReview } from "../review/review-diff";

const ANSI = {
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  dim: "\u001b[2m",
  bold: "\u001b[1m",
  reset: "\u001b[0m",
};

function painter(options: RenderOptions) {
  return (style: keyof typeof ANSI, text: string) =>
    options.color ? `${ANSI[style]}${text}${ANSI.reset}` : text;
}

function where(location: SourceLocation): string {
  const file = location.line ? `${location.file}:${location.line}` : location.file;
  return escapeText(`${file} (${location.stack ? `${location.stack}:` : ""}${location.address})`);
}

function renderFinding(
  finding: Finding,
  options: RenderOptions,
  declared: ReadonlyMap<string, string> = new Map(),
): string[] {
  const paint = painter(options);
  const label = finding.suppressedBy ? "SUPPRESSED" : finding.severity.toUpperCase();
  const style = finding.suppressedBy
    ? "dim"
    : finding.severity === "error"
      ? "red"
      : finding.severity === "warning"
        ? "yellow"
        : "dim";
  const lines = [
    `${paint(style, label.padEnd(10))} ${paint("bold", escapeText(finding.ruleId))}  ${escapeText(describeLocation(finding.location))}`,
    `           ${escapeText(findingMessage(finding))}`,
    `           at ${where(finding.location)}`,
  ];
  // The source line that declared the identity: where the fix is made.
  const source = finding.identityIds.map((id) => declared.get(id)).find((at) => at !== undefined);
  if (source !== undefined) lines.push(`           declared at ${escapeText(source)}`);
  // Suppressed and fixed findings need no fix; an active one says how to resolve it.
  if (!finding.suppressedBy) lines.push(`           fix: ${escapeText(finding.fix)}`);
  const { shown, more } = shownRelated(finding.related);
  for (const related of shown) lines.push(`           related ${where(related)}`);
  if (more > 0) lines.push(`           and ${more} more related (see the JSON or SARIF report)`);
  if (finding.suppressedBy)
    lines.push(`           suppressed: ${escapeText(suppressionText(finding.suppressedBy))}`);
  return lines;
}

function changeLines(change: IdentityChange): string[] {
  const transition =
    change.before !== undefined || change.after !== undefined
      ? `: ${escapeText(change.before ?? "none")} -> ${escapeText(change.after ?? "none")}`
      : "";
  return [
    `    ${escapeText(change.summary)}${transition}`,
    ...(change.added ?? []).map((entry) => `      + ${escapeText(entry)}`),
    ...(change.removed ?? []).map((entry) => `      - ${escapeText(entry)}`),
  ];
}

/** One added or changed identity: accountability, changes, trust, reach and its findings. */
function identityLines(identity: ReviewedIdentity, status: string, options: RenderOptions): string[] {
  const paint = painter(options);
  const card = identityCard(identity.profile);
  const lines = [
    paint(
      "bold",
      `${escapeText(identity.id)} (${status}${identity.stack ? `, stack ${escapeText(identity.stack)}` : ""})`,
    ),
  ];
  const width = Math.max(...card.facts.map(([label]) => label.length));
  for (const [label, value] of card.facts)
    lines.push(`  ${`${label}:`.padEnd(width + 1)} ${escapeText(value ?? "-")}`);
  if (identity.changes.length > 0)
    lines.push("  Changes against base:", ...identity.changes.flatMap(changeLines));
  lines.push("  Trust:", ...card.trust.map((entry) => `    ${escapeText(entry)}`));
  lines.push(
    "  Reach:",
    ...(card.reach.length > 0 ? card.reach : ["none"]).map((e) => `    ${escapeText(e)}`),
  );
  const findings = [...identity.findings.new, ...identity.findings.unchanged];
  if (findings.length > 0) {
    lines.push("  Findings:");
    for (const finding of findings)
      lines.push(...renderFinding(finding, options).map((line) => `    ${line}`));
  }
  return lines;
}

/** Plain terminal text; colours only when asked (the CLI asks only for a TTY). */
export const TEXT_FORMAT: ReportFormat = {
  name: "text",
  check(report: CheckReport, options: RenderOptions): string {
    const { evaluation, blocking } = report;
    const counts = countFindings(evaluation.findings);
    const paint = painter(options);
    const verdict =
      blocking.length > 0
        ? paint("red", `FAIL — ${plural(blocking.length, "blocking finding")}`)
        : "PASS — no blocking findings";
    const lines = [
      `Workload identity check: ${verdict}`,
      `${plural(evaluation.graph.identities.length, "identity", "identities")}; ` +
        `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.note, "note")}, ` +
        `${counts.suppressed} suppressed, ${counts.unknown} unknown (needs review)`,
      `Inputs: ${evaluation.graph.sources.map((s) => escapeText(s.stack ? `${s.file} (stack ${s.stack})` : s.file)).join(", ") || "none"}`,
    ];
    const declared = declarations(evaluation);
    for (const finding of evaluation.findings) lines.push("", ...renderFinding(finding, options, declared));
    if (evaluation.graph.notes.length > 0) {
      lines.push("", "Not evaluated (unknown — needs review):");
      for (const note of evaluation.graph.notes)
        lines.push(`  ${where(note.location)}: ${escapeText(note.message)}`);
    }
    return `${lines.join("\n")}\n`;
  },
  review(report: ReviewReport, options: RenderOptions): string {
    const { diff } = report;
    const paint = painter(options);
    const { added, removed, changed } = diff.identities;
    const verdict =
      diff.blocking.length > 0
        ? paint("red", `FAIL — the change introduces ${plural(diff.blocking.length, "blocking finding")}`)
        : "PASS — no new blocking findings";
    const lines = [
      `Workload identity review: ${verdict}`,
      `Identities: ${added.length} added, ${changed.length} changed, ${removed.length} removed; ` +
        `findings: ${diff.findings.new.length} new, ${diff.findings.fixed.length} fixed, ${diff.findings.unchanged.length} unchanged`,
    ];
    if (isQuietReview(diff)) return `${[...lines, "No identity changes."].join("\n")}\n`;
    const section = (title: string, body: string[]) => {
      if (body.length > 0) lines.push("", paint("bold", title), ...body);
    };
    section(
      "New findings",
      diff.findings.new.flatMap((f) => ["", ...renderFinding(f, options)]),
    );
    section(
      "Changed identities",
      changed.flatMap((i) => ["", ...identityLines(i, "changed", options)]),
    );
    section(
      "Added identities",
      added.flatMap((i) => ["", ...identityLines(i, "added", options)]),
    );
    section(
      "Removed identities",
      removed.map((i) => `  ${escapeText(i.id)}${i.stack ? ` (stack ${escapeText(i.stack)})` : ""}`),
    );
    section(
      "Fixed findings",
      diff.findings.fixed.map(
        (f) =>
          `  ${escapeText(f.ruleId)} ${escapeText(describeLocation(f.location))}: ${escapeText(findingMessage(f))}`,
      ),
    );
    if (diff.findings.unchanged.length > 0)
      lines.push(
        "",
        `${plural(diff.findings.unchanged.length, "finding")} unchanged from base (see --format json).`,
      );
    return `${lines.join("\n")}\n`;
  },
  rules(report: RulesReport): string {
    const lines: string[] = [];
    for (const rule of report.rules) {
      lines.push(
        `${rule.id}  ${rule.severity.padEnd(7)}  ${rule.title}`,
        `       OWASP NHI: ${rule.owasp.join(", ") || "-"}`,
        `       why: ${rule.rationale}`,
        `       fix: ${rule.fix}`,
        "",
      );
    }
    lines.push(`${plural(report.rules.length, "rule")}.`);
    return `${lines.join("\n")}\n`;
  },
};
