/**
 * The checkov CKV_AWS_393 fixtures (test/fixtures/corpus/checkov-github-oidc-roles) as hand-built
 * graphs, so the trust rules can be pinned to EXPECTED.md before the extractor exists.
 */
import { doc, graph, identity, awsRole, statement } from "../../support/graph-builder";
import { eq, GITHUB, GITHUB_PROVIDER, like, webIdentityRoleIdentity } from "./trust-fixtures";

const AUD = `${GITHUB}:aud`;
const SUB = `${GITHUB}:sub`;

export function checkovGithubOidcGraph() {
  return graph({
    identities: [
      webIdentityRoleIdentity("fail-abusable", [
        eq(SUB, "workflow:github-actions:repo:myOrg/myRepo:ref:refs/heads/MyBranch"),
      ]),
      webIdentityRoleIdentity("fail-misused-repo", [eq(SUB, "repo:myOrg*")]),
      webIdentityRoleIdentity("fail-wildcard", [eq(SUB, "*")]),
      webIdentityRoleIdentity("fail-wildcard-assertion", [eq(SUB, "repo:*")]),
      webIdentityRoleIdentity("fail1", []),
      webIdentityRoleIdentity("fail2", [eq(SUB, "invalid")]),
      webIdentityRoleIdentity(
        "pass-fm-customer",
        [like(SUB, "repo:freddiemac/*")],
        [`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`],
      ),
      webIdentityRoleIdentity("pass-gh-org", [
        eq(`${GITHUB}/github-org:sub`, "repo:myOrg/myRepo:ref:refs/heads/MyBranch"),
        eq(AUD, "sts.amazonaws.com"),
      ]),
      webIdentityRoleIdentity("pass-org-only", [eq(SUB, "repo:myOrg/*")]),
      identity("aws_iam_role.pass1", {
        kind: "service",
        awsRoles: [
          awsRole("aws_iam_role.pass1", {
            trust: doc(
              statement({
                actions: ["sts:AssumeRole"],
                principals: [{ type: "Service", values: ["ec2.amazonaws.com"] }],
              }),
            ),
          }),
        ],
      }),
      webIdentityRoleIdentity("pass2", [eq(AUD, "sts.amazonaws.com"), like(SUB, "repo:myOrg/myRepo:*")]),
      webIdentityRoleIdentity("pass3", [
        eq(AUD, "sts.amazonaws.com"),
        eq(SUB, "repo:myOrg/myRepo:ref:refs/heads/MyBranch"),
      ]),
      webIdentityRoleIdentity(
        "pass_aud_first",
        [eq(AUD, "sts.pass_aud_first.com"), like(SUB, "repo:org/our-repo-name:*")],
        [`arn:aws:iam::000000000000:oidc-provider/${GITHUB}`],
      ),
    ],
  });
}

export { GITHUB_PROVIDER };
