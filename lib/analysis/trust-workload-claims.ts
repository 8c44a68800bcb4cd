/**
 * Whether a binding made of claims other than the subject still names one workload. GitHub's
 * OIDC token carries the repository and the run's context as separate claims, and both AWS (the
 * per-claim condition keys `token.actions.githubusercontent.com:repository`, `:repository_id`,
 * `:ref`, `:environment`, `:job_workflow_ref`, `:actor`, `:enterprise_id`, ...) and Vault
 * (`bound_claims`) can bind them instead of `sub`
 * (https://docs.github.com/en/actions/reference/security/oidc#understanding-the-oidc-token,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif,
 * https://developer.hashicorp.com/vault/api-docs/auth/jwt#bound_claims). One workload is what a
 * pinned subject names (DESIGN §8): one repository AND one ref, environment, workflow or event.
 * A binding on `ref`, `environment`, `repository_owner`, `actor` or `enterprise_id` alone admits
 * tokens of many repositories, the same error as a wildcard subject.
 */

/** Claims that name exactly one repository. */
const GITHUB_REPOSITORY_CLAIMS = ["repository", "repository_id"];
/** Claims that narrow a repository's runs to one context (as the subject's ref/environment/pull_request part does). */
const GITHUB_CONTEXT_CLAIMS = ["ref", "environment", "job_workflow_ref", "workflow_ref", "event_name"];

/**
 * Why a GitHub binding with no subject constraint does not name one workload, or undefined when
 * it does. `exactClaims`: the (lower-case) claims bound to exact values only; `boundClaims`: every
 * claim bound at all (for the message).
 */
export function githubClaimBindingProblem(
  exactClaims: ReadonlySet<string>,
  boundClaims: readonly string[],
): string | undefined {
  const listed =
    boundClaims.length > 0 ? `bound only by ${[...new Set(boundClaims)].sort().join(", ")}` : "unbound";
  if (!GITHUB_REPOSITORY_CLAIMS.some((claim) => exactClaims.has(claim)))
    return `admits tokens of more than one repository (${listed}; pin repository or repository_id exactly)`;
  if (!GITHUB_CONTEXT_CLAIMS.some((claim) => exactClaims.has(claim)))
    return `admits every workflow run of the repository (${listed}; pin ref, environment or job_workflow_ref exactly)`;
  return undefined;
}
