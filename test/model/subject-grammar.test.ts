import { Subject } from "../../lib/declaration/subject";
import type { IssuerKind } from "../../lib/model/record";
import { SUBJECT_GRAMMARS } from "../../lib/model/subject-grammar";

/** Factory calls with valid and invalid arguments, and the issuer kind whose grammar applies. */
const CASES: Array<[string, IssuerKind, () => Subject]> = [
  ["github branch", "github-actions", () => Subject.githubBranch("acme/api", "release/1.2")],
  ["github branch ..", "github-actions", () => Subject.githubBranch("acme/api", "a..b")],
  ["github branch .lock", "github-actions", () => Subject.githubBranch("acme/api", "x.lock")],
  ["github tag", "github-actions", () => Subject.githubTag("acme/api", "v1.2.3")],
  [
    "github environment with space",
    "github-actions",
    () => Subject.githubEnvironment("acme/site", "Production EU"),
  ],
  [
    "github environment with colon",
    "github-actions",
    () => Subject.githubEnvironment("acme/site", "prod:eu"),
  ],
  ["github environment outer space", "github-actions", () => Subject.githubEnvironment("acme/site", "prod ")],
  ["github pull request immutable", "github-actions", () => Subject.githubPullRequest("acme@12/api@34")],
  ["github owner hyphen", "github-actions", () => Subject.githubPullRequest("-acme/api")],
  ["github repo dotdot", "github-actions", () => Subject.githubPullRequest("acme/..")],
  ["gitlab subgroup", "gitlab", () => Subject.gitlab("group/sub/project", "branch", "main")],
  ["gitlab bad ref type", "gitlab", () => Subject.gitlab("group/project", "commit", "main")],
  ["gitlab .git", "gitlab", () => Subject.gitlab("group/project.git", "tag", "v1")],
  ["kubernetes", "kubernetes", () => Subject.kubernetesServiceAccount("payments", "api.deploy")],
  ["kubernetes upper case", "kubernetes", () => Subject.kubernetesServiceAccount("Payments", "api")],
  [
    "tfc default project",
    "terraform-cloud",
    () => Subject.terraformCloud("acme", "Default Project", "network-prod", "apply"),
  ],
  [
    "tfc double space",
    "terraform-cloud",
    () => Subject.terraformCloud("acme", "Default  Project", "ws", "plan"),
  ],
  ["tfc bad phase", "terraform-cloud", () => Subject.terraformCloud("acme", "p", "ws", "destroy")],
  [
    "tfc long workspace",
    "terraform-cloud",
    () => Subject.terraformCloud("acme", "p", "w".repeat(91), "plan"),
  ],
  ["spiffe", "spiffe", () => Subject.spiffe("spiffe://prod.acme.internal/ns/api/sa/deploy")],
  ["spiffe trailing slash", "spiffe", () => Subject.spiffe("spiffe://prod.acme.internal/ns/")],
  ["spiffe upper trust domain", "spiffe", () => Subject.spiffe("spiffe://Prod/x")],
];

describe("one subject grammar: WI203 accepts exactly the subjects the factories accept", () => {
  test.each(CASES)("%s", (_name, kind, make) => {
    const subject = make();
    const grammar = SUBJECT_GRAMMARS[kind]!;
    expect(grammar.accepts(subject.value)).toBe(subject.problems.length === 0);
  });

  test("the cases cover both verdicts for every issuer kind with a grammar", () => {
    for (const kind of Object.keys(SUBJECT_GRAMMARS) as IssuerKind[]) {
      const verdicts = new Set(
        CASES.filter(([, k]) => k === kind).map(([, , make]) => make().problems.length === 0),
      );
      expect([kind, [...verdicts].sort()]).toEqual([kind, [false, true]]);
    }
  });
});
