/**
 * WI301 with the Vault provider's `namespace`: it prefixes every path of the resources of that
 * provider configuration, a resource's own `namespace` nests inside it, and an unknown one fails
 * closed (https://registry.terraform.io/providers/hashicorp/vault/latest/docs#namespace,
 * https://developer.hashicorp.com/vault/docs/enterprise/namespaces).
 */
import { buildGraph } from "../../../lib/extract/build-graph";
import { WI301_SHARED_VAULT_PATH as rule } from "../../../lib/rules/shared-paths/wi301-shared-vault-path";
import { flagged } from "../harness";
import { GITHUB_MOUNT, hcl, jwtRole, type Resources } from "./vault-terraform";

function graphWithProviders(providers: Array<Record<string, unknown>>, resources: Resources) {
  const json = { provider: { vault: providers }, resource: resources };
  return buildGraph([{ file: "main.tf.json", format: "terraform-json", json, text: JSON.stringify(json) }]);
}

/** Two identities reading `secret/data/shared/*`, each policy and role through `providerOf[n]`. */
function twoReaders(placement: Record<"a" | "b", Record<string, unknown>>): Resources {
  const shared = hcl({ "secret/data/shared/*": ["read"] });
  return {
    vault_jwt_auth_backend: {
      a: { ...GITHUB_MOUNT, ...placement.a },
      b: { ...GITHUB_MOUNT, ...placement.b },
    },
    vault_policy: {
      a: { name: "a", policy: shared, ...placement.a },
      b: { name: "b", policy: shared, ...placement.b },
    },
    vault_jwt_auth_backend_role: {
      a: jwtRole("a", ["a"], placement.a),
      b: jwtRole("b", ["b"], placement.b),
    },
  };
}

const PROVIDERS = [
  { address: "https://vault.example.com", namespace: "team-a" },
  { alias: "b", address: "https://vault.example.com", namespace: "team-b" },
  { alias: "nested", address: "https://vault.example.com", namespace: "team-a/x" },
];

describe("WI301: the Vault provider's namespace", () => {
  test("policies of two provider configurations in different namespaces do not share a relative path", () => {
    const g = graphWithProviders(PROVIDERS, twoReaders({ a: {}, b: { provider: "vault.b" } }));
    expect(flagged(rule, g)).toEqual([]);
  });

  test("the same provider configuration (same namespace) shares", () => {
    const g = graphWithProviders(
      PROVIDERS,
      twoReaders({ a: { provider: "vault.b" }, b: { provider: "vault.b" } }),
    );
    expect(flagged(rule, g)).toEqual(["vault_policy.a error"]);
  });

  test("a resource namespace nests in the provider's: team-a + x is the alias at team-a/x", () => {
    const g = graphWithProviders(
      PROVIDERS,
      twoReaders({ a: { namespace: "x" }, b: { provider: "vault.nested" } }),
    );
    expect(flagged(rule, g)).toEqual(["vault_policy.a error"]);
    const apart = graphWithProviders(PROVIDERS, twoReaders({ a: {}, b: { provider: "vault.nested" } }));
    expect(flagged(rule, apart)).toEqual([]);
  });

  test("a parent namespace's policy reaches the provider namespace's paths", () => {
    // `vault.root` has no namespace: the root namespace, whose `team-a/...` is team-a's `...`.
    const g = graphWithProviders([...PROVIDERS, { alias: "root" }], {
      vault_jwt_auth_backend: { a: GITHUB_MOUNT, root: { ...GITHUB_MOUNT, provider: "vault.root" } },
      vault_policy: {
        a: { name: "a", policy: hcl({ "secret/data/app": ["read"] }) },
        root: { name: "root", policy: hcl({ "team-a/secret/data/*": ["read"] }), provider: "vault.root" },
        other: { name: "other", policy: hcl({ "team-b/secret/data/*": ["read"] }), provider: "vault.root" },
      },
      vault_jwt_auth_backend_role: {
        a: jwtRole("a", ["a"]),
        root: jwtRole("root", ["root"], { provider: "vault.root" }),
        other: jwtRole("other", ["other"], { provider: "vault.root" }),
      },
    });
    expect(flagged(rule, g)).toEqual(["vault_policy.a error"]);
  });

  test("an unknown provider namespace fails closed for every identity it places", () => {
    const g = graphWithProviders(
      [{ namespace: "${var.vault_namespace}" }, { alias: "b", namespace: "team-b" }],
      twoReaders({ a: {}, b: { provider: "vault.b" } }),
    );
    expect(flagged(rule, g)).toEqual(["vault_jwt_auth_backend_role.a warning unknown"]);
  });

  test("a plan: each resource's provider_config_key selects the configuration and its namespace", () => {
    const planOf = (keyOfB: string) => {
      const resources = Object.entries(twoReaders({ a: {}, b: {} })).flatMap(([type, byName]) =>
        Object.entries(byName).map(([name, values]) => ({
          address: `${type}.${name}`,
          mode: "managed",
          type,
          name,
          values,
        })),
      );
      const json = {
        format_version: "1.2",
        planned_values: { root_module: { resources } },
        configuration: {
          provider_config: {
            vault: { name: "vault", expressions: { namespace: { constant_value: "team-a" } } },
            "vault.b": {
              name: "vault",
              alias: "b",
              expressions: { namespace: { constant_value: "team-b" } },
            },
            "vault.c": { name: "vault", alias: "c", expressions: { namespace: { references: ["var.ns"] } } },
          },
          root_module: {
            resources: resources.map(({ address, mode, type, name }) => ({
              address,
              mode,
              type,
              name,
              provider_config_key: name === "b" ? keyOfB : "vault",
              expressions: {},
            })),
          },
        },
      };
      return buildGraph([{ file: "plan.json", format: "plan-json", json, text: JSON.stringify(json) }]);
    };
    expect(flagged(rule, planOf("vault.b"))).toEqual([]);
    expect(flagged(rule, planOf("vault"))).toEqual(["vault_policy.a error"]);
    expect(flagged(rule, planOf("vault.c"))).toEqual(["vault_jwt_auth_backend_role.b warning unknown"]);
  });
});
