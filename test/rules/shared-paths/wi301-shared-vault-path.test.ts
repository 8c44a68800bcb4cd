import type { Identity, VaultRole } from "../../../lib/model/graph";
import { unknown } from "../../../lib/model/unknown";
import { vaultPathsOverlap } from "../../../lib/pattern/vault-path";
import {
  WI301_SHARED_VAULT_PATH,
  sharedVaultPaths,
} from "../../../lib/rules/shared-paths/wi301-shared-vault-path";
import { separatedByEntityTemplate, vaultReachOf } from "../../../lib/analysis/vault-reach";
import { graph, identity, loc, vaultPolicy, vaultRole } from "../../support/graph-builder";
import { findings, flagged, run } from "../harness";
import { seeded } from "../../support/seeded-random";

const rule = WI301_SHARED_VAULT_PATH;

/** Every share stands for the pairs of its identities: `owner|owner|pattern|pattern`, smaller owner first. */
function sharedPairs(identities: readonly Identity[]): Set<string> {
  const pairs = new Set<string>();
  for (const { sides } of sharedVaultPaths(identities).shares) {
    const [left, right] = sides.length === 1 ? [sides[0], sides[0]] : sides;
    for (const a of left) {
      for (const b of right) {
        if (a.owner < b.owner) pairs.add(`${a.owner}|${b.owner}|${a.pattern}|${b.pattern}`);
        else if (b.owner < a.owner) pairs.add(`${b.owner}|${a.owner}|${b.pattern}|${a.pattern}`);
      }
    }
  }
  return pairs;
}

/** An identity holding one Vault role with one policy of the given rules. */
function vaultIdentity(
  id: string,
  rules: Array<[string, string[]]>,
  stack?: string,
  roleOverrides: Partial<VaultRole> = {},
): Identity {
  const policy = vaultPolicy(
    `vault_policy.${id}`,
    rules.map(([path, capabilities]) => ({ path, capabilities })),
    {
      location: loc(`vault_policy.${id}`, { stack }),
    },
  );
  const role = vaultRole(`vault_jwt_auth_backend_role.${id}`, {
    location: loc(`vault_jwt_auth_backend_role.${id}`, { stack }),
    tokenPolicies: [String(policy.name)],
    policies: [policy],
    ...roleOverrides,
  });
  return identity(id, { stack, vaultRoles: [role] });
}

describe("WI301 shared Vault path", () => {
  test("Noncompliance: a templated segment ({{identity.entity.name}}) takes any value, so it can meet another path", () => {
    const g = graph({
      identities: [
        vaultIdentity("per-user", [["secret/data/home/{{identity.entity.name}}/*", ["read"]]]),
        vaultIdentity("alice-job", [["secret/data/home/alice/db", ["read"]]]),
        vaultIdentity("other", [["secret/data/work/alice/db", ["read"]]]),
      ],
    });
    expect(flagged(rule, g)).toEqual(["vault_policy.alice-job error"]);
    expect(run(rule, g)[0].identityIds).toEqual(["alice-job", "per-user"]);
  });

  test("Noncompliance 1: the DESIGN example across stacks names both identities", () => {
    const g = graph({
      identities: [
        vaultIdentity("payments-api", [["secret/data/payments/*", ["read"]]], "payments"),
        vaultIdentity("billing-job", [["secret/data/payments/db", ["read"]]], "billing"),
      ],
    });
    const results = run(rule, g);
    expect(flagged(rule, g)).toEqual(["billing:vault_policy.billing-job error"]);
    expect(results[0].identityIds).toEqual(["billing-job", "payments-api"]);
    expect(results[0].related?.map((l) => `${l.stack}:${l.address}`)).toEqual([
      "payments:vault_policy.payments-api",
    ]);
    expect(results[0].message).toContain('"billing-job"');
    expect(results[0].message).toContain('"payments-api"');
    expect(results[0].message).toContain('"secret/data/payments/db"');
    expect(results[0].message).toContain('"secret/data/payments/*"');
    expect(results[0].key).toBe(JSON.stringify(["secret/data/payments/db", "secret/data/payments/*"]));
  });

  test("Compliance: disjoint subtrees, + segments that do not meet, and a single identity", () => {
    const g = graph({
      identities: [
        vaultIdentity("a", [
          ["secret/data/a/*", ["read"]],
          ["secret/data/+/config", ["read"]],
        ]),
        vaultIdentity("b", [["secret/data/b/db", ["read"]]]),
        vaultIdentity("c", [
          ["kv/c", ["read", "update"]],
          ["kv/c/*", ["read"]],
        ]),
      ],
    });
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Noncompliance 2: a + segment meets a literal path; each overlapping path pair is one result", () => {
    const g = graph({
      identities: [
        vaultIdentity("a", [
          ["secret/data/+/config", ["read"]],
          ["kv/app", ["create"]],
        ]),
        vaultIdentity("b", [
          ["secret/data/b/config", ["read"]],
          ["kv/app", ["read"]],
        ]),
      ],
    });
    expect(flagged(rule, g)).toEqual(["vault_policy.a error", "vault_policy.a error"]);
    expect(findings(rule, g)).toHaveLength(2); // distinct fingerprints (key = both paths)
  });

  test("Compliance: deny-only and list-only rules reach nothing; an exact deny removes the identity's own reach", () => {
    const g = graph({
      identities: [
        vaultIdentity("a", [
          ["secret/data/shared/db", ["read"]],
          ["secret/data/shared/db", ["deny"]],
          ["secret/metadata/*", ["list"]],
        ]),
        vaultIdentity("b", [
          ["secret/data/shared/*", ["deny"]],
          ["secret/metadata/b", ["list"]],
        ]),
      ],
    });
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Compliance: a more specific deny narrows a broader glob (Vault applies the most specific rule)", () => {
    const g = graph({
      identities: [
        vaultIdentity("a", [
          ["secret/data/*", ["read"]],
          ["secret/data/b/db", ["deny"]],
        ]),
        vaultIdentity("b", [["secret/data/b/db", ["read"]]]),
      ],
    });
    expect(flagged(rule, g)).toEqual([]);
  });

  test("Unknown: unknown rules or a policy missing from the inputs give one warning per identity, not per pair", () => {
    const hidden = vaultPolicy("vault_policy.hidden", unknown("known only after apply"));
    const x = identity("x", {
      vaultRoles: [
        vaultRole("vault_jwt_auth_backend_role.x", {
          tokenPolicies: ["hidden", "elsewhere", "default"],
          policies: [hidden],
        }),
      ],
    });
    const g = graph({
      identities: [
        x,
        vaultIdentity("a", [["secret/data/a", ["read"]]]),
        vaultIdentity("b", [["secret/data/b", ["read"]]]),
      ],
    });
    expect(flagged(rule, g)).toEqual(["vault_jwt_auth_backend_role.x warning unknown"]);
    const [result] = run(rule, g);
    expect(result.message).toContain('"elsewhere"');
    expect(result.message).toContain("unknown — needs review");
    expect(result.identityIds).toEqual(["x"]);
  });

  test("Unknown token_policies on a role is reported once", () => {
    const x = identity("x", {
      vaultRoles: [
        vaultRole("vault_jwt_auth_backend_role.x", { tokenPolicies: unknown("known only after apply") }),
      ],
    });
    expect(flagged(rule, graph({ identities: [x] }))).toEqual([
      "vault_jwt_auth_backend_role.x warning unknown",
    ]);
  });

  test("attacker-controlled paths are quoted", () => {
    const g = graph({
      identities: [
        vaultIdentity("a", [['secret/data/x"\n*', ["read"]]]),
        vaultIdentity("b", [['secret/data/x"\nq', ["read"]]]),
      ],
    });
    const [result] = run(rule, g);
    expect(result.message).not.toContain("\n");
    expect(result.message).toContain(JSON.stringify('secret/data/x"\n*'));
  });

  test("indexed pairs equal the naive all-pairs result on 300 random identities", () => {
    const random = seeded(301);
    const segments = ["secret", "data", "a", "b", "ab", "+", "db", "kv"];
    const randomPath = () => {
      const length = 1 + Math.floor(random() * 4);
      const parts = Array.from({ length }, () => segments[Math.floor(random() * segments.length)]);
      const tail = random();
      const path = parts.join("/");
      return tail < 0.25 ? `${path}/*` : tail < 0.4 ? `${path}*` : path;
    };
    const identities = Array.from({ length: 300 }, (_, i) =>
      vaultIdentity(
        `id-${String(i).padStart(3, "0")}`,
        Array.from(
          { length: 1 + Math.floor(random() * 3) },
          () => [randomPath(), ["read"]] as [string, string[]],
        ),
      ),
    );
    const indexed = sharedPairs(identities);
    const naive: string[] = [];
    const reach = identities.map((i) => ({ id: i.id, paths: vaultReachOf(i).paths.map((p) => p.path) }));
    for (let i = 0; i < reach.length; i++) {
      for (let j = i + 1; j < reach.length; j++) {
        for (const a of reach[i].paths) {
          for (const b of reach[j].paths) {
            if (vaultPathsOverlap(a, b)) naive.push(`${reach[i].id}|${reach[j].id}|${a}|${b}`);
          }
        }
      }
    }
    expect(naive.length).toBeGreaterThan(100); // the sample must exercise overlaps
    expect([...indexed].sort()).toEqual([...new Set(naive)].sort());
  });

  test("entity-templated paths paired through entity buckets equal the naive all-pairs result", () => {
    const random = seeded(3011);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    const paths = [
      "secret/data/{{identity.entity.id}}/*",
      "secret/data/{{identity.entity.name}}/*",
      "secret/data/alice/db",
      "secret/data/+/db",
      "secret/data/{{identity.entity.id}}/db",
      "secret/data/bob/*",
    ];
    const identities = Array.from({ length: 120 }, (_, i) =>
      vaultIdentity(
        `id-${String(i).padStart(3, "0")}`,
        Array.from(
          { length: 1 + Math.floor(random() * 2) },
          () => [pick(paths), ["read"]] as [string, string[]],
        ),
        undefined,
        {
          backendPath: pick(["jwt", "gitlab", "ci/github/jwt"]),
          userClaim: pick(["sub", "sub", "email"]),
          boundSubject: pick(["repo:acme/a:ref:refs/heads/main", "repo:acme/b:ref:refs/heads/main", ""]),
        },
      ),
    );
    const indexed = sharedPairs(identities);
    const naive: string[] = [];
    let separated = 0;
    const reach = identities.map((i) => ({ id: i.id, paths: vaultReachOf(i).paths }));
    for (let i = 0; i < reach.length; i++)
      for (let j = i + 1; j < reach.length; j++)
        for (const a of reach[i].paths)
          for (const b of reach[j].paths)
            if (separatedByEntityTemplate(a, b)) separated++;
            else if (vaultPathsOverlap(a.path, b.path))
              naive.push(`${reach[i].id}|${reach[j].id}|${a.path}|${b.path}`);
    expect(separated).toBeGreaterThan(100); // the sample must exercise distinct entities
    expect(naive.length).toBeGreaterThan(100);
    expect([...indexed].sort()).toEqual([...new Set(naive)].sort());
  });
});
