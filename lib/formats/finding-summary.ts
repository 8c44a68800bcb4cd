import type { Evaluation } from "../engine/evaluate";
import type { Finding, Severity } from "../model/finding";
import type { SuppressionRecord } from "../model/record";

export interface FindingCounts {
  readonly error: number;
  readonly warning: number;
  readonly note: number;
  readonly suppressed: number;
  readonly unknown: number;
}

/** Counts of active findings by severity; suppressed ones are counted apart. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts = { error: 0, warning: 0, note: 0, suppressed: 0, unknown: 0 };
  for (const finding of findings) {
    if (finding.suppressedBy) counts.suppressed++;
    else counts[finding.severity]++;
    if (finding.unknown) counts.unknown++;
  }
  return counts;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  error: "error",
  warning: "warning",
  note: "note",
};

/** "reason (approved by X until YYYY-MM-DD)": how every report shows an applied suppression. */
export function suppressionText(suppression: SuppressionRecord): string {
  return `${suppression.reason} (approved by ${suppression.approver} until ${suppression.expiresOn})`;
}

/** Unknown results carry the words every report uses for values that could not be evaluated. */
export function findingMessage(finding: Finding): string {
  return finding.unknown && !/needs review/i.test(finding.message)
    ? `${finding.message} (unknown — needs review)`
    : finding.message;
}

/**
 * How many related locations the terminal and synth reports print for one finding: a grouped
 * finding (N identities share X) can relate thousands; JSON and SARIF carry them all.
 */
export const SHOWN_RELATED = 10;

/** The related locations a terminal report prints, and how many it leaves out. */
export function shownRelated<T>(related: readonly T[]): { shown: readonly T[]; more: number } {
  const shown = related.slice(0, SHOWN_RELATED);
  return { shown, more: related.length - shown.length };
}

/** Where each declared identity was written in the user's source (`file:line`), by identity id. */
export function declarations(evaluation: Pick<Evaluation, "graph">): Map<string, string> {
  const byId = new Map<string, string>();
  for (const identity of evaluation.graph.identities) {
    const declaredAt = identity.record?.declaredAt;
    if (declaredAt !== undefined) byId.set(identity.id, declaredAt);
  }
  return byId;
}
