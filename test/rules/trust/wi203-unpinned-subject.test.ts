import type { IdentityRecord } from "../../../lib/model/record";
import { WI203_UNPINNED_SUBJECT as rule } from "../../../lib/rules/trust/wi203-unpinned-subject";
import { graph, identity } from "../../support/graph-builder";
import { eq, GITHUB, like, webIdentityRoleIdentity } from "./trust-fixtures";
import { flaggedResults, run } from "../harness";

const AUD = eq(`${GITHUB}:aud`, "sts.amazonaws.com");
const SUB = `${GITHUB}:sub`;
const EKS = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const EKS_ARN = `arn:aws:iam::111122223333:oidc-provider/${EKS}`;

describe("WI203 wildcard or non-repository-pinned subject", () => {
  it("Compliance: exact subjects in each issuer's grammar, including GitHub's immutable @ID form", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("branch", [AUD, eq(SUB, "repo:acme/api:ref:refs/heads/main")]),
        webIdentityRoleIdentity("environment", [AUD, eq(SUB, "repo:acme/api:environment:production")]),
        webIdentityRoleIdentity("tag", [AUD, eq(SUB, "repo:acme/api:ref:refs/tags/v1.2.3")]),
        webIdentityRoleIdentity("pull-request", [AUD, eq(SUB, "repo:acme/api:pull_request")]),
        webIdentityRoleIdentity("immutable", [
          AUD,
          eq(SUB, "repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main"),
        ]),
        webIdentityRoleIdentity("like-without-wildcard", [
          AUD,
          like(SUB, "repo:acme/api:ref:refs/heads/main"),
        ]),
        webIdentityRoleIdentity(
          "eks",
          [eq(`${EKS}:aud`, "sts.amazonaws.com"), eq(`${EKS}:sub`, "system:serviceaccount:payments:api")],
          [EKS_ARN],
        ),
        // Both subject pins must hold: the exact one narrows the pattern.
        webIdentityRoleIdentity("and-narrowed", [
          AUD,
          like(SUB, "repo:acme/*"),
          eq(SUB, "repo:acme/api:environment:production"),
        ]),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Compliance: subjects from customized GitHub subject templates are exact pins", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("repo-env-workflow", [
          AUD,
          eq(
            SUB,
            "repo:acme/api:environment:prod:job_workflow_ref:acme/api/.github/workflows/deploy.yml@refs/heads/main",
          ),
        ]),
        webIdentityRoleIdentity("ids", [
          AUD,
          eq(SUB, "repository_owner_id:123:repository_id:456:ref:refs/heads/main"),
        ]),
        webIdentityRoleIdentity("repo-visibility-pr", [
          AUD,
          eq(SUB, "repo:acme/api:repository_visibility:private:pull_request"),
        ]),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance: a customized subject that names no repository, or an unknown key", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("owner-only", [AUD, eq(SUB, "repository_owner:acme:environment:prod")]),
        webIdentityRoleIdentity("unknown-key", [AUD, eq(SUB, "repo:acme/api:colour:blue")]),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "aws_iam_role.owner-only error",
      "aws_iam_role.unknown-key error",
    ]);
  });

  it("Noncompliance 1: patterns and subjects outside the GitHub grammar", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("org-wide", [AUD, like(SUB, "repo:acme/*")]),
        webIdentityRoleIdentity("any-ref", [AUD, like(SUB, "repo:acme/api:*")]),
        webIdentityRoleIdentity("star", [AUD, like(SUB, "*")]),
        webIdentityRoleIdentity("branch-family", [AUD, like(SUB, "repo:acme/api:ref:refs/heads/release-?")]),
        webIdentityRoleIdentity("workflow", [AUD, eq(SUB, "workflow:deploy")]),
        webIdentityRoleIdentity("org-prefix", [AUD, eq(SUB, "repo:acme*")]),
        webIdentityRoleIdentity("one-bad-value", [AUD, eq(SUB, "repo:acme/api:environment:prod", "invalid")]),
        webIdentityRoleIdentity(
          "eks-any-sa",
          [eq(`${EKS}:aud`, "sts.amazonaws.com"), like(`${EKS}:sub`, "system:serviceaccount:payments:*")],
          [EKS_ARN],
        ),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.any-ref error",
      "aws_iam_role.branch-family error",
      "aws_iam_role.eks-any-sa error",
      "aws_iam_role.one-bad-value error",
      "aws_iam_role.org-prefix error",
      "aws_iam_role.org-wide error",
      "aws_iam_role.star error",
      "aws_iam_role.workflow error",
    ]);
    expect(results.find((r) => r.location.address === "aws_iam_role.org-wide")?.message).toBe(
      'Role "aws_iam_role.org-wide" accepts subject "repo:acme/*", which is a wildcard pattern.',
    );
  });

  it("Compliance: real names the Subject factories accept (one grammar, lib/model/subject-grammar)", () => {
    const TFC = "app.terraform.io";
    const TFC_ARN = `arn:aws:iam::111122223333:oidc-provider/${TFC}`;
    const g = graph({
      identities: [
        webIdentityRoleIdentity("env-with-space", [AUD, eq(SUB, "repo:acme/site:environment:Production EU")]),
        webIdentityRoleIdentity(
          "tfc-default-project",
          [
            eq(`${TFC}:aud`, "aws.workload.identity"),
            eq(
              `${TFC}:sub`,
              "organization:acme:project:Default Project:workspace:network-prod:run_phase:apply",
            ),
          ],
          [TFC_ARN],
        ),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance: what the Subject factories reject is outside the grammar", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("env-colon", [AUD, eq(SUB, "repo:acme/site:environment:prod:eu")]),
        webIdentityRoleIdentity("env-outer-space", [AUD, eq(SUB, "repo:acme/site:environment: prod")]),
        webIdentityRoleIdentity("branch-dotdot", [AUD, eq(SUB, "repo:acme/site:ref:refs/heads/a..b")]),
        webIdentityRoleIdentity("owner-hyphen", [AUD, eq(SUB, "repo:-acme/site:pull_request")]),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "aws_iam_role.branch-dotdot error",
      "aws_iam_role.env-colon error",
      "aws_iam_role.env-outer-space error",
      "aws_iam_role.owner-hyphen error",
    ]);
  });

  it("Noncompliance 2: a declared Subject.pattern with a reason is still reported, as a warning", () => {
    const role = webIdentityRoleIdentity("declared", [
      AUD,
      like(SUB, "repo:acme/api:ref:refs/heads/release-*"),
    ]).awsRoles[0];
    const record = {
      subject: {
        kind: "pattern",
        value: "repo:acme/api:ref:refs/heads/release-*",
        patternReason: "release branches are cut weekly",
      },
      issuer: { kind: "github-actions" },
    } as unknown as IdentityRecord;
    const g = graph({ identities: [identity("app/declared", { awsRoles: [role], record })] });
    expect(flaggedResults(run(rule, g), rule)).toEqual(["aws_iam_role.declared warning"]);
  });

  it("Noncompliance 3: message quotes attacker-controlled subjects on one line", () => {
    const g = graph({
      identities: [webIdentityRoleIdentity("evil", [AUD, like(SUB, 'repo:a/b:*"\n\u2028x')])],
    });
    const [result] = run(rule, g);
    expect(result.message).toBe(
      'Role "aws_iam_role.evil" accepts subject "repo:a/b:*\\"\\n\\u2028x", which is a wildcard pattern.',
    );
  });
});
