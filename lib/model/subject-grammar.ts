/**
 * The `sub` claim grammar of each issuer kind, one home for both sides: the `Subject.*` factories
 * (lib/declaration/subject) check each argument with the part predicates, and WI203 parses a
 * subject read back from a trust policy into the same parts and checks them with the same
 * predicates. A name the factory accepts therefore never fails WI203.
 *
 * Sources (DESIGN §8):
 * * GitHub: https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
 *   (owner names: 1-39 letters, digits, inner `-`; repository names: letters, digits, `._-`;
 *   environment names: up to 255 characters; immutable `OWNER@ID/REPO@ID` form).
 * * Git ref names: `git check-ref-format` (https://git-scm.com/docs/git-check-ref-format).
 * * GitLab: https://docs.gitlab.com/ci/secrets/id_token_authentication/ (`project_path:...:ref_type:...:ref:...`).
 * * Kubernetes: service account tokens `system:serviceaccount:NAMESPACE:NAME`; namespaces are
 *   DNS-1123 labels, service account names DNS-1123 subdomains
 *   (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/).
 * * HCP Terraform: https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 *   (project names: letters, digits, inner spaces, `-` and `_`, e.g. "Default Project").
 * * SPIFFE: https://github.com/spiffe/spiffe/blob/main/standards/SPIFFE-ID.md.
 *
 * To add an issuer kind's grammar: one entry in SUBJECT_GRAMMARS (see CONTRIBUTING.md).
 */
import type { IssuerKind } from "./record";
import { hasControlCharacters, hasWildcard } from "./text-checks";

const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;
const NUMERIC_ID = /^[0-9]{1,20}$/;
const GITLAB_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const TFC_NAME = /^[A-Za-z0-9_-]+$/;
const TFC_PROJECT = /^[A-Za-z0-9_-]+(?: [A-Za-z0-9_-]+)*$/;
const SPIFFE_TRUST_DOMAIN = /^[a-z0-9._-]{1,255}$/;
const SPIFFE_SEGMENT = /^[A-Za-z0-9._-]+$/;
const SPIFFE_MAX_BYTES = 2048;

/** A part of a subject: not blank, no control character, no wildcard (only patterns have them). */
export function isPlainSubjectPart(text: string): boolean {
  return text.trim() !== "" && !hasControlCharacters(text) && !hasWildcard(text);
}

/** `OWNER/REPO`, or the immutable `OWNER@ID/REPO@ID`. */
export function isGithubRepository(text: string): boolean {
  const [owner, repo, ...rest] = text.split("/");
  if (rest.length > 0 || repo === undefined) return false;
  const ownerParts = owner.split("@");
  const repoParts = repo.split("@");
  const plain = ownerParts.length === 1 && repoParts.length === 1;
  const withIds =
    ownerParts.length === 2 &&
    repoParts.length === 2 &&
    NUMERIC_ID.test(ownerParts[1]) &&
    NUMERIC_ID.test(repoParts[1]);
  return (
    (plain || withIds) &&
    GITHUB_OWNER.test(ownerParts[0]) &&
    GITHUB_REPO.test(repoParts[0]) &&
    repoParts[0] !== "." &&
    repoParts[0] !== ".."
  );
}

/** A GitHub environment name: up to 255 characters, no `:` (the claim separator), no outer spaces. */
export function isGithubEnvironmentName(text: string): boolean {
  return isPlainSubjectPart(text) && text.length <= 255 && !text.includes(":") && text.trim() === text;
}

/** A short branch or tag name valid under `git check-ref-format`. */
export function isGitRefName(text: string): boolean {
  return (
    isPlainSubjectPart(text) &&
    text.length <= 255 &&
    !/[\s~^:\\[]/.test(text) &&
    !text.includes("..") &&
    !text.includes("@{") &&
    text !== "@" &&
    !text.startsWith("/") &&
    !text.endsWith("/") &&
    !text.includes("//") &&
    !text.endsWith(".") &&
    !text.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock"))
  );
}

/** `GROUP/PROJECT` or `GROUP/SUBGROUP/.../PROJECT`. */
export function isGitlabProjectPath(text: string): boolean {
  const segments = text.split("/");
  return (
    segments.length >= 2 &&
    segments.every(
      (s) => GITLAB_SEGMENT.test(s) && !s.endsWith(".") && !s.endsWith(".git") && !s.endsWith(".atom"),
    )
  );
}

export function isGitlabRefType(text: string): boolean {
  return text === "branch" || text === "tag";
}

/** A Kubernetes namespace: a DNS-1123 label. */
export function isKubernetesNamespace(text: string): boolean {
  return DNS_LABEL.test(text);
}

/** A Kubernetes service account name: a DNS-1123 subdomain. */
export function isKubernetesServiceAccountName(text: string): boolean {
  return text.length <= 253 && text.split(".").every((label) => DNS_LABEL.test(label));
}

export function isTerraformCloudOrganization(text: string): boolean {
  return TFC_NAME.test(text);
}

export function isTerraformCloudProject(text: string): boolean {
  return TFC_PROJECT.test(text);
}

export function isTerraformCloudWorkspace(text: string): boolean {
  return TFC_NAME.test(text) && text.length <= 90;
}

export function isTerraformCloudRunPhase(text: string): boolean {
  return text === "plan" || text === "apply";
}

export function isSpiffeTrustDomain(text: string): boolean {
  return SPIFFE_TRUST_DOMAIN.test(text);
}

/** Why a SPIFFE ID is invalid under the SPIFFE-ID specification, or undefined when valid. */
export function spiffeIdProblem(id: string): string | undefined {
  if (new TextEncoder().encode(id).length > SPIFFE_MAX_BYTES) return "it is longer than 2048 bytes";
  if (!id.startsWith("spiffe://")) return "it must start with spiffe:// (lowercase scheme)";
  const rest = id.slice("spiffe://".length);
  const slash = rest.indexOf("/");
  const trustDomain = slash === -1 ? rest : rest.slice(0, slash);
  if (!SPIFFE_TRUST_DOMAIN.test(trustDomain)) {
    return "the trust domain must be 1 to 255 lowercase letters, digits, '.', '_' or '-'";
  }
  if (slash === -1 || slash === rest.length - 1) {
    return slash === -1 ? "a workload ID needs a path after the trust domain" : "it must not end with /";
  }
  for (const segment of rest.slice(slash + 1).split("/")) {
    if (segment === "") return "path segments must not be empty (no // and no trailing /)";
    if (segment === "." || segment === "..") return "path segments must not be . or ..";
    if (!SPIFFE_SEGMENT.test(segment))
      return "path segments use only letters, digits, '.', '_' and '-' (no percent-encoding)";
  }
  return undefined;
}

interface SubjectGrammar {
  /** The forms, for messages. */
  readonly expected: string;
  /** True when a whole `sub` value names one workload of this issuer kind. */
  readonly accepts: (value: string) => boolean;
}

function githubSubject(value: string): boolean {
  const match = /^repo:([^:]*):(.*)$/s.exec(value);
  if (!match || !isGithubRepository(match[1])) return false;
  const rest = match[2];
  if (rest === "pull_request") return true;
  const ref = /^ref:refs\/(?:heads|tags)\/(.*)$/s.exec(rest);
  if (ref) return isGitRefName(ref[1]);
  const environment = /^environment:(.*)$/s.exec(rest);
  return environment !== null && isGithubEnvironmentName(environment[1]);
}

function gitlabSubject(value: string): boolean {
  const match = /^project_path:([^:]*):ref_type:([^:]*):ref:(.*)$/s.exec(value);
  return (
    match !== null && isGitlabProjectPath(match[1]) && isGitlabRefType(match[2]) && isGitRefName(match[3])
  );
}

function kubernetesSubject(value: string): boolean {
  const match = /^system:serviceaccount:([^:]*):([^:]*)$/.exec(value);
  return match !== null && isKubernetesNamespace(match[1]) && isKubernetesServiceAccountName(match[2]);
}

function terraformCloudSubject(value: string): boolean {
  const match = /^organization:([^:]*):project:([^:]*):workspace:([^:]*):run_phase:([^:]*)$/.exec(value);
  return (
    match !== null &&
    isTerraformCloudOrganization(match[1]) &&
    isTerraformCloudProject(match[2]) &&
    isTerraformCloudWorkspace(match[3]) &&
    isTerraformCloudRunPhase(match[4])
  );
}

/**
 * Claim keys GitHub renders into a customized subject as `key:value`
 * (https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository;
 * `context` renders as `ref:...`, `environment:...` or the bare `pull_request`).
 */
const GITHUB_SUBJECT_KEYS = new Set([
  "repo",
  "ref",
  "ref_type",
  "environment",
  "job_workflow_ref",
  "job_workflow_sha",
  "workflow",
  "workflow_ref",
  "workflow_sha",
  "repository",
  "repository_id",
  "repository_owner",
  "repository_owner_id",
  "repository_visibility",
  "actor",
  "actor_id",
  "event_name",
  "head_ref",
  "base_ref",
  "runner_environment",
  "enterprise",
  "enterprise_id",
  "sha",
]);

/** A claim value as GitHub renders it: refs and environments by their own grammar, others plain and without spaces. */
function githubClaimValueValid(key: string, field: string): boolean {
  if (key === "environment") return isGithubEnvironmentName(field);
  if (key === "ref" || key === "head_ref" || key === "base_ref") {
    const ref = /^refs\/(?:heads|tags)\/(.*)$/s.exec(field);
    return ref ? isGitRefName(ref[1]) : key !== "ref" && isGitRefName(field);
  }
  return isPlainSubjectPart(field) && !/\s/.test(field);
}

/** Claims whose values are free text the workflow author chooses, so they may contain `:`. */
const FREE_TEXT_KEYS = new Set(["workflow"]);

/**
 * A subject rendered from a customized template: `key:value` pairs of GitHub claim keys (values
 * without wildcards or whitespace, `repo` written `OWNER[@ID]/REPO[@ID]`), possibly with the bare
 * `pull_request` context, that names the repository (`repo` or `repository_id`) before any
 * free-text claim (`workflow`). Such a subject is an exact pin of one repository's runs. A free-text value
 * (a workflow name) before the repository could itself contain
 * `:repo:OWNER/REPO:...`, so another repository whose template starts with that key could render
 * the same subject: not a pin (checkov CKV_AWS_393 "abusable" case).
 */
export function isCustomGithubSubject(value: string): boolean {
  const parts = value.split(":");
  let namesRepository = false;
  for (let i = 0; i < parts.length;) {
    if (!namesRepository && FREE_TEXT_KEYS.has(parts[i])) return false;
    if (parts[i] === "pull_request") {
      i += 1;
      continue;
    }
    const key = parts[i];
    const field = parts[i + 1];
    if (!GITHUB_SUBJECT_KEYS.has(key) || field === undefined || !githubClaimValueValid(key, field))
      return false;
    if (key === "repo") {
      if (!isGithubRepository(field)) return false;
      namesRepository = true;
    }
    if (key === "repository_id" && NUMERIC_ID.test(field)) namesRepository = true;
    i += 2;
  }
  return namesRepository;
}

/** Issuer kinds with a subject grammar; a generic issuer's subjects are not checked. */
export const SUBJECT_GRAMMARS: Readonly<Partial<Record<IssuerKind, SubjectGrammar>>> = {
  "github-actions": {
    expected:
      "repo:OWNER/REPO:ref:refs/heads/BRANCH, :environment:NAME, :ref:refs/tags/TAG or :pull_request, or a customized template naming repo or repository_id first",
    accepts: (value) => githubSubject(value) || isCustomGithubSubject(value),
  },
  gitlab: {
    expected: "project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME",
    accepts: gitlabSubject,
  },
  kubernetes: { expected: "system:serviceaccount:NAMESPACE:NAME", accepts: kubernetesSubject },
  "terraform-cloud": {
    expected: "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:plan|apply",
    accepts: terraformCloudSubject,
  },
  spiffe: {
    expected: "spiffe://TRUST-DOMAIN/PATH",
    accepts: (value) => spiffeIdProblem(value) === undefined,
  },
};
