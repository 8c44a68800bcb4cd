import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { webIdentityTrusts, type WebIdentityTrust } from "../../analysis/trust-aws-analysis";
import { issuerKindOf } from "../../model/issuer";
import { trustSourcesRelated } from "../../analysis/trust-principals";
import { quote, quoteLocation } from "../../analysis/quote";
import {
  declaresPatternSubject,
  recordIssuerKind,
  subjectValueProblem,
} from "../../analysis/trust-subject-grammar";

/**
 * The subject problems of one trust, or none when some subject pin (pins are ANDed) lists only
 * values that each name one workload.
 */
function subjectProblems(trust: WebIdentityTrust): Array<{ value: string; problem: string }> {
  const kind = recordIssuerKind(trust.occurrence.identities[0]?.record) ?? issuerKindOf(trust.issuer ?? "");
  const problems: Array<{ value: string; problem: string }> = [];
  const pins = trust.subjectPins;
  for (let p = 0; p < pins.length; p++) {
    const pin = pins[p];
    const before = problems.length;
    const values = pin.values;
    for (let v = 0; v < values.length; v++) {
      const value = values[v];
      const problem = subjectValueProblem(kind, value, pin.match);
      if (problem) problems.push({ value, problem });
    }
    if (problems.length === before && pin.values.length > 0) return [];
  }
  return problems;
}

export const WI203_UNPINNED_SUBJECT: Rule = {
  id: "WI203",
  title: "Wildcard or non-repository-pinned subject",
  severity: "error",
  rationale:
    "A subject pattern (`repo:org/*`, `repo:org/repo:*`, `*`) or a subject outside the issuer's grammar (`workflow:...`, `repo:org*`) admits workloads other than the intended one, or nothing at all; either way the binding does not name one workload.",
  fix: "Pin the subject exactly, e.g. `repo:OWNER/REPO:environment:production`; when a pattern is truly needed, declare it with `Subject.pattern(value, reason)` (still reported, as a warning).",
  owasp: ["NHI6", "NHI9"],
  semantics: [
    "GitHub subjects pin one workload in the default form `repo:OWNER/REPO:ref:...|environment:...|pull_request`, the ID-based form `repo:OWNER@ID/REPO@ID:...`, or a customized template's `key:value` pairs that name the repository (`repo` or `repository_id`) before any free-text claim (`workflow`, `environment`), whose value could itself spell `:repo:...` (https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository).",
  ],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per trust, unoptimized, where each iterator step allocates.
    const trusts = webIdentityTrusts(graph, "assumable");
    for (let t = 0; t < trusts.length; t++) {
      const trust = trusts[t];
      const problems = subjectProblems(trust);
      if (problems.length === 0) continue;
      const role = trust.occurrence.principal;
      const first = problems[0];
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
      const declared = trust.occurrence.identities.some((identity) =>
        declaresPatternSubject(identity.record),
      );
      results.push({
        message: `Role ${quoteLocation(role.location)} accepts subject ${quote(first.value)}, which ${first.problem}${more}.`,
        location: role.location,
        ...trustSourcesRelated(role),
        identityIds: trust.occurrence.identityIds,
        severity: declared ? "warning" : undefined,
        key: trust.principal,
      });
    }
    return results;
  },
};
