import { Subject } from "../../lib/declaration/subject";

const fields = (subject: Subject) => subject.problems.map((p) => p.field);

describe("Subject factories: valid subjects", () => {
  test.each([
    [Subject.githubBranch("acme/api", "main"), "github-branch", "repo:acme/api:ref:refs/heads/main"],
    [
      Subject.githubBranch("acme/api", "release/1.2"),
      "github-branch",
      "repo:acme/api:ref:refs/heads/release/1.2",
    ],
    [
      Subject.githubBranch("acme@1234/api@5678", "main"),
      "github-branch",
      "repo:acme@1234/api@5678:ref:refs/heads/main",
    ],
    [
      Subject.githubEnvironment("acme/api", "production"),
      "github-environment",
      "repo:acme/api:environment:production",
    ],
    [Subject.githubTag("acme/api.js", "v1.2.3"), "github-tag", "repo:acme/api.js:ref:refs/tags/v1.2.3"],
    [Subject.githubPullRequest("Acme-Org/api_2"), "github-pull-request", "repo:Acme-Org/api_2:pull_request"],
    [
      Subject.gitlab("acme/platform/api", "branch", "main"),
      "gitlab",
      "project_path:acme/platform/api:ref_type:branch:ref:main",
    ],
    [Subject.gitlab("acme/api", "tag", "v1"), "gitlab", "project_path:acme/api:ref_type:tag:ref:v1"],
    [
      Subject.kubernetesServiceAccount("orders", "orders-api"),
      "kubernetes-service-account",
      "system:serviceaccount:orders:orders-api",
    ],
    [
      Subject.kubernetesServiceAccount("kube-system", "aws.load-balancer"),
      "kubernetes-service-account",
      "system:serviceaccount:kube-system:aws.load-balancer",
    ],
    [
      Subject.terraformCloud("acme", "Default Project", "network-prod", "apply"),
      "terraform-cloud",
      "organization:acme:project:Default Project:workspace:network-prod:run_phase:apply",
    ],
    [
      Subject.spiffe("spiffe://prod.acme.internal/ns/billing/sa/worker"),
      "spiffe",
      "spiffe://prod.acme.internal/ns/billing/sa/worker",
    ],
    [Subject.exact("repository_owner_id:12345"), "exact", "repository_owner_id:12345"],
  ])("%#: %s has kind %s and value %s", (subject, kind, value) => {
    expect(subject.problems).toEqual([]);
    expect(subject.kind).toBe(kind);
    expect(subject.value).toBe(value);
    expect(subject.isPattern).toBe(false);
  });

  test("a pattern keeps its reason and is a pattern", () => {
    const subject = Subject.pattern(
      "repo:acme/api:ref:refs/heads/release-*",
      "one role per release branch line",
    );
    expect(subject.problems).toEqual([]);
    expect(subject.isPattern).toBe(true);
    expect(subject.toRecord()).toEqual({
      kind: "pattern",
      value: "repo:acme/api:ref:refs/heads/release-*",
      patternReason: "one role per release branch line",
    });
  });
});

describe("Subject factories: invalid input is carried, never thrown", () => {
  test.each([
    ["wildcard branch", () => Subject.githubBranch("acme/api", "*"), ["branch"], "contains a wildcard"],
    [
      "wildcard repository",
      () => Subject.githubEnvironment("acme/*", "prod"),
      ["repository"],
      "contains a wildcard",
    ],
    ["question mark", () => Subject.exact("repo:acme/ap?:pull_request"), ["value"], "contains a wildcard"],
    ["repository without owner", () => Subject.githubPullRequest("api"), ["repository"], "is not valid here"],
    [
      "repository with three parts",
      () => Subject.githubPullRequest("a/b/c"),
      ["repository"],
      "is not valid here",
    ],
    [
      "owner starting with -",
      () => Subject.githubPullRequest("-acme/api"),
      ["repository"],
      "is not valid here",
    ],
    ["repository '..'", () => Subject.githubPullRequest("acme/.."), ["repository"], "is not valid here"],
    [
      "immutable form on one side only",
      () => Subject.githubPullRequest("acme@1/api"),
      ["repository"],
      "is not valid here",
    ],
    [
      "non-numeric immutable id",
      () => Subject.githubPullRequest("acme@x/api@1"),
      ["repository"],
      "is not valid here",
    ],
    ["branch with ..", () => Subject.githubBranch("acme/api", "a..b"), ["branch"], "is not valid here"],
    ["branch with colon", () => Subject.githubBranch("acme/api", "a:b"), ["branch"], "is not valid here"],
    [
      "branch ending in .lock",
      () => Subject.githubBranch("acme/api", "x.lock"),
      ["branch"],
      "is not valid here",
    ],
    ["branch given as full ref", () => Subject.githubTag("acme/api", "/v1"), ["tag"], "is not valid here"],
    [
      "newline in branch",
      () => Subject.githubBranch("acme/api", "main\nrepo:evil/x"),
      ["branch"],
      "control character",
    ],
    ["empty environment", () => Subject.githubEnvironment("acme/api", ""), ["environment"], "is required"],
    [
      "environment with colon",
      () => Subject.githubEnvironment("acme/api", "prod:x"),
      ["environment"],
      "is not valid here",
    ],
    [
      "gitlab single segment",
      () => Subject.gitlab("api", "branch", "main"),
      ["projectPath"],
      "is not valid here",
    ],
    [
      "gitlab .git",
      () => Subject.gitlab("acme/api.git", "branch", "main"),
      ["projectPath"],
      "is not valid here",
    ],
    [
      "gitlab ref type",
      () => Subject.gitlab("acme/api", "merge_request", "1"),
      ["refType"],
      "is not valid here",
    ],
    [
      "k8s uppercase namespace",
      () => Subject.kubernetesServiceAccount("Orders", "api"),
      ["namespace"],
      "is not valid here",
    ],
    [
      "k8s namespace with dot",
      () => Subject.kubernetesServiceAccount("a.b", "api"),
      ["namespace"],
      "is not valid here",
    ],
    [
      "k8s 64-char namespace",
      () => Subject.kubernetesServiceAccount("a".repeat(64), "api"),
      ["namespace"],
      "is not valid here",
    ],
    [
      "k8s name ending with -",
      () => Subject.kubernetesServiceAccount("orders", "api-"),
      ["name"],
      "is not valid here",
    ],
    [
      "tfc run phase",
      () => Subject.terraformCloud("acme", "p", "w", "destroy"),
      ["runPhase"],
      "is not valid here",
    ],
    [
      "tfc org with space",
      () => Subject.terraformCloud("ac me", "p", "w", "plan"),
      ["organization"],
      "is not valid here",
    ],
    [
      "tfc project double space",
      () => Subject.terraformCloud("acme", "a  b", "w", "plan"),
      ["project"],
      "is not valid here",
    ],
    [
      "tfc workspace colon",
      () => Subject.terraformCloud("acme", "p", "w:x", "plan"),
      ["workspace"],
      "is not valid here",
    ],
    ["spiffe scheme", () => Subject.spiffe("SPIFFE://td/x"), ["id"], "is not valid here"],
    ["spiffe uppercase trust domain", () => Subject.spiffe("spiffe://Prod/x"), ["id"], "is not valid here"],
    ["spiffe no path", () => Subject.spiffe("spiffe://prod"), ["id"], "is not valid here"],
    ["spiffe trailing slash", () => Subject.spiffe("spiffe://prod/x/"), ["id"], "is not valid here"],
    ["spiffe empty segment", () => Subject.spiffe("spiffe://prod/x//y"), ["id"], "is not valid here"],
    ["spiffe dot segment", () => Subject.spiffe("spiffe://prod/x/../y"), ["id"], "is not valid here"],
    ["spiffe percent-encoding", () => Subject.spiffe("spiffe://prod/x%20y"), ["id"], "is not valid here"],
    [
      "spiffe too long",
      () => Subject.spiffe(`spiffe://prod/${"a".repeat(2040)}`),
      ["id"],
      "is not valid here",
    ],
    ["spiffe wildcard", () => Subject.spiffe("spiffe://prod/*"), ["id"], "contains a wildcard"],
    ["exact not a string", () => Subject.exact(42 as unknown as string), ["value"], "is required"],
    ["cdktf token in exact", () => Subject.exact("${TfToken[TOKEN.1]}"), ["value"], "Terraform reference"],
    ["pattern without reason", () => Subject.pattern("repo:acme/api:*", ""), ["reason"], "is required"],
    [
      "pattern of only wildcards",
      () => Subject.pattern("*", "everything on purpose"),
      ["value"],
      "matches any subject",
    ],
    [
      "pattern reason with newline",
      () => Subject.pattern("repo:a/b:*", "x\ny"),
      ["reason"],
      "control character",
    ],
  ])("%s", (_name, make, expectedFields, text) => {
    const subject = make();
    expect(fields(subject)).toEqual(expectedFields);
    expect(subject.problems[0].problem).toContain(text);
  });

  test("every bad argument of one factory is reported", () => {
    const subject = Subject.terraformCloud("", "a  b", "w:x", "destroy");
    expect(fields(subject)).toEqual(["organization", "project", "workspace", "runPhase"]);
  });
});

describe("Subject fits issuer kinds", () => {
  test.each([
    [Subject.githubBranch("acme/api", "main"), ["github-actions", "generic"]],
    [Subject.gitlab("acme/api", "branch", "main"), ["gitlab", "generic"]],
    [Subject.kubernetesServiceAccount("a", "b"), ["kubernetes", "generic"]],
    [Subject.terraformCloud("a", "b", "c", "plan"), ["terraform-cloud", "generic"]],
    [Subject.spiffe("spiffe://td/x"), ["spiffe", "generic"]],
    [Subject.exact("x"), ["github-actions", "gitlab", "kubernetes", "terraform-cloud", "spiffe", "generic"]],
    [
      Subject.pattern("x*", "reason"),
      ["github-actions", "gitlab", "kubernetes", "terraform-cloud", "spiffe", "generic"],
    ],
  ])("%#: %s", (subject, kinds) => {
    const all = ["github-actions", "gitlab", "kubernetes", "terraform-cloud", "spiffe", "generic"];
    expect(all.filter((kind) => subject.fitsIssuerKind(kind))).toEqual(kinds);
  });

  test("the SPIFFE trust domain is read from the ID", () => {
    expect(Subject.spiffe("spiffe://prod.acme.internal/x").spiffeTrustDomain()).toBe("prod.acme.internal");
    expect(Subject.exact("spiffe://prod/x").spiffeTrustDomain()).toBeUndefined();
  });
});
