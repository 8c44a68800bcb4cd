import {
  ISSUER_KINDS,
  claimNamesOf,
  conditionKeyPrefix,
  issuerKindOf,
  issuerUrlOfProviderArn,
  normalizeIssuer,
  oidcProviderArn,
  parseOidcProviderArn,
  type IssuerKind,
} from "../../lib/model/issuer";

describe("issuer facts: URL, provider ARN, condition-key prefix and kind map to one another", () => {
  const urls: Array<[string, IssuerKind]> = [
    ["https://token.actions.githubusercontent.com", "github-actions"],
    ["https://gitlab.com", "gitlab"],
    ["https://app.terraform.io", "terraform-cloud"],
    ["https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789", "kubernetes"],
    ["https://gitlab.acme.example", "generic"],
    ["https://accounts.google.com", "generic"],
  ];

  test.each(urls)("%s round-trips through its provider ARN and is of kind %s", (url, kind) => {
    const arn = oidcProviderArn("aws", "123456789012", url);
    expect(arn).toBe(`arn:aws:iam::123456789012:oidc-provider/${conditionKeyPrefix(url)}`);
    expect(parseOidcProviderArn(arn)).toEqual({
      partition: "aws",
      account: "123456789012",
      hostPath: conditionKeyPrefix(url),
    });
    expect(issuerUrlOfProviderArn(arn)).toBe(url);
    expect(issuerKindOf(url)).toBe(kind);
    expect(issuerKindOf(conditionKeyPrefix(url))).toBe(kind);
  });

  test("every default URL is recognised as its own kind", () => {
    for (const kind of Object.keys(ISSUER_KINDS) as IssuerKind[]) {
      const url = ISSUER_KINDS[kind].url;
      if (url !== undefined) expect(issuerKindOf(url)).toBe(kind);
    }
  });

  test("issuers compare lower-cased, without scheme or trailing slash (IAM condition keys ignore case)", () => {
    expect(normalizeIssuer(" HTTPS://Token.Actions.GithubUserContent.com/ ")).toBe(
      "token.actions.githubusercontent.com",
    );
  });

  test("not provider ARNs: a SAML provider, a role, another partition's malformed account", () => {
    expect(parseOidcProviderArn("arn:aws:iam::123456789012:saml-provider/x")).toBeUndefined();
    expect(parseOidcProviderArn("arn:aws:iam::123456789012:role/x")).toBeUndefined();
    expect(parseOidcProviderArn("arn:aws-cn:iam::1234:oidc-provider/x")).toBeUndefined();
    expect(parseOidcProviderArn("arn:aws:iam::<account>:oidc-provider/gitlab.com")?.account).toBe(
      "<account>",
    );
  });

  test("claim names of providers IAM knows by name, and never of Object.prototype", () => {
    expect(claimNamesOf("graph.facebook.com")).toEqual({ audience: "app_id", subject: "id" });
    expect(claimNamesOf("constructor")).toEqual({ audience: "aud", subject: "sub" });
  });
});
