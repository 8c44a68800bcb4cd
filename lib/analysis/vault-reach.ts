/**
 * The Vault paths an identity reaches through the policies of its Vault roles.
 *
 * Approximation (over-approximates reach, so shared paths are never missed):
 * * a rule reaches its path when it has a capability that reads or changes secret material
 *   (VAULT_SECRET_CAPABILITIES in lib/model/secret-material: `list` alone only enumerates key
 *   names) and a rule with only `deny` reaches nothing;
 * * `deny` removes reach only for the identical path string in any of the identity's policies
 *   (Vault merges rules with the same path across policies, and deny wins there). A deny on a
 *   different, more specific path is not subtracted from a broader glob (Vault's most-specific-
 *   rule selection is not modelled), which may report a pair that a narrower deny already blocks.
 * * policies named in `token_policies` but absent from the inputs (other than Vault's built-in
 *   `default`) and policies whose rules are unknown make the identity's reach unknown.
 */
import type { Identity, VaultPolicy } from "../model/graph";
import { VAULT_SECRET_CAPABILITIES } from "../model/secret-material";
import { isUnknown } from "../model/unknown";

export interface VaultReachPath {
  /** The policy path pattern as written (leading `/` removed). */
  readonly path: string;
  readonly capabilities: readonly string[];
  readonly policy: VaultPolicy;
}

export interface VaultReach {
  readonly paths: readonly VaultReachPath[];
  /** Why part of the reach could not be determined; empty when fully known. */
  readonly unknownReasons: readonly string[];
}

export function normalizeVaultPath(path: string): string {
  return path.replace(/^\/+/, "");
}

/**
 * The paths a rule can reach, as one pattern. A templated segment (`{{identity.entity.name}}`)
 * takes a value per token: from that segment on the path is compared as a prefix glob, which covers
 * every value it can take (only for reach; a templated deny is not widened).
 */
function reachPattern(path: string): string {
  const relative = normalizeVaultPath(path);
  const template = relative.indexOf("{{");
  if (template < 0) return relative;
  return `${relative.slice(0, relative.lastIndexOf("/", template) + 1)}*`;
}

export function vaultReachOf(identity: Identity): VaultReach {
  const unknownReasons: string[] = [];
  const policies = new Set<VaultPolicy>();
  for (const role of identity.vaultRoles) {
    const roleLabel = typeof role.roleName === "string" ? role.roleName : role.location.address;
    for (const policy of role.policies) policies.add(policy);
    if (isUnknown(role.tokenPolicies)) {
      unknownReasons.push(
        `token policies of Vault role ${JSON.stringify(roleLabel)} are unknown (${role.tokenPolicies.reason})`,
      );
      continue;
    }
    const present = new Set(
      role.policies.map((p) => p.name).filter((n): n is string => typeof n === "string"),
    );
    const anyUnnamed = role.policies.some((p) => typeof p.name !== "string");
    for (const name of role.tokenPolicies) {
      if (name === "default" || present.has(name) || anyUnnamed) continue;
      unknownReasons.push(
        `Vault policy ${JSON.stringify(name)} of role ${JSON.stringify(roleLabel)} is not in the inputs`,
      );
    }
  }

  const denied = new Set<string>();
  for (const policy of policies) {
    if (isUnknown(policy.rules)) {
      unknownReasons.push(
        `rules of Vault policy ${JSON.stringify(policyLabel(policy))} are unknown (${policy.rules.reason})`,
      );
      continue;
    }
    for (const rule of policy.rules) {
      if (rule.capabilities.some((c) => c.toLowerCase() === "deny"))
        denied.add(normalizeVaultPath(rule.path));
    }
  }

  const paths: VaultReachPath[] = [];
  for (const policy of policies) {
    if (isUnknown(policy.rules)) continue;
    for (const rule of policy.rules) {
      const capabilities = rule.capabilities.map((c) => c.toLowerCase());
      if (
        denied.has(normalizeVaultPath(rule.path)) ||
        !capabilities.some((c) => VAULT_SECRET_CAPABILITIES.has(c))
      )
        continue;
      paths.push({ path: reachPattern(rule.path), capabilities, policy });
    }
  }
  return { paths, unknownReasons };
}

export function policyLabel(policy: VaultPolicy): string {
  return typeof policy.name === "string" ? policy.name : policy.location.address;
}
