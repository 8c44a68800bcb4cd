import { WI204_WILDCARD_UNDER_STRING_EQUALS as rule } from "../../../lib/rules/trust/wi204-wildcard-under-string-equals";
import { graph } from "../../support/graph-builder";
import { eq, GITHUB, like, webIdentityRoleIdentity } from "./trust-fixtures";
import { flaggedResults, run } from "../harness";

const AUD = eq(`${GITHUB}:aud`, "sts.amazonaws.com");

describe("WI204 wildcard under StringEquals", () => {
  it("Compliance: wildcards under StringLike (WI203's business) and literal values under StringEquals", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("like", [AUD, like(`${GITHUB}:sub`, "repo:acme/*")]),
        webIdentityRoleIdentity("literal", [AUD, eq(`${GITHUB}:sub`, "repo:acme/api:pull_request")]),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: `*` or `?` in a StringEquals subject or audience, one result per condition", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("star-sub", [AUD, eq(`${GITHUB}:sub`, "repo:acme/*")]),
        webIdentityRoleIdentity("question-aud", [
          eq(`${GITHUB}:aud`, "sts.amazonaws.co?"),
          eq(`${GITHUB}:sub`, "repo:a/b:ref:refs/heads/?"),
        ]),
        webIdentityRoleIdentity("ignore-case", [
          AUD,
          { operator: "StringEqualsIgnoreCase", key: `${GITHUB}:sub`, values: ["*"] },
        ]),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.ignore-case error",
      "aws_iam_role.question-aud error",
      "aws_iam_role.question-aud error",
      "aws_iam_role.star-sub error",
    ]);
    expect(new Set(results.map((r) => r.key)).size).toBe(4);
  });
});
