import type { IdentityRecord, IssuerKind } from "../model/record";
import { SUBJECT_GRAMMARS } from "../model/subject-grammar";
import type { MatchKind } from "./trust-conditions";

/** The kind the record declares, which wins over what the issuer host suggests. */
export function recordIssuerKind(record: IdentityRecord | undefined): IssuerKind | undefined {
  const kind = record?.issuer?.kind;
  return kind === undefined || kind === "generic" ? undefined : kind;
}

/**
 * Why a subject value does not pin one workload, or undefined when it does. Under a glob match
 * any `*` or `?` widens the subject; under a literal match the value must follow the grammar of
 * the issuer kind (lib/model/subject-grammar, the one `Subject.*` checks). Generic issuers
 * (Google included) have no grammar to check (only wildcards).
 */
export function subjectValueProblem(kind: IssuerKind, value: string, match: MatchKind): string | undefined {
  if (match === "glob" && /[*?]/.test(value)) return "is a wildcard pattern";
  const grammar = SUBJECT_GRAMMARS[kind];
  if (grammar && !grammar.accepts(value)) return `does not follow the subject form ${grammar.expected}`;
  return undefined;
}

/** True when an identity declared `Subject.pattern` with a written reason: its wildcard findings are warnings. */
export function declaresPatternSubject(record: IdentityRecord | undefined): boolean {
  const subject = record?.subject;
  return (
    subject?.kind === "pattern" &&
    typeof subject.patternReason === "string" &&
    subject.patternReason.trim() !== ""
  );
}
