import type { TerraformStack } from "cdktf";
import { OidcIssuer } from "../../lib/constructs/oidc-issuer";
import { ISSUER_RECORD_KEY } from "../../lib/model/issuer";
import { OidcIssuerValidationError } from "../../lib/errors/validation-errors";
import { only, removeOutdirs, synthResources, terraformJson, testStack } from "./construct-harness";

const PLATFORM = { team: "platform", contact: "platform@example.com" };

afterAll(removeOutdirs);

describe("OidcIssuer synthesizes one provider and one JWT backend per issuer", () => {
  test.each([
    [
      "githubActions",
      (s: TerraformStack) =>
        OidcIssuer.githubActions(s, "issuer", {
          owner: PLATFORM,
          aws: {},
          vault: { mountPath: "jwt-github" },
        }),
      "https://token.actions.githubusercontent.com",
      "sts.amazonaws.com",
      "github-actions",
    ],
    [
      "gitlab (gitlab.com)",
      (s: TerraformStack) =>
        OidcIssuer.gitlab(s, "issuer", { owner: PLATFORM, aws: {}, vault: { mountPath: "jwt-gitlab" } }),
      "https://gitlab.com",
      "sts.amazonaws.com",
      "gitlab",
    ],
    [
      "gitlab (self-managed)",
      (s: TerraformStack) =>
        OidcIssuer.gitlab(s, "issuer", {
          owner: PLATFORM,
          url: "https://gitlab.acme.example",
          aws: {},
          vault: { mountPath: "jwt-gitlab" },
        }),
      "https://gitlab.acme.example",
      "sts.amazonaws.com",
      "gitlab",
    ],
    [
      "kubernetes (EKS)",
      (s: TerraformStack) =>
        OidcIssuer.kubernetes(s, "issuer", {
          owner: PLATFORM,
          url: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789",
          aws: {},
          vault: { mountPath: "jwt-eks" },
        }),
      "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789",
      "sts.amazonaws.com",
      "kubernetes",
    ],
    [
      "terraformCloud",
      (s: TerraformStack) =>
        OidcIssuer.terraformCloud(s, "issuer", { owner: PLATFORM, aws: {}, vault: { mountPath: "jwt-hcp" } }),
      "https://app.terraform.io",
      "aws.workload.identity",
      "terraform-cloud",
    ],
    [
      "spiffe",
      (s: TerraformStack) =>
        OidcIssuer.spiffe(s, "issuer", {
          owner: PLATFORM,
          url: "https://oidc.spire.example",
          trustDomain: "prod.acme.internal",
          aws: {},
          vault: { mountPath: "jwt-spiffe" },
        }),
      "https://oidc.spire.example",
      "sts.amazonaws.com",
      "spiffe",
    ],
    [
      "generic constructor",
      (s: TerraformStack) =>
        new OidcIssuer(s, "issuer", {
          owner: PLATFORM,
          url: "https://issuer.example.com/tenant-1",
          aws: {},
          vault: { mountPath: "jwt" },
        }),
      "https://issuer.example.com/tenant-1",
      "sts.amazonaws.com",
      "generic",
    ],
  ])(
    "GIVEN %s WHEN synthesized THEN the provider and backend use the issuer URL and default audience",
    (_name, make, url, awsAudience, kind) => {
      const stack = testStack();
      const issuer = make(stack);
      const resources = synthResources(stack);
      expect(Object.keys(resources).sort()).toEqual([
        "aws_iam_openid_connect_provider",
        "vault_jwt_auth_backend",
      ]);
      expect(only(resources, "aws_iam_openid_connect_provider")).toEqual({
        url,
        client_id_list: [awsAudience],
        tags: {
          "workload-identity:issuer": "stack/issuer",
          "workload-identity:issuer-owner": "platform",
          "workload-identity:issuer-owner-contact": "platform@example.com",
        },
      });
      const backend = only(resources, "vault_jwt_auth_backend");
      expect(backend).toMatchObject({ type: "jwt", oidc_discovery_url: url, bound_issuer: url });
      expect(issuer.kind).toBe(kind);
      expect(issuer.vaultAudience).toBe("vault.workload.identity");
      expect(issuer.record).toEqual({ kind, url, constructPath: "stack/issuer", owner: PLATFORM });
    },
  );

  test("GIVEN an existing provider and mount WHEN synthesized THEN nothing is created and both are reused", () => {
    const stack = testStack();
    const arn = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
    const issuer = OidcIssuer.githubActions(stack, "issuer", {
      owner: PLATFORM,
      aws: { providerArn: arn },
      vault: { mountPath: "jwt-github", existingMount: true },
    });
    expect(synthResources(stack)).toEqual({});
    expect(issuer.providerArn).toBe(arn);
    expect(issuer.vaultMountPath).toBe("jwt-github");
  });

  test("GIVEN audience overrides WHEN synthesized THEN the provider lists the AWS audience", () => {
    const stack = testStack();
    const issuer = OidcIssuer.githubActions(stack, "issuer", {
      owner: PLATFORM,
      aws: {},
      awsAudience: "acme-aws",
      vaultAudience: "acme-vault",
    });
    expect(only(synthResources(stack), "aws_iam_openid_connect_provider").client_id_list).toEqual([
      "acme-aws",
    ]);
    expect(issuer.vaultAudience).toBe("acme-vault");
  });

  test("the issuer record is embedded under // of the resources it creates", () => {
    const stack = testStack();
    const issuer = OidcIssuer.githubActions(stack, "issuer", {
      owner: PLATFORM,
      aws: {},
      vault: { mountPath: "jwt" },
    });
    const json = terraformJson(stack);
    for (const type of ["aws_iam_openid_connect_provider", "vault_jwt_auth_backend"]) {
      const comment = only(json.resource, type)["//"] as Record<string, unknown>;
      expect(comment[ISSUER_RECORD_KEY]).toEqual(issuer.record);
      expect(Object.keys(comment).sort()).toEqual([ISSUER_RECORD_KEY, "metadata"]);
    }
  });

  test("isOidcIssuer recognizes issuers by symbol", () => {
    const stack = testStack();
    const issuer = OidcIssuer.githubActions(stack, "issuer", { owner: PLATFORM, aws: {} });
    expect(OidcIssuer.isOidcIssuer(issuer)).toBe(true);
    expect(OidcIssuer.isOidcIssuer({ url: issuer.url, kind: "github-actions" })).toBe(false);
    expect(OidcIssuer.isOidcIssuer(stack)).toBe(false);
  });
});

describe("OidcIssuer validation", () => {
  const valid = { owner: PLATFORM, url: "https://issuer.example.com", aws: {}, vault: { mountPath: "jwt" } };

  function failure(props: Record<string, unknown>, spiffe = false): OidcIssuerValidationError {
    const stack = testStack();
    try {
      if (spiffe) OidcIssuer.spiffe(stack, "issuer", props as never);
      else new OidcIssuer(stack, "issuer", props as never);
    } catch (error) {
      expect(error).toBeInstanceOf(OidcIssuerValidationError);
      expect(stack.node.tryFindChild("issuer")).toBeUndefined();
      expect(synthResources(stack)).toEqual({});
      return error as OidcIssuerValidationError;
    }
    throw new Error("expected the issuer to be rejected");
  }

  test.each([
    [
      "http URL",
      { url: "http://issuer.example.com" },
      "url",
      '"http://issuer.example.com"',
      "it must use https",
    ],
    [
      "trailing slash",
      { url: "https://issuer.example.com/" },
      "url",
      '"https://issuer.example.com/"',
      "must not end with /",
    ],
    [
      "query string",
      { url: "https://issuer.example.com?x=1" },
      "url",
      '"https://issuer.example.com?x=1"',
      "query or fragment",
    ],
    [
      "credentials",
      { url: "https://u:p@issuer.example.com" },
      "url",
      '"https://u:p@issuer.example.com"',
      "credentials",
    ],
    [
      "uppercase host",
      { url: "https://Issuer.example.com" },
      "url",
      '"https://Issuer.example.com"',
      "canonical form",
    ],
    ["not a URL", { url: "issuer" }, "url", '"issuer"', "it is not a URL"],
    ["missing owner", { owner: undefined }, "owner", "undefined (missing)", "is not { team, contact }"],
    [
      "empty owner team",
      { owner: { team: " ", contact: "x@example.com" } },
      "owner.team",
      '" "',
      "is required",
    ],
    [
      "bad mount path",
      { vault: { mountPath: "/jwt/" } },
      "vault.mountPath",
      '"/jwt/"',
      "is not a Vault auth mount path",
    ],
    [
      "existingMount not boolean",
      { vault: { mountPath: "jwt", existingMount: "yes" } },
      "vault.existingMount",
      '"yes"',
      "is not true or false",
    ],
    [
      "bad provider ARN",
      { aws: { providerArn: "arn:aws:iam::1:role/x" } },
      "aws.providerArn",
      '"arn:aws:iam::1:role/x"',
      "is not an IAM OIDC provider ARN",
    ],
    [
      "provider ARN of another issuer",
      { aws: { providerArn: "arn:aws:iam::111122223333:oidc-provider/other.example.com" } },
      "aws.providerArn",
      '"arn:aws:iam::111122223333:oidc-provider/other.example.com"',
      "a different issuer",
    ],
    [
      "no side",
      { aws: undefined, vault: undefined },
      "aws/vault",
      "undefined (missing)",
      "neither an AWS nor a Vault side",
    ],
    ["wildcard audience", { awsAudience: "sts.*" }, "awsAudience", '"sts.*"', "is not a usable audience"],
  ])("%s", (_name, change, field, received, text) => {
    const error = failure({ ...valid, ...change });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ field, received });
    expect(error.message).toContain(`"stack/issuer" ${field}: `);
    expect(error.message).toContain(text);
    expect(error.message).toContain(`received ${received}`);
    expect(error.message).toContain("Fix: ");
  });

  test("SPIFFE issuers need a valid trust domain", () => {
    const error = failure({ ...valid, trustDomain: "Prod.Example" }, true);
    expect(error.problems.map((p) => p.field)).toEqual(["trustDomain"]);
    expect(error.message).toContain('received "Prod.Example"');
  });

  test("every problem is reported together", () => {
    const error = failure({ url: "http://x", owner: {}, vault: { mountPath: "" } });
    expect(error.problems.map((p) => p.field)).toEqual([
      "url",
      "owner.team",
      "owner.contact",
      "vault.mountPath",
    ]);
    expect(error.message).toMatch(/^Invalid OidcIssuer "stack\/issuer" \(4 problems\):/);
  });
});
