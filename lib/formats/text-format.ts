import { describeLocation, type SourceLocation } from "../model/location";
import type { Finding } from "../model/finding";
import { escapeText } from "./escape-text";
import { countFindings, findingMessage, plural, shownRelated, suppressionText } from "./finding-summary";
import type { CheckReport, RenderOptions, ReportFormat, RulesReport } from "./report-format";

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

function renderFinding(finding: Finding, options: RenderOptions): string[] {
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
  const { shown, more } = shownRelated(finding.related);
  for (const related of shown) lines.push(`           related ${where(related)}`);
  if (more > 0) lines.push(`           and ${more} more related (see the JSON or SARIF report)`);
  if (finding.suppressedBy)
    lines.push(`           suppressed: ${escapeText(suppressionText(finding.suppressedBy))}`);
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
    for (const finding of evaluation.findings) lines.push("", ...renderFinding(finding, options));
    if (evaluation.graph.notes.length > 0) {
      lines.push("", "Not evaluated (unknown — needs review):");
      for (const note of evaluation.graph.notes)
        lines.push(`  ${where(note.location)}: ${escapeText(note.message)}`);
    }
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
