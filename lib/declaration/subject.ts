import {
  patternReasonMissing,
  patternTooBroad,
  subjectFormat,
  subjectWildcard,
  type ValidationProblem,
} from "../errors/validation-errors";
import type { IssuerKind, SubjectKind, SubjectRecord } from "../model/record";
import { hasWildcard, requireText } from "./text-checks";

const SUBJECT_SYMBOL = Symbol.for("cdktf-workload-identity.Subject");

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

/** Issuer kinds each subject kind can appear in; `exact` and `pattern` fit every issuer. */
const FITS: Readonly<Record<SubjectKind, readonly IssuerKind[] | "any">> = {
  "github-branch": ["github-actions", "generic"],
  "github-environment": ["github-actions", "generic"],
  "github-tag": ["github-actions", "generic"],
  "github-pull-request": ["github-actions", "generic"],
  gitlab: ["gitlab", "generic"],
  "kubernetes-service-account": ["kubernetes", "generic"],
  "terraform-cloud": ["terraform-cloud", "generic"],
  spiffe: ["spiffe", "generic"],
  exact: "any",
  pattern: "any",
};

/**
 * The `sub` claim an identity trusts, built by factories that know each issuer's format.
 *
 * Factories never throw. A subject built from invalid input carries its problems in
 * {@link Subject.problems} (fields named after the factory arguments, e.g. `repository`), and the
 * `WorkloadIdentity` using it reports them under `subject.*` together with every other problem of
 * the identity, so one synth shows everything to fix.
 */
export class Subject {
  /** `repo:OWNER/REPO:ref:refs/heads/BRANCH` (GitHub Actions, a job on a branch). */
  public static githubBranch(repository: string, branch: string): Subject {
    const problems: ValidationProblem[] = [];
    const repo = githubRepository(problems, repository);
    const ref = gitRefName(problems, "branch", branch, 'a branch name such as "main" or "release/1.2"');
    return new Subject("github-branch", `repo:${repo}:ref:refs/heads/${ref}`, problems);
  }

  /** `repo:OWNER/REPO:environment:NAME` (GitHub Actions, a job using a deployment environment). */
  public static githubEnvironment(repository: string, environment: string): Subject {
    const problems: ValidationProblem[] = [];
    const repo = githubRepository(problems, repository);
    const env = githubEnvironmentName(problems, environment);
    return new Subject("github-environment", `repo:${repo}:environment:${env}`, problems);
  }

  /** `repo:OWNER/REPO:ref:refs/tags/TAG` (GitHub Actions, a job on a tag). */
  public static githubTag(repository: string, tag: string): Subject {
    const problems: ValidationProblem[] = [];
    const repo = githubRepository(problems, repository);
    const ref = gitRefName(problems, "tag", tag, 'a tag name such as "v1.2.3"');
    return new Subject("github-tag", `repo:${repo}:ref:refs/tags/${ref}`, problems);
  }

  /** `repo:OWNER/REPO:pull_request` (GitHub Actions, a job triggered by a pull request). */
  public static githubPullRequest(repository: string): Subject {
    const problems: ValidationProblem[] = [];
    const repo = githubRepository(problems, repository);
    return new Subject("github-pull-request", `repo:${repo}:pull_request`, problems);
  }

  /** `project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME` (GitLab CI). */
  public static gitlab(projectPath: string, refType: string, ref: string): Subject {
    const problems: ValidationProblem[] = [];
    const path = gitlabProjectPath(problems, projectPath);
    if (refType !== "branch" && refType !== "tag") {
      problems.push(
        subjectFormat("refType", refType, '"branch" or "tag"', 'pass "branch" or "tag" as the ref type'),
      );
    }
    const name = gitRefName(problems, "ref", ref, 'a branch or tag name such as "main"');
    return new Subject("gitlab", `project_path:${path}:ref_type:${String(refType)}:ref:${name}`, problems);
  }

  /** `system:serviceaccount:NAMESPACE:NAME` (Kubernetes / EKS service account token). */
  public static kubernetesServiceAccount(namespace: string, name: string): Subject {
    const problems: ValidationProblem[] = [];
    const ns = textPart(problems, "namespace", namespace, "a Kubernetes namespace name");
    if (ns !== undefined && !DNS_LABEL.test(ns)) {
      problems.push(
        subjectFormat(
          "namespace",
          namespace,
          "a DNS-1123 label: 1 to 63 lowercase letters, digits and -, starting and ending with a letter or digit",
          "use the namespace name exactly as in the cluster",
        ),
      );
    }
    const sa = textPart(problems, "name", name, "a Kubernetes service account name");
    if (sa !== undefined && !isDnsSubdomain(sa)) {
      problems.push(
        subjectFormat(
          "name",
          name,
          "a DNS-1123 subdomain: at most 253 characters, dot-separated labels of lowercase letters, digits and -",
          "use the service account name exactly as in the cluster",
        ),
      );
    }
    return new Subject("kubernetes-service-account", `system:serviceaccount:${ns}:${sa}`, problems);
  }

  /** `organization:ORG:project:PROJECT:workspace:WS:run_phase:plan|apply` (HCP Terraform / TFE). */
  public static terraformCloud(
    organization: string,
    project: string,
    workspace: string,
    runPhase: string,
  ): Subject {
    const problems: ValidationProblem[] = [];
    const org = textPart(problems, "organization", organization, "an HCP Terraform organization name");
    if (org !== undefined && !TFC_NAME.test(org)) {
      problems.push(
        subjectFormat(
          "organization",
          organization,
          "letters, digits, - and _",
          "use the organization name as shown in HCP Terraform",
        ),
      );
    }
    const proj = textPart(problems, "project", project, "an HCP Terraform project name");
    if (proj !== undefined && !TFC_PROJECT.test(proj)) {
      problems.push(
        subjectFormat(
          "project",
          project,
          'letters, digits, - and _, with single inner spaces (e.g. "Default Project")',
          "use the project name as shown in HCP Terraform",
        ),
      );
    }
    const ws = textPart(problems, "workspace", workspace, "an HCP Terraform workspace name");
    if (ws !== undefined && !(TFC_NAME.test(ws) && ws.length <= 90)) {
      problems.push(
        subjectFormat(
          "workspace",
          workspace,
          "1 to 90 letters, digits, - and _",
          "use the workspace name as shown in HCP Terraform",
        ),
      );
    }
    if (runPhase !== "plan" && runPhase !== "apply") {
      problems.push(
        subjectFormat(
          "runPhase",
          runPhase,
          '"plan" or "apply"',
          "trust the apply phase only for identities that change infrastructure",
        ),
      );
    }
    return new Subject(
      "terraform-cloud",
      `organization:${org}:project:${proj}:workspace:${ws}:run_phase:${String(runPhase)}`,
      problems,
    );
  }

  /** A SPIFFE ID `spiffe://TRUST-DOMAIN/PATH` (JWT-SVID from SPIRE), validated per the SPIFFE-ID spec. */
  public static spiffe(id: string): Subject {
    const problems: ValidationProblem[] = [];
    const value = textPart(
      problems,
      "id",
      id,
      'a SPIFFE ID such as "spiffe://prod.acme.internal/ns/api/sa/deploy"',
    );
    if (value !== undefined) {
      const reason = spiffeIdProblem(value);
      if (reason !== undefined) {
        problems.push(
          subjectFormat(
            "id",
            id,
            "spiffe://TRUST-DOMAIN/PATH: trust domain of lowercase letters, digits and ._- (at most 255 bytes); path segments of letters, digits and ._-, no empty, . or .. segment, no trailing /, no percent-encoding; at most 2048 bytes",
            `fix the SPIFFE ID: ${reason}`,
          ),
        );
      }
    }
    return new Subject("spiffe", String(id), problems);
  }

  /** Any exact subject (for custom GitHub subject claims or a generic issuer). No wildcards. */
  public static exact(value: string): Subject {
    const problems: ValidationProblem[] = [];
    textPart(problems, "value", value, "the exact `sub` claim value");
    return new Subject("exact", String(value), problems);
  }

  /**
   * A wildcard subject (`*` any run, `?` one character). Always reported by the reviewer; the
   * reason is recorded with the identity. Rendered as `StringLike` on AWS and a glob bound claim
   * on Vault.
   */
  public static pattern(value: string, reason: string): Subject {
    const problems: ValidationProblem[] = [];
    const text = requireText(
      problems,
      "value",
      value,
      'a subject pattern, e.g. "repo:acme/api:*"',
      "write the pattern",
    );
    if (text !== undefined && /^[*?]+$/.test(text)) problems.push(patternTooBroad("value", value));
    const why = typeof reason === "string" && reason.trim() !== "" ? reason : undefined;
    if (why === undefined) problems.push(patternReasonMissing("reason", reason));
    else requireText(problems, "reason", reason, "a written reason", "write the reason on one line");
    return new Subject("pattern", String(value), problems, typeof reason === "string" ? reason : undefined);
  }

  /** True for a Subject from any copy of this library (no `instanceof` across packages). */
  public static isSubject(value: unknown): value is Subject {
    return typeof value === "object" && value !== null && SUBJECT_SYMBOL in value;
  }

  /** Which factory made it: `github-branch`, `gitlab`, `spiffe`, `exact`, `pattern`, ... */
  public readonly kind: string;
  /** The `sub` claim value (a pattern for `Subject.pattern`). */
  public readonly value: string;
  /** The written reason of a pattern subject. @default undefined (not a pattern) */
  public readonly patternReason?: string;
  /** Problems found by the factory (empty when valid); fields named after the factory arguments. */
  public readonly problems: readonly ValidationProblem[];

  private constructor(
    kind: SubjectKind,
    value: string,
    problems: readonly ValidationProblem[],
    patternReason?: string,
  ) {
    this.kind = kind;
    this.value = value;
    this.problems = problems;
    this.patternReason = patternReason;
    Object.defineProperty(this, SUBJECT_SYMBOL, { value: true });
  }

  /** True for `Subject.pattern`: IAM `StringLike`, Vault glob bound claims. */
  public get isPattern(): boolean {
    return this.kind === "pattern";
  }

  /** Whether an issuer of this kind can put this subject in its tokens. */
  public fitsIssuerKind(issuerKind: string): boolean {
    const fits = FITS[this.kind as SubjectKind];
    return fits === "any" || (fits as readonly string[]).includes(issuerKind);
  }

  /** The SPIFFE trust domain of a `Subject.spiffe` ID. @returns undefined for other kinds */
  public spiffeTrustDomain(): string | undefined {
    if (this.kind !== "spiffe") return undefined;
    return /^spiffe:\/\/([^/]*)/.exec(this.value)?.[1];
  }

  public toRecord(): SubjectRecord {
    return this.patternReason === undefined
      ? { kind: this.kind as SubjectKind, value: this.value }
      : { kind: this.kind as SubjectKind, value: this.value, patternReason: this.patternReason };
  }
}

/** A factory argument: text without control characters, and no wildcard (only `pattern` has them). */
function textPart(
  problems: ValidationProblem[],
  field: string,
  value: unknown,
  allowed: string,
): string | undefined {
  const text = requireText(problems, field, value, allowed, `pass ${allowed}`);
  if (text === undefined) return undefined;
  if (hasWildcard(text)) {
    problems.push(subjectWildcard(field, value));
    return undefined;
  }
  return text;
}

function githubRepository(problems: ValidationProblem[], repository: unknown): string | undefined {
  const text = textPart(problems, "repository", repository, '"OWNER/REPO"');
  if (text === undefined) return String(repository);
  const [owner, repo, ...rest] = text.split("/");
  const ownerParts = owner.split("@");
  const repoParts = (repo ?? "").split("@");
  const withIds = ownerParts.length === 2 && repoParts.length === 2;
  const valid =
    rest.length === 0 &&
    repo !== undefined &&
    GITHUB_OWNER.test(ownerParts[0]) &&
    GITHUB_REPO.test(repoParts[0]) &&
    repoParts[0] !== "." &&
    repoParts[0] !== ".." &&
    ((ownerParts.length === 1 && repoParts.length === 1) ||
      (withIds && NUMERIC_ID.test(ownerParts[1]) && NUMERIC_ID.test(repoParts[1])));
  if (!valid) {
    problems.push(
      subjectFormat(
        "repository",
        repository,
        '"OWNER/REPO" (owner: 1-39 letters, digits, -; repo: 1-100 letters, digits, . _ -) or the immutable form "OWNER@ID/REPO@ID"',
        'pass the repository as "owner/name", e.g. "acme/api"',
      ),
    );
  }
  return text;
}

function githubEnvironmentName(problems: ValidationProblem[], environment: unknown): string | undefined {
  const text = textPart(problems, "environment", environment, "a GitHub environment name");
  if (text === undefined) return String(environment);
  if (text.length > 255 || text.includes(":") || text.trim() !== text) {
    problems.push(
      subjectFormat(
        "environment",
        environment,
        "1 to 255 characters without ':' and without leading or trailing spaces",
        "use the environment name as configured in the repository settings",
      ),
    );
  }
  return text;
}

/** Git ref name rules (git check-ref-format), applied to the short branch or tag name. */
function gitRefName(
  problems: ValidationProblem[],
  field: string,
  value: unknown,
  allowed: string,
): string | undefined {
  const text = textPart(problems, field, value, allowed);
  if (text === undefined) return String(value);
  const invalid =
    text.length > 255 ||
    /[\s~^:\\[]/.test(text) ||
    text.includes("..") ||
    text.includes("@{") ||
    text === "@" ||
    text.startsWith("/") ||
    text.endsWith("/") ||
    text.includes("//") ||
    text.endsWith(".") ||
    text.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock"));
  if (invalid) {
    problems.push(
      subjectFormat(
        field,
        value,
        `${allowed}: a git ref name without spaces, ~ ^ : \\ [, "..", "@{", empty, leading-dot or .lock components`,
        "use the short name of the ref, without refs/heads/ or refs/tags/",
      ),
    );
  }
  return text;
}

function gitlabProjectPath(problems: ValidationProblem[], projectPath: unknown): string | undefined {
  const text = textPart(problems, "projectPath", projectPath, '"GROUP/PROJECT"');
  if (text === undefined) return String(projectPath);
  const segments = text.split("/");
  const valid =
    segments.length >= 2 &&
    segments.every(
      (s) => GITLAB_SEGMENT.test(s) && !s.endsWith(".") && !s.endsWith(".git") && !s.endsWith(".atom"),
    );
  if (!valid) {
    problems.push(
      subjectFormat(
        "projectPath",
        projectPath,
        '"GROUP/PROJECT" or "GROUP/SUBGROUP/PROJECT": segments of letters, digits, _ . -, not ending in . .git or .atom',
        "use the project's full path as shown in its GitLab URL",
      ),
    );
  }
  return text;
}

function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && value.split(".").every((label) => DNS_LABEL.test(label));
}

/** Why a SPIFFE ID is invalid (SPIFFE-ID spec), or undefined when valid. */
function spiffeIdProblem(id: string): string | undefined {
  if (Buffer.byteLength(id, "utf8") > SPIFFE_MAX_BYTES) return "it is longer than 2048 bytes";
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

/** Validates a SPIFFE trust domain name (for the SPIFFE issuer). */
export function isSpiffeTrustDomain(value: string): boolean {
  return SPIFFE_TRUST_DOMAIN.test(value);
}
