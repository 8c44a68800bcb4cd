import type { IdentityRecord } from "../model/record";
import type { MatchKind } from "./trust-conditions";
import type { IssuerFamily } from "./trust-issuer";

/**
 * Subject grammars (DESIGN §8). A pinned subject names one repository and one ref, environment
 * or pull request (GitHub), one project and ref (GitLab), one service account (Kubernetes), one
 * workspace and run phase (HCP Terraform), one SPIFFE ID. Owner and repository may carry the
 * immutable `@ID` suffix. Google and generic issuers have no grammar to check (only wildcards).
 */
const GRAMMARS: Partial<Record<IssuerFamily, { readonly pattern: RegExp; readonly expected: string }>> = {
  "github-actions": {
    pattern:
      /^repo:[A-Za-z0-9-]+(@\d+)?\/[A-Za-z0-9._-]+(@\d+)?:(ref:refs\/(heads|tags)\/[^*?\s]+|environment:[^*?\s]+|pull_request)$/,
    expected: "repo:OWNER/REPO:ref:refs/heads/BRANCH, :environment:NAME, :ref:refs/tags/TAG or :pull_request",
  },
  gitlab: {
    pattern: /^project_path:[^:*?\s]+\/[^:*?\s]+:ref_type:(branch|tag):ref:[^*?\s]+$/,
    expected: "project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME",
  },
  kubernetes: {
    pattern: /^system:serviceaccount:[a-z0-9]([a-z0-9-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/,
    expected: "system:serviceaccount:NAMESPACE:NAME",
  },
  "terraform-cloud": {
    pattern: /^organization:[^:*?\s]+:project:[^:*?\s]+:workspace:[^:*?\s]+:run_phase:(plan|apply)$/,
    expected: "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:plan|apply",
  },
  spiffe: {
    pattern: /^spiffe:\/\/[a-z0-9._-]+(\/(?!\.{1,2}(\/|$))[A-Za-z0-9._-]+)+$/,
    expected: "spiffe://TRUST-DOMAIN/PATH",
  },
};

/** The family the record declares, which wins over what the issuer host suggests. */
export function recordIssuerFamily(record: IdentityRecord | undefined): IssuerFamily | undefined {
  const kind = record?.issuer?.kind;
  return kind === undefined || kind === "generic" ? undefined : kind;
}

/**
 * Why a subject value does not pin one workload, or undefined when it does. Under a glob match
 * any `*` or `?` widens the subject; under a literal match the value must follow the grammar.
 */
export function subjectValueProblem(
  family: IssuerFamily,
  value: string,
  match: MatchKind,
): string | undefined {
  if (match === "glob" && /[*?]/.test(value)) return "is a wildcard pattern";
  const grammar = GRAMMARS[family];
  if (grammar && !grammar.pattern.test(value)) return `does not follow the subject form ${grammar.expected}`;
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
