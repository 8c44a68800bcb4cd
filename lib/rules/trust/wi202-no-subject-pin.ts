import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { webIdentityTrusts, type WebIdentityTrust } from "../../analysis/trust-aws-analysis";
import { claimNamesOf, issuerKindOf } from "../../model/issuer";
import { githubClaimBindingProblem } from "../../analysis/trust-workload-claims";
import { trustSourcesRelated } from "../../analysis/trust-principals";
import { quote, quoteLocation } from "../../analysis/quote";

/**
 * For a GitHub trust without a `sub` condition, whether the per-claim keys still pin one workload:
 * null when they do, else why not. Other issuers have no per-claim keys: "" (no detail).
 */
function perClaimProblem(trust: WebIdentityTrust): string | null {
  if (issuerKindOf(trust.issuer ?? "") !== "github-actions") return "";
  const names = claimNamesOf(trust.issuer ?? "");
  const pins = trust.claimPins.filter((pin) => pin.claim !== names.audience);
  const exact = new Set(
    pins
      .filter(
        (pin) => pin.values.length > 0 && (pin.match !== "glob" || !pin.values.some((v) => /[*?]/.test(v))),
      )
      .map((pin) => pin.claim),
  );
  return (
    githubClaimBindingProblem(
      exact,
      pins.map((pin) => pin.claim),
    ) ?? null
  );
}

export const WI202_NO_SUBJECT_PIN: Rule = {
  id: "WI202",
  title: "Web-identity trust without subject pin",
  severity: "error",
  rationale:
    "Without a condition on the subject claim every workload the issuer serves (every repository, project or service account) can assume the role.",
  fix: "Add `StringEquals` on `<issuer>:sub` naming the one workload (repository and ref, service account, workspace); for GitHub, the per-claim keys `<issuer>:repository` (or `:repository_id`) together with `:ref`, `:environment` or `:job_workflow_ref` pin one workload too.",
  semantics: [
    "GitHub per-claim condition keys (`token.actions.githubusercontent.com:repository`, `:repository_id`, `:ref`, `:environment`, `:job_workflow_ref`, ...) pin a workload when one repository claim and one context claim are bound exactly; `ref`, `repository_owner`, `actor` or `enterprise_id` alone admit many repositories (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif, https://docs.github.com/en/actions/reference/security/oidc).",
  ],
  owasp: ["NHI6", "NHI9"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per trust, unoptimized, where each iterator step allocates.
    const trusts = webIdentityTrusts(graph, "assumable");
    for (let t = 0; t < trusts.length; t++) {
      const trust = trusts[t];
      if (trust.subjectPins.length > 0) continue;
      const problem = perClaimProblem(trust);
      if (problem === null) continue;
      const role = trust.occurrence.principal;
      results.push({
        message: `Role ${quoteLocation(role.location)} accepts tokens from ${quote(trust.issuer ?? trust.principal)} for any subject${problem ? `: it ${problem}` : ""}.`,
        location: role.location,
        ...trustSourcesRelated(role),
        identityIds: trust.occurrence.identityIds,
        key: trust.principal,
      });
    }
    return results;
  },
};
