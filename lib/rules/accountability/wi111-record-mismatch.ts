import type { RuleResult } from "../../model/finding";
import type { RecordIssue } from "../../model/graph";
import type { Rule } from "../rule";
import { quote, quoteLocation } from "../../analysis/quote";

function describeIssue(issue: RecordIssue): string {
  const id = issue.recordId !== undefined ? ` of ${quote(issue.recordId)}` : "";
  switch (issue.kind) {
    case "malformed":
      return `carries an identity record${id} that is not well-formed (${quote(issue.detail ?? "")})`;
    case "foreign-resource":
      return (
        `carries the identity record${id} but was not synthesized with it ` +
        (issue.detail !== undefined
          ? `(its construct path is ${quote(issue.detail)}, not a child of the identity's)`
          : "(it has no construct path)")
      );
    case "conflicting":
      return `carries an identity record${id} that differs from the one on the identity's other resources`;
    case "claimed-twice":
      return `is one of ${issue.detail ?? "several"} principals of one kind claiming the identity record${id}; one identity synthesizes one`;
    case "scope-differs":
      return `carries the identity record${id}, but its attached policies differ from the record's scope (${quote(issue.detail ?? "")})`;
  }
}

export const WI111_RECORD_MISMATCH: Rule = {
  id: "WI111",
  title: "Identity record does not match its resources",
  severity: "error",
  rationale:
    'The `"//"` identity record is a claim, editable by anyone who edits the file: it adds accountability only to the resources ' +
    "it was synthesized with and never merges, hides or renames a principal. A record that is malformed, copied onto other " +
    "resources, claimed twice or stating another scope than the attached policies is ignored (the resources are reviewed " +
    "as hand-written ones, so the paths they share are still reported) and reported here, because it signals an edited " +
    "or hand-copied record.",
  fix:
    "Declare the identity with `WorkloadIdentity` and synthesize again instead of editing or copying the record; remove the " +
    "record from resources that were not synthesized with it, and grant scope through the declaration, not extra attachments.",
  owasp: ["NHI1", "NHI9"],
  semantics: [
    "Identities are keyed by their principal resources (an IAM role, a Vault role on its mount). A record is honoured only on the construct children its WorkloadIdentity synthesizes (`<id>/role`, `<id>/role-policy`, `<id>/vault-policy`, `<id>/vault-role`, from cdktf's `//.metadata.path`) in the same stack, for at most one IAM role and one Vault role; the record may be written on one of them or on each.",
    'Terraform ignores the `"//"` key of a JSON block, so nothing in Terraform ties the record to the resource: it is a claim checked here (https://developer.hashicorp.com/terraform/language/syntax/json#comment-properties).',
  ],
  check({ graph }) {
    const results: RuleResult[] = [];
    for (const issue of graph.recordIssues) {
      results.push({
        message:
          `Resource ${quoteLocation(issue.location)} ${describeIssue(issue)}` +
          (issue.kind === "scope-differs"
            ? ": the record does not describe what the identity can do."
            : ": the record is ignored for it."),
        location: issue.location,
        key: issue.kind,
      });
    }
    return results;
  },
};
