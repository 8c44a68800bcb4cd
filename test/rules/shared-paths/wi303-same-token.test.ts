import fc from "fast-check";
import { WI303_SAME_TOKEN as rule } from "../../../lib/rules/shared-paths/wi303-same-token";
import {
  claimValue,
  acceptorsOverlap,
  type TokenAcceptor,
} from "../../../lib/analysis/trust-token-acceptors";
import { sharedTokens } from "../../../lib/analysis/trust-token-pairs";
import { graph, identity, loc, vaultRole } from "../../support/graph-builder";
import { eq, GITHUB, like, webIdentityRoleIdentity } from "../trust/trust-fixtures";
import { flaggedResults, run } from "../harness";

const AUD = eq(`${GITHUB}:aud`, "sts.amazonaws.com");
const SUB = `${GITHUB}:sub`;
const githubBackend = {
  location: loc("vault_jwt_auth_backend.github"),
  type: "jwt" as const,
  path: "jwt-github",
  boundIssuer: "https://token.actions.githubusercontent.com",
};

describe("WI303 two identities accept the same token", () => {
  it("Compliance: distinct subjects, distinct issuers, and one identity's own AWS + Vault roles", () => {
    const own = webIdentityRoleIdentity("own", [AUD, eq(SUB, "repo:acme/own:pull_request")]);
    const g = graph({
      identities: [
        webIdentityRoleIdentity("a", [AUD, eq(SUB, "repo:acme/a:pull_request")]),
        webIdentityRoleIdentity("b", [AUD, eq(SUB, "repo:acme/b:pull_request")]),
        webIdentityRoleIdentity(
          "d-gitlab",
          [eq("gitlab.com:aud", "sts.amazonaws.com"), eq("gitlab.com:sub", "repo:acme/a:pull_request")],
          ["arn:aws:iam::111122223333:oidc-provider/gitlab.com"],
        ),
        webIdentityRoleIdentity("e-literal-star", [AUD, eq(SUB, "repo:acme/*")]),
        identity("own", {
          awsRoles: own.awsRoles,
          vaultRoles: [
            vaultRole("vault_jwt_auth_backend_role.own", {
              backend: githubBackend,
              backendPath: "jwt-github",
              boundAudiences: ["sts.amazonaws.com"],
              boundSubject: "repo:acme/own:pull_request",
            }),
          ],
        }),
      ],
      vaultAuthBackends: [githubBackend],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Compliance: the checkov plan r1/r6 pair (r6 trusts Cognito with accounts.google.com keys) is not shared", () => {
    const google = {
      location: loc("module.poc.aws_iam_openid_connect_provider.r5"),
      url: "https://accounts.google.com",
      clientIds: ["sts.amazonaws.com"],
    };
    const conditions = [
      eq("accounts.google.com:aud", "sts.amazonaws.com"),
      eq("accounts.google.com:sub", "system:serviceaccount:p1:default"),
    ];
    const g = graph({
      identities: [
        webIdentityRoleIdentity('r1["p1"]', conditions, ["${aws_iam_openid_connect_provider.r5.arn}"], {
          location: loc('module.poc.aws_iam_role.r1["p1"]'),
        }),
        webIdentityRoleIdentity('r6["p1"]', conditions, ["cognito-identity.amazonaws.com"], {
          location: loc('module.poc.aws_iam_role.r6["p1"]'),
        }),
      ],
      oidcProviders: [google],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: the same exact subject and audience on two identities", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("b", [AUD, eq(SUB, "repo:acme/api:environment:prod")]),
        webIdentityRoleIdentity("a", [AUD, eq(SUB, "repo:acme/api:environment:prod")]),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual(["aws_iam_role.a error"]);
    expect(results[0]).toMatchObject({
      related: [expect.objectContaining({ address: "aws_iam_role.b" })],
      identityIds: ["aws_iam_role.a", "aws_iam_role.b"],
      key: "repo:acme/api:environment:prod",
    });
    expect(results[0].message).toBe(
      `Identities "aws_iam_role.a" and "aws_iam_role.b" accept the same token from issuer "${GITHUB}" with subject "repo:acme/api:environment:prod" ("aws_iam_role.a" and "aws_iam_role.b").`,
    );
  });

  it("Noncompliance 2: StringLike pattern covering another's subject; unpinned audience; AWS role vs another identity's Vault role", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("api", [AUD, eq(SUB, "repo:acme/api:ref:refs/heads/main")]),
        webIdentityRoleIdentity("org", [AUD, like(SUB, "repo:acme/*")]),
        webIdentityRoleIdentity("web", [AUD, eq(SUB, "repo:acme/web:ref:refs/heads/main")]),
        webIdentityRoleIdentity("z-no-aud", [eq(SUB, "repo:other/x:pull_request")]),
        webIdentityRoleIdentity("z-same-as-no-aud", [AUD, eq(SUB, "repo:other/x:pull_request")]),
        identity("vault-api", {
          vaultRoles: [
            vaultRole("vault_jwt_auth_backend_role.api", {
              backend: githubBackend,
              backendPath: "jwt-github",
              boundAudiences: ["sts.amazonaws.com"],
              boundSubject: "repo:acme/api:ref:refs/heads/main",
            }),
          ],
        }),
      ],
      vaultAuthBackends: [githubBackend],
    });
    const results = run(rule, g);
    // One finding per shared token: the pattern role joins the two identical bindings it covers.
    expect(results.map((r) => `${r.identityIds?.join(" + ")} @ ${r.key}`).sort()).toEqual([
      "aws_iam_role.api + aws_iam_role.org + vault-api @ repo:acme/api:ref:refs/heads/main",
      "aws_iam_role.api + vault-api @ repo:acme/api:ref:refs/heads/main",
      "aws_iam_role.org + aws_iam_role.web @ repo:acme/web:ref:refs/heads/main",
      "aws_iam_role.z-no-aud + aws_iam_role.z-same-as-no-aud @ repo:other/x:pull_request",
    ]);
  });

  it("Noncompliance 3: two Vault roles on one mount with overlapping glob claims (vault glob: `?` is literal)", () => {
    const mount = { location: loc("vault_jwt_auth_backend.ci"), type: "jwt" as const, path: "ci" };
    const role = (name: string, claims: Record<string, string>) =>
      identity(name, {
        vaultRoles: [
          vaultRole(`vault_jwt_auth_backend_role.${name}`, {
            backend: mount,
            backendPath: "ci",
            boundSubject: undefined,
            boundClaims: claims,
            boundClaimsType: "glob",
          }),
        ],
      });
    const g = graph({
      identities: [
        role("one", { sub: "project_path:acme/*" }),
        role("two", { sub: "project_path:acme/api:ref_type:branch:ref:main" }),
        role("three", { sub: "project_path:acme/ap?:ref_type:branch:ref:main" }),
      ],
      vaultAuthBackends: [mount],
    });
    expect(
      run(rule, g)
        .map((r) => r.identityIds?.join(" + "))
        .sort(),
    ).toEqual(["one + three", "one + two"]);
  });

  it("scales: 5,000 identities with distinct subjects and two shared ones yield exactly the shared pair", () => {
    const identities = Array.from({ length: 5000 }, (_, i) =>
      webIdentityRoleIdentity(`w${String(i).padStart(4, "0")}`, [
        AUD,
        eq(SUB, `repo:acme/svc-${i}:environment:prod`),
      ]),
    );
    identities.push(webIdentityRoleIdentity("dup", [AUD, eq(SUB, "repo:acme/svc-42:environment:prod")]));
    const results = run(rule, graph({ identities }));
    expect(results.map((r) => r.identityIds)).toEqual([["aws_iam_role.dup", "aws_iam_role.w0042"]]);
  });

  it("bucketing finds exactly the pairs a brute-force comparison finds", () => {
    const pattern = fc.stringMatching(/^[ab*?]{0,4}$/);
    const acceptorArb = fc.record({
      aud: fc.option(fc.constantFrom("x", "y"), { nil: undefined }),
      audGlob: fc.boolean(),
      subs: fc.option(fc.array(pattern, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      subMatch: fc.constantFrom("literal" as const, "glob" as const),
    });
    fc.assert(
      fc.property(fc.array(acceptorArb, { maxLength: 8 }), (specs) => {
        const acceptors: TokenAcceptor[] = specs.map((spec, i) => {
          const claims = new Map<string, readonly (readonly ReturnType<typeof claimValue>[])[]>();
          if (spec.aud !== undefined)
            claims.set("aud", [
              [claimValue(spec.audGlob ? `${spec.aud}*` : spec.aud, spec.audGlob ? "glob" : "literal")],
            ]);
          if (spec.subs !== undefined)
            claims.set("sub", [spec.subs.map((s) => claimValue(s, spec.subMatch))]);
          return {
            identityId: `id${i}`,
            identityName: `id${i}`,
            location: loc(`r${i}`),
            kind: "aws-role",
            issuer: "i",
            audienceClaim: "aud",
            subjectClaim: "sub",
            claims,
          };
        });
        // Every share stands for the pairs of its identities; expanded, they are the all-pairs result.
        const fast = new Set<string>();
        for (const { sides } of sharedTokens(acceptors)) {
          const [left, right] = sides.length === 1 ? [sides[0], sides[0]] : sides;
          for (const a of left)
            for (const b of right)
              if (a.identityId !== b.identityId) fast.add([a.identityId, b.identityId].sort().join("|"));
        }
        const brute = new Set<string>();
        for (let i = 0; i < acceptors.length; i++) {
          for (let j = i + 1; j < acceptors.length; j++) {
            if (acceptorsOverlap(acceptors[i], acceptors[j])) {
              brute.add([acceptors[i].identityId, acceptors[j].identityId].sort().join("|"));
            }
          }
        }
        expect([...fast].sort()).toEqual([...brute].sort());
      }),
      { numRuns: 300 },
    );
  });
});

describe("WI303: tokens compared by the set of tokens a binding admits", () => {
  const REPO = `${GITHUB}:repository`;
  const vaultGithub = (name: string, over: Parameters<typeof vaultRole>[1]) =>
    identity(`vault-${name}`, {
      vaultRoles: [
        vaultRole(`vault_jwt_auth_backend_role.${name}`, {
          backend: githubBackend,
          backendPath: "jwt-github",
          ...over,
        }),
      ],
    });

  it("different audiences with overlapping subjects on one issuer are shared (the workload picks the audience)", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("a", [AUD, eq(SUB, "repo:acme/a:pull_request")]),
        webIdentityRoleIdentity("b", [eq(`${GITHUB}:aud`, "other"), eq(SUB, "repo:acme/a:pull_request")]),
        vaultGithub("c", { boundAudiences: ["vault.example.com"], boundSubject: "repo:acme/a:pull_request" }),
        webIdentityRoleIdentity("d", [eq(`${GITHUB}:aud`, "other"), eq(SUB, "repo:acme/d:pull_request")]),
      ],
      vaultAuthBackends: [githubBackend],
    });
    expect(
      run(rule, g)
        .map((r) => r.identityIds?.join(" + "))
        .sort(),
    ).toEqual(["aws_iam_role.a + aws_iam_role.b + vault-c"]);
  });

  it("per-claim keys and bound_claims are compared with subjects: all constraints together", () => {
    const g = graph({
      identities: [
        // sub names repository acme/api: meets a binding on repository=acme/api + ref, not acme/web.
        webIdentityRoleIdentity("sub-api", [AUD, eq(SUB, "repo:acme/api:ref:refs/heads/main")]),
        webIdentityRoleIdentity("claims-api", [
          AUD,
          eq(REPO, "acme/api"),
          eq(`${GITHUB}:ref`, "refs/heads/main"),
        ]),
        webIdentityRoleIdentity("claims-web", [
          AUD,
          eq(REPO, "acme/web"),
          eq(`${GITHUB}:ref`, "refs/heads/main"),
        ]),
        // Same repository, but another ref: disjoint.
        vaultGithub("api-release", {
          boundSubject: undefined,
          boundClaims: { repository: "acme/api", ref: "refs/heads/release" },
        }),
        // Comma-separated values are alternatives; with a glob type `*` matches any run.
        vaultGithub("web-any", {
          boundSubject: undefined,
          boundClaims: { repository: "acme/web,acme/docs", ref: "refs/heads/*" },
          boundClaimsType: "glob",
        }),
      ],
      vaultAuthBackends: [githubBackend],
    });
    expect(
      run(rule, g)
        .map((r) => `${r.identityIds?.join(" + ")} @ ${r.key}`)
        .sort(),
    ).toEqual([
      "aws_iam_role.claims-api + aws_iam_role.sub-api @ repository=acme/api",
      "aws_iam_role.claims-web + vault-web-any @ repository=acme/web",
    ]);
  });

  it("ID-based GitHub subjects imply repository_id and are compared with per-claim repository_id pins", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("id-sub", [AUD, eq(SUB, "repo:acme@100/api@200:environment:prod")]),
        webIdentityRoleIdentity("id-claim", [AUD, eq(`${GITHUB}:repository_id`, "200")]),
        webIdentityRoleIdentity("other-id", [AUD, eq(`${GITHUB}:repository_id`, "201")]),
      ],
    });
    expect(run(rule, g).map((r) => r.identityIds?.join(" + "))).toEqual([
      "aws_iam_role.id-claim + aws_iam_role.id-sub",
    ]);
  });

  it("Vault mounts without bound_issuer that verify with the same keys are compared; other keys are not", () => {
    const keysMount = (name: string, jwks: Record<string, unknown>) => ({
      location: loc(`vault_jwt_auth_backend.${name}`),
      type: "jwt" as const,
      path: name,
      ...jwks,
    });
    const one = keysMount("one", { jwksUrl: "https://keys.example.com/jwks" });
    const two = keysMount("two", { jwksUrl: "https://keys.example.com/jwks/" });
    const three = keysMount("three", { jwtValidationPubkeys: ["KEY-B", "KEY-A"] });
    const four = keysMount("four", { jwtValidationPubkeys: ["KEY-A\n", "KEY-B"] });
    const gh = keysMount("gh", { jwksUrl: "https://token.actions.githubusercontent.com/.well-known/jwks" });
    const role = (name: string, backend: typeof one) =>
      identity(name, {
        vaultRoles: [
          vaultRole(`vault_jwt_auth_backend_role.${name}`, {
            backend,
            backendPath: backend.path,
            boundSubject: "repo:acme/api:ref:refs/heads/main",
          }),
        ],
      });
    const g = graph({
      identities: [
        role("on-one", one),
        role("on-two", two),
        role("on-three", three),
        role("on-four", four),
        role("on-gh", gh),
        webIdentityRoleIdentity("aws", [AUD, eq(SUB, "repo:acme/api:ref:refs/heads/main")]),
      ],
      vaultAuthBackends: [one, two, three, four, gh],
    });
    expect(
      run(rule, g)
        .map((r) => r.identityIds?.join(" + "))
        .sort(),
    ).toEqual(["aws_iam_role.aws + on-gh", "on-four + on-three", "on-one + on-two"]);
  });
});

describe("WI303: Kubernetes auth roles", () => {
  it("bound names and namespaces are globs: `api-*` meets `api-worker`, not `web`", () => {
    const mount = {
      location: loc("vault_auth_backend.k8s"),
      type: "kubernetes" as const,
      path: "kubernetes",
    };
    const k8s = (name: string, names: string[], namespaces: string[]) =>
      identity(name, {
        vaultRoles: [
          vaultRole(`vault_kubernetes_auth_backend_role.${name}`, {
            authType: "kubernetes",
            backend: mount,
            backendPath: "kubernetes",
            boundSubject: undefined,
            boundServiceAccountNames: names,
            boundServiceAccountNamespaces: namespaces,
          }),
        ],
      });
    const g = graph({
      identities: [
        k8s("prefix", ["api-*"], ["payments"]),
        k8s("worker", ["api-worker"], ["payments"]),
        k8s("web", ["web"], ["payments"]),
        k8s("ns-glob", ["web"], ["pay*"]),
        k8s("elsewhere", ["api-worker"], ["billing"]),
      ],
      vaultAuthBackends: [mount],
    });
    expect(
      run(rule, g)
        .map((r) => r.identityIds?.join(" + "))
        .sort(),
    ).toEqual(["ns-glob + web", "prefix + worker"]);
  });
});
