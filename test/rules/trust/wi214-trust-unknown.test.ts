import { TRUST_RULES } from "../../../lib/rules/trust";
import { WI214_TRUST_UNKNOWN as rule } from "../../../lib/rules/trust/wi214-trust-unknown";
import { awsRole, graph, identity, loc, vaultRole } from "../../support/graph-builder";
import { eq, GITHUB, GITHUB_PROVIDER, webIdentityRoleIdentity } from "./trust-fixtures";
import { flaggedResults, run } from "../harness";

const AUD = eq(`${GITHUB}:aud`, "sts.amazonaws.com");
const SUB = eq(`${GITHUB}:sub`, "repo:acme/api:pull_request");

describe("WI214 trust policy unknown — needs review", () => {
  it("Compliance: fully known trusts, and a provider reference resolved through the inputs", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("literal", [AUD, SUB], [GITHUB_PROVIDER]),
        webIdentityRoleIdentity("referenced", [AUD, SUB], ["${aws_iam_openid_connect_provider.github.arn}"]),
      ],
      oidcProviders: [
        {
          location: loc("aws_iam_openid_connect_provider.github"),
          url: `https://${GITHUB}`,
          clientIds: ["sts.amazonaws.com"],
        },
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: unknown document, unresolved principal, interpolated condition, empty principal; each once, and no other trust rule fires", () => {
    const g = graph({
      identities: [
        identity("aws_iam_role.after-apply", {
          awsRoles: [
            awsRole("aws_iam_role.after-apply", {
              trust: { unknown: true, reason: "known only after apply" },
            }),
          ],
        }),
        webIdentityRoleIdentity(
          "provider-missing",
          [AUD, SUB],
          ["${aws_iam_openid_connect_provider.gone.arn}"],
        ),
        webIdentityRoleIdentity("var-sub", [AUD, eq(`${GITHUB}:sub`, "repo:${var.repo}:pull_request")]),
        webIdentityRoleIdentity("null-principal", [AUD, SUB], []),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.after-apply error unknown",
      "aws_iam_role.null-principal error unknown",
      "aws_iam_role.provider-missing error unknown",
      "aws_iam_role.var-sub error unknown",
    ]);
    expect(results.every((r) => r.unknown === true)).toBe(true);
    const others = TRUST_RULES.filter((r) => r.id !== "WI214").flatMap((r) => run(r, g));
    expect(others).toEqual([]);
  });

  it("Noncompliance 2: Vault role with unknown trust fields", () => {
    const g = graph({
      identities: [
        identity("v", {
          vaultRoles: [
            vaultRole("vault_jwt_auth_backend_role.v", {
              boundSubject: { unknown: true, reason: "after apply" },
            }),
          ],
        }),
        identity("k", {
          vaultRoles: [
            vaultRole("vault_kubernetes_auth_backend_role.k", {
              authType: "kubernetes",
              boundServiceAccountNames: ["${var.sa}"],
              boundServiceAccountNamespaces: ["ns"],
            }),
          ],
        }),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual([
      "vault_jwt_auth_backend_role.v error unknown",
      "vault_kubernetes_auth_backend_role.k error unknown",
    ]);
    expect(results[0].message).toBe(
      'Vault role "vault_jwt_auth_backend_role.v" has trust settings that are not known (bound_subject) — needs review.',
    );
  });
});

describe("WI214: a Vault mount whose issuer or verification keys are not known", () => {
  it("reports JWT roles on a mount in the inputs with unknown keys and no issuer; known keys are evaluated", () => {
    const mount = (name: string, over: Record<string, unknown>) => ({
      location: loc(`vault_jwt_auth_backend.${name}`),
      type: "jwt" as const,
      path: name,
      ...over,
    });
    const unknownKeys = mount("unknown-keys", { jwksUrl: { unknown: true, reason: "known after apply" } });
    const knownKeys = mount("known-keys", { jwksUrl: "https://keys.example.com/jwks" });
    const roleOn = (name: string, backend: ReturnType<typeof mount>) =>
      identity(name, {
        vaultRoles: [
          vaultRole(`vault_jwt_auth_backend_role.${name}`, { backend, backendPath: backend.path }),
        ],
      });
    const g = graph({
      identities: [roleOn("a", unknownKeys), roleOn("b", knownKeys)],
      vaultAuthBackends: [unknownKeys, knownKeys],
    });
    const results = run(rule, g);
    expect(results.map((r) => r.location.address)).toEqual(["vault_jwt_auth_backend_role.a"]);
    expect(results[0].message).toContain("the verification keys of its auth backend are not known");
  });
});
