import { WI202_NO_SUBJECT_PIN as rule } from "../../../lib/rules/trust/wi202-no-subject-pin";
import { graph } from "../../support/graph-builder";
import { eq, GITHUB, like, webIdentityRoleIdentity } from "./trust-fixtures";
import { flaggedResults, run } from "../harness";

const AUD = eq(`${GITHUB}:aud`, "sts.amazonaws.com");

describe("WI202 web-identity trust without subject pin", () => {
  it("Compliance: subject pinned (exact or pattern: WI203 judges patterns)", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("exact", [AUD, eq(`${GITHUB}:sub`, "repo:acme/api:environment:prod")]),
        webIdentityRoleIdentity("pattern", [AUD, like(`${GITHUB}:sub`, "repo:acme/*")]),
        webIdentityRoleIdentity("any-value", [
          AUD,
          { operator: "ForAnyValue:StringLike", key: `${GITHUB}:sub`, values: ["repo:acme/api:*"] },
        ]),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: no subject, subject under ForAllValues (true when absent), or only other claims", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("none", [AUD]),
        webIdentityRoleIdentity("for-all", [
          AUD,
          {
            operator: "ForAllValues:StringEquals",
            key: `${GITHUB}:sub`,
            values: ["repo:acme/api:environment:prod"],
          },
        ]),
        webIdentityRoleIdentity("other-claim", [AUD, eq(`${GITHUB}:repository`, "acme/api")]),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "aws_iam_role.for-all error",
      "aws_iam_role.none error",
      "aws_iam_role.other-claim error",
    ]);
  });

  it("GitHub per-claim keys (STS, 2026): repository and a context pinned exactly is one workload", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("repo-ref", [
          AUD,
          eq(`${GITHUB}:repository`, "acme/api"),
          eq(`${GITHUB}:ref`, "refs/heads/main"),
        ]),
        webIdentityRoleIdentity("id-env", [
          AUD,
          eq(`${GITHUB}:repository_id`, "42"),
          eq(`${GITHUB}:environment`, "prod"),
        ]),
        webIdentityRoleIdentity("workflow", [
          AUD,
          eq(`${GITHUB}:repository`, "acme/api"),
          eq(`${GITHUB}:job_workflow_ref`, "acme/api/.github/workflows/deploy.yml@refs/heads/main"),
        ]),
        webIdentityRoleIdentity("ref-only", [AUD, eq(`${GITHUB}:ref`, "refs/heads/main")]),
        webIdentityRoleIdentity("owner-actor", [
          AUD,
          eq(`${GITHUB}:repository_owner`, "acme"),
          eq(`${GITHUB}:actor`, "bot"),
        ]),
        webIdentityRoleIdentity("enterprise", [
          AUD,
          eq(`${GITHUB}:enterprise_id`, "7"),
          eq(`${GITHUB}:ref`, "refs/heads/main"),
        ]),
        webIdentityRoleIdentity("repo-glob", [
          AUD,
          like(`${GITHUB}:repository`, "acme/*"),
          eq(`${GITHUB}:ref`, "refs/heads/main"),
        ]),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.enterprise error",
      "aws_iam_role.owner-actor error",
      "aws_iam_role.ref-only error",
      "aws_iam_role.repo-glob error",
    ]);
    expect(results.find((r) => r.location.address === "aws_iam_role.ref-only")?.message).toContain(
      "it admits tokens of more than one repository (bound only by ref;",
    );
  });

  it("Noncompliance 2: Facebook trust pins app_id but not id", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("facebook", [eq("graph.facebook.com:app_id", "123")], ["graph.facebook.com"]),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual(["aws_iam_role.facebook error"]);
  });
});
