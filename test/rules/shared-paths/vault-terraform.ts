/** Hand-written Vault Terraform JSON for rule tests that go through extraction, as the CLI does. */
import { buildGraph } from "../../../lib/extract/build-graph";
import type { IdentityGraph } from "../../../lib/model/graph";

type Attributes = Record<string, unknown>;
export type Resources = Record<string, Record<string, Attributes>>;

/** One Terraform JSON document holding `resources`. */
export function terraformGraph(resources: Resources): IdentityGraph {
  const json = { resource: resources };
  return buildGraph([
    { file: "main.tf.json", format: "terraform-json", json, text: JSON.stringify(json, null, 2) },
  ]);
}

/** HCL text of a Vault policy with the given `path -> capabilities` rules. */
export function hcl(rules: Record<string, string[]>): string {
  return Object.entries(rules)
    .map(([path, caps]) => `path ${JSON.stringify(path)} {\n  capabilities = ${JSON.stringify(caps)}\n}\n`)
    .join("");
}

/** A JWT role on mount `jwt` bound to one GitHub repository's main branch. */
export function jwtRole(repo: string, policies: string[], extra: Attributes = {}): Attributes {
  return {
    backend: "jwt",
    role_name: repo,
    role_type: "jwt",
    user_claim: "sub",
    bound_audiences: ["vault"],
    bound_subject: `repo:acme/${repo}:ref:refs/heads/main`,
    token_policies: policies,
    token_ttl: 900,
    token_max_ttl: 900,
    ...extra,
  };
}

export const GITHUB_MOUNT: Attributes = {
  path: "jwt",
  bound_issuer: "https://token.actions.githubusercontent.com",
  oidc_discovery_url: "https://token.actions.githubusercontent.com",
};
