import { WI213_AUDIENCE_NEVER_MATCHES as rule } from "../../../lib/rules/trust/wi213-audience-never-matches";
import { graph, loc } from "../../support/graph-builder";
import { eq, GITHUB, webIdentityRoleIdentity } from "./trust-fixtures";
import { flaggedResults, run } from "../harness";

const provider = (address: string, url: string, clientIds: string[]) => ({
  location: loc(address),
  url,
  clientIds,
});

describe("WI213 OIDC audience cannot match the issuer's tokens", () => {
  it("Compliance: Google provider with an OAuth client id; trust audience listed by the provider", () => {
    const g = graph({
      identities: [webIdentityRoleIdentity("github", [eq(`${GITHUB}:aud`, "sts.amazonaws.com")])],
      oidcProviders: [
        provider("aws_iam_openid_connect_provider.google", "https://accounts.google.com", [
          "1234-abc.apps.googleusercontent.com",
        ]),
        provider("aws_iam_openid_connect_provider.github", "https://token.actions.githubusercontent.com", [
          "sts.amazonaws.com",
        ]),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: Google provider listing sts.amazonaws.com (checkov plan r5)", () => {
    const g = graph({
      oidcProviders: [
        provider("module.poc.aws_iam_openid_connect_provider.r5", "https://accounts.google.com", [
          "sts.amazonaws.com",
        ]),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "module.poc.aws_iam_openid_connect_provider.r5 warning",
    ]);
  });

  it("Noncompliance 2: trust pins an audience the provider does not list", () => {
    const g = graph({
      identities: [webIdentityRoleIdentity("github", [eq(`${GITHUB}:aud`, "sigstore")])],
      oidcProviders: [
        provider("aws_iam_openid_connect_provider.github", "https://token.actions.githubusercontent.com", [
          "sts.amazonaws.com",
        ]),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual(["aws_iam_role.github warning"]);
    expect(results[0].related?.map((l) => l.address)).toEqual(["aws_iam_openid_connect_provider.github"]);
  });
});
