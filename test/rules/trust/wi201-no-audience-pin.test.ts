import { WI201_NO_AUDIENCE_PIN as rule } from "../../../lib/rules/trust/wi201-no-audience-pin";
import { graph } from "../../support/graph-builder";
import { eq, GITHUB, webIdentityRoleIdentity } from "./trust-fixtures";
import { expectOneLineMessages, flaggedResults, run } from "../harness";

const SUB = eq(`${GITHUB}:sub`, "repo:acme/api:ref:refs/heads/main");

describe("WI201 web-identity trust without audience pin", () => {
  it("Compliance: audience pinned by StringEquals or StringLike", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("equals", [eq(`${GITHUB}:aud`, "sts.amazonaws.com"), SUB]),
        webIdentityRoleIdentity("like", [
          { operator: "StringLike", key: `${GITHUB}:aud`, values: ["sts.amazonaws.com"] },
          SUB,
        ]),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: no audience condition, an IfExists one, or a negated one", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("none", [SUB]),
        webIdentityRoleIdentity("if-exists", [
          { operator: "StringEqualsIfExists", key: `${GITHUB}:aud`, values: ["sts.amazonaws.com"] },
          SUB,
        ]),
        webIdentityRoleIdentity("negated", [
          { operator: "StringNotEquals", key: `${GITHUB}:aud`, values: ["x"] },
          SUB,
        ]),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.if-exists error",
      "aws_iam_role.negated error",
      "aws_iam_role.none error",
    ]);
    expect(results[0].identityIds).toEqual(["aws_iam_role.none"]);
    expect(results[0].message).toBe(
      `Role "aws_iam_role.none" accepts tokens from "${GITHUB}" without pinning the audience.`,
    );
    expectOneLineMessages(results);
  });

  it("Noncompliance 2: the Cognito built-in provider uses its own aud key", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity(
          "cognito-pinned",
          [eq("cognito-identity.amazonaws.com:aud", "us-east-1:pool")],
          ["cognito-identity.amazonaws.com"],
        ),
        webIdentityRoleIdentity(
          "cognito-open",
          [eq("cognito-identity.amazonaws.com:amr", "authenticated")],
          ["cognito-identity.amazonaws.com"],
        ),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual(["aws_iam_role.cognito-open error"]);
  });
});
