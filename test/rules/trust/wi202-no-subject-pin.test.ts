import { WI202_NO_SUBJECT_PIN as rule } from "../../../lib/rules/trust/wi202-no-subject-pin";
import { graph } from "../../support/graph-builder";
import { eq, flaggedWithSeverity, GITHUB, like, run, webIdentityRoleIdentity } from "./rule-test-helpers";

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
    expect(flaggedWithSeverity(run(rule, g), rule)).toEqual([
      "aws_iam_role.for-all error",
      "aws_iam_role.none error",
      "aws_iam_role.other-claim error",
    ]);
  });

  it("Noncompliance 2: Facebook trust pins app_id but not id", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("facebook", [eq("graph.facebook.com:app_id", "123")], ["graph.facebook.com"]),
      ],
    });
    expect(flaggedWithSeverity(run(rule, g), rule)).toEqual(["aws_iam_role.facebook error"]);
  });
});
