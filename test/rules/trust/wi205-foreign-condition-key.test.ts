import { WI205_FOREIGN_CONDITION_KEY as rule } from "../../../lib/rules/trust/wi205-foreign-condition-key";
import { graph } from "../../support/graph-builder";
import { eq, GITHUB, webIdentityRoleIdentity } from "./trust-fixtures";
import { flaggedResults, run } from "../harness";

describe("WI205 condition key of a different issuer", () => {
  it("Compliance: keys of the trusted provider, and global keys", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("own-keys", [
          eq(`${GITHUB}:aud`, "sts.amazonaws.com"),
          eq(`${GITHUB}:sub`, "repo:a/b:pull_request"),
        ]),
        webIdentityRoleIdentity("global-key", [
          eq(`${GITHUB}:sub`, "repo:a/b:pull_request"),
          eq("aws:RequestedRegion", "eu-west-1"),
        ]),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: GitHub enterprise-style key under the plain GitHub provider (checkov pass-gh-org)", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("gh-org", [
          eq(`${GITHUB}/github-org:sub`, "repo:myOrg/myRepo:ref:refs/heads/MyBranch"),
          eq(`${GITHUB}:aud`, "sts.amazonaws.com"),
        ]),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual(["aws_iam_role.gh-org warning"]);
    expect(results[0].message).toContain("cannot be assumed");
  });

  it("Noncompliance 2: Cognito principal with accounts.google.com keys (checkov r4), and a non-blocking IfExists foreign key", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity(
          "cognito",
          [
            eq("accounts.google.com:aud", "sts.amazonaws.com"),
            eq("accounts.google.com:sub", "system:serviceaccount:p1:default"),
          ],
          ["cognito-identity.amazonaws.com"],
        ),
        webIdentityRoleIdentity("if-exists", [
          eq(`${GITHUB}:aud`, "sts.amazonaws.com"),
          eq(`${GITHUB}:sub`, "repo:a/b:pull_request"),
          { operator: "StringEqualsIfExists", key: "gitlab.com:sub", values: ["x"] },
        ]),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.cognito warning",
      "aws_iam_role.if-exists warning",
    ]);
    expect(results.find((r) => r.location.address === "aws_iam_role.if-exists")?.message).toContain(
      "has no effect",
    );
  });
});
