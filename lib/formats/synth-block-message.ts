import { describeLocation, type SourceLocation } from "../model/location";
import type { Finding } from "../model/finding";
import { quote } from "../model/unsafe-text";
import { escapeText } from "./escape-text";
import { shownRelated } from "./finding-summary";
import type { Rule } from "../rules/rule";

/** Construct path and Terraform address: users know the first, Terraform and plans show the second. */
function locationLabel(location: SourceLocation): string {
  const label = describeLocation(location);
  return escapeText(location.constructPath ? `${label} (${location.address})` : label);
}

/**
 * One line per finding, e.g. `WI301 error  prod/deploy-api: <message>`. Locations and messages
 * carry names from the input: every unsafe character is shown escaped, so the line stays one line
 * on a terminal or in a CI log and reads the way the value is stored.
 */
export function findingLine(finding: Finding): string {
  const where = locationLabel(finding.location);
  const suppressed = finding.suppressedBy
    ? ` [suppressed until ${escapeText(finding.suppressedBy.expiresOn)} by ${quote(finding.suppressedBy.approver)}]`
    : "";
  // A suppressed finding does not block: its label says so instead of its rule's severity.
  const label = finding.suppressedBy ? "suppressed" : finding.severity;
  return `${finding.ruleId} ${label.padEnd(7)} ${where}: ${escapeText(finding.message)}${suppressed}`;
}

/**
 * The single message that fails `app.synth()` when blocking findings exist: every finding of
 * every stack, each with its fix, and how to record an approved exception.
 */
export function blockedSynthMessage(blocking: readonly Finding[], rules: ReadonlyMap<string, Rule>): string {
  const stacks = [...new Set(blocking.map((f) => f.location.stack ?? ""))].sort();
  const named = stacks.map((stack) => quote(stack)).join(", ");
  const lines = [
    `cdktf-workload-identity blocked synth: ${blocking.length} blocking finding${blocking.length === 1 ? "" : "s"} ` +
      `in stack${stacks.length === 1 ? "" : "s"} ${named}. No stack output was written ` +
      `(the app's stacks of an earlier synth were removed, so nothing stale can be checked or deployed).`,
  ];
  for (const finding of blocking) {
    lines.push(`  ${findingLine(finding)}`);
    const { shown, more } = shownRelated(finding.related);
    for (const related of shown) lines.push(`        also: ${locationLabel(related)}`);
    if (more > 0) lines.push(`        and ${more} more`);
    const fix = rules.get(finding.ruleId)?.fix;
    if (fix) lines.push(`        fix: ${fix}`);
  }
  lines.push("  To record an approved exception instead, add to each WorkloadIdentity involved:");
  for (const ruleId of [...new Set(blocking.map((f) => f.ruleId))].sort()) {
    lines.push(
      `    suppressions: [{ ruleId: ${quote(ruleId)}, reason: "<why, at least 20 characters>", approver: "<not the owner team>", expiresOn: "YYYY-MM-DD" }]`,
    );
  }
  return lines.join("\n");
}

/** Raised when enforcement is asked of a construct tree that has no cdktf App at its root. */
export function noAppForEnforcement(path: string): Error {
  return new Error(
    `cdktf-workload-identity: cannot enable enforcement for ${quote(path)}: its construct tree has no cdktf App at the root. ` +
      `Create the stack inside \`new App()\` (or \`Testing.app()\` in tests).`,
  );
}
