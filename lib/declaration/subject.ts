import { enumLikeValue } from "./enum-like";
import type { GitlabRefType } from "./gitlab-ref-type";
import type { TerraformCloudRunPhase } from "./terraform-cloud-run-phase";
import {
  patternReasonMissing,
  patternTooBroad,
  subjectFormat,
  subjectWildcard,
  type ValidationProblem,
  textOf,
  subjectTooLong,
} from "../errors/validation-errors";
import type { IssuerKind, SubjectKind, SubjectRecord } from "../model/record";
import {
  isGitRefName,
  isGithubEnvironmentName,
  isGithubRepository,
  isGitlabProjectPath,
  isGitlabRefType,
  isKubernetesNamespace,
  isKubernetesServiceAccountName,
  isTerraformCloudOrganization,
  isTerraformCloudProject,
  isTerraformCloudRunPhase,
  isTerraformCloudWorkspace,
  spiffeIdProblem,
} from "../model/subject-grammar";
import { hasWildcard, requireText } from "./text-checks";
import { Provenance } from "./provenance";

/** The Subjects this copy made (the brand alone can be forged). */
export const SUBJECTS = new Provenance(Symbol.for("cdktf-workload-identity.Subject"));

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
 * Longest subject a declaration accepts. An IAM role trust policy is at most 2,048 characters
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, "Role trust
 * policy length"); the rest of the synthesized statement (principal ARN, condition keys,
 * audience) takes a few hundred, and a subject that does not fit fails only at apply.
 */
export const MAX_SUBJECT_LENGTH = 1024;

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

  /**
   * `project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME` (GitLab CI), with a typed ref type:
   * `Subject.gitlabRef("acme/api", GitlabRefType.BRANCH, "main")`.
   * @jsii suppress JSII5018 (`ref` is reserved in C#; its bindings escape reserved parameter names)
   */
  public static gitlabRef(projectPath: string, refType: GitlabRefType, ref: string): Subject {
    return Subject.gitlab(projectPath, enumLikeValue(refType) as string, ref);
  }

  /**
   * `project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME` (GitLab CI); `refType` as a string
   * (`"branch"` or `"tag"`, checked when the identity is declared; see {@link Subject.gitlabRef}).
   * @jsii suppress JSII5018 (`ref` is reserved in C#; its bindings escape reserved parameter names)
   */
  public static gitlab(projectPath: string, refType: string, ref: string): Subject {
    const problems: ValidationProblem[] = [];
    const path = gitlabProjectPath(problems, projectPath);
    if (typeof refType !== "string" || !isGitlabRefType(refType)) {
      problems.push(
        subjectFormat("refType", refType, '"branch" or "tag"', 'pass "branch" or "tag" as the ref type'),
      );
    }
    const name = gitRefName(problems, "ref", ref, 'a branch or tag name such as "main"');
    return new Subject("gitlab", `project_path:${path}:ref_type:${textOf(refType)}:ref:${name}`, problems);
  }

  /**
   * `system:serviceaccount:NAMESPACE:NAME` (Kubernetes / EKS service account token).
   * @jsii suppress JSII5018 (`namespace` is reserved in C#; its bindings escape reserved parameter names)
   */
  public static kubernetesServiceAccount(namespace: string, name: string): Subject {
    const problems: ValidationProblem[] = [];
    const ns = textPart(problems, "namespace", namespace, "a Kubernetes namespace name");
    if (ns !== undefined && !isKubernetesNamespace(ns)) {
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
    if (sa !== undefined && !isKubernetesServiceAccountName(sa)) {
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

  /**
   * `organization:ORG:project:PROJECT:workspace:WS:run_phase:plan|apply` (HCP Terraform / TFE), with a
   * typed run phase: `Subject.terraformCloudRun("acme", "Networking", "network-prod", TerraformCloudRunPhase.APPLY)`.
   */
  public static terraformCloudRun(
    organization: string,
    project: string,
    workspace: string,
    runPhase: TerraformCloudRunPhase,
  ): Subject {
    return Subject.terraformCloud(organization, project, workspace, enumLikeValue(runPhase) as string);
  }

  /**
   * `organization:ORG:project:PROJECT:workspace:WS:run_phase:plan|apply` (HCP Terraform / TFE);
   * `runPhase` as a string (`"plan"` or `"apply"`, checked when declared; see {@link Subject.terraformCloudRun}).
   */
  public static terraformCloud(
    organization: string,
    project: string,
    workspace: string,
    runPhase: string,
  ): Subject {
    const problems: ValidationProblem[] = [];
    const org = textPart(problems, "organization", organization, "an HCP Terraform organization name");
    if (org !== undefined && !isTerraformCloudOrganization(org)) {
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
    if (proj !== undefined && !isTerraformCloudProject(proj)) {
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
    if (ws !== undefined && !isTerraformCloudWorkspace(ws)) {
      problems.push(
        subjectFormat(
          "workspace",
          workspace,
          "1 to 90 letters, digits, - and _",
          "use the workspace name as shown in HCP Terraform",
        ),
      );
    }
    if (typeof runPhase !== "string" || !isTerraformCloudRunPhase(runPhase)) {
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
      `organization:${org}:project:${proj}:workspace:${ws}:run_phase:${textOf(runPhase)}`,
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
    return new Subject("spiffe", textOf(id), problems);
  }

  /** Any exact subject (for custom GitHub subject claims or a generic issuer). No wildcards. */
  public static exact(value: string): Subject {
    const problems: ValidationProblem[] = [];
    textPart(problems, "value", value, "the exact `sub` claim value");
    return new Subject("exact", textOf(value), problems);
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
    return new Subject("pattern", textOf(value), problems, typeof reason === "string" ? reason : undefined);
  }

  /**
   * True for a Subject this copy of the library created. An object that only carries the brand
   * (another copy or version of the package, a Proxy, a forgery) is not one: it is rejected with
   * an error saying so.
   */
  public static isSubject(value: unknown): value is Subject {
    return SUBJECTS.madeHere(value);
  }

  /** Which factory made it: `github-branch`, `gitlab`, `spiffe`, `exact`, `pattern`, ... */
  public readonly kind: string;
  /** The `sub` claim value (a pattern for `Subject.pattern`). */
  public readonly value: string;
  /** The written reason of a pattern subject. @default undefined (not a pattern) */
  public readonly patternReason?: string;
  /** Problems found by the factory (empty when valid); fields named after the factory arguments. */
  public readonly problems: ValidationProblem[];

  private constructor(
    kind: SubjectKind,
    value: string,
    problems: readonly ValidationProblem[],
    patternReason?: string,
  ) {
    this.kind = kind;
    this.value = value;
    // SPIFFE IDs have their own limit (Vault only, no IAM trust policy).
    // Frozen; typed as a plain array because jsii has no read-only array type.
    this.problems = Object.freeze(
      kind !== "spiffe" && value.length > MAX_SUBJECT_LENGTH
        ? [...problems, subjectTooLong("", value, MAX_SUBJECT_LENGTH)]
        : [...problems],
    ) as ValidationProblem[];
    this.patternReason = patternReason;
    SUBJECTS.mark(this);
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

  /**
   * The subject as the engine's record type (TypeScript only: its kind is a string-literal union).
   * @jsii ignore
   */
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
  if (text === undefined) return textOf(repository);
  const valid = isGithubRepository(text);
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
  if (text === undefined) return textOf(environment);
  if (!isGithubEnvironmentName(text)) {
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
  if (text === undefined) return textOf(value);
  const invalid = !isGitRefName(text);
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
  if (text === undefined) return textOf(projectPath);
  const valid = isGitlabProjectPath(text);
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
