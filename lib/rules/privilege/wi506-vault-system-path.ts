import { boundedMemo } from "../../model/bounded-memo";
import { vaultPathsOverlap } from "../../pattern/vault-path";
import type { Rule } from "../rule";
import {
  judgeKnownVaultPolicies,
  hasAnyCapability,
  hasCapability,
  quotePolicy,
} from "../../analysis/privilege-policies";
import { normalizeVaultPath } from "../../analysis/vault-reach";
import { quote } from "../../analysis/quote";

const SYS_WRITE = new Set(["create", "update", "patch", "delete", "sudo"]);
const TOKEN_MINT = new Set(["create", "update", "sudo"]);

/**
 * Self-service `sys/` endpoints that Vault's own `default` policy grants every token (lease
 * renewal, wrapping, capabilities-self, hashing): granting them again is not system access.
 */
const SELF_SERVICE_SYS_PATHS = new Set([
  "sys/leases/renew",
  "sys/leases/lookup",
  "sys/renew",
  "sys/capabilities-self",
  "sys/control-group/request",
  "sys/wrapping/wrap",
  "sys/wrapping/lookup",
  "sys/wrapping/unwrap",
  "sys/tools/hash",
  "sys/tools/hash/*",
  "sys/internal/ui/resultant-acl",
]);

/** A path's reach: bit SYS when it can reach a `sys/` endpoint other than the self-service ones, MINT for token creation. */
export const SYS = 1;
export const MINT = 2;

/** Which system endpoints a policy path reaches, worked out once per path (policies repeat them). */
export function systemReachOf(rulePath: string): number {
  const path = rulePath.startsWith("/") ? normalizeVaultPath(rulePath) : rulePath;
  // Most paths are under a secrets mount: told apart by their first characters, without automata.
  if (!mayStartWith(path, "sys/") && !mayStartWith(path, "auth/token/create")) return 0;
  return systemReach(path);
}

const systemReach = boundedMemo(
  65536,
  (path): number =>
    (mayStartWith(path, "sys/") && !SELF_SERVICE_SYS_PATHS.has(path) && vaultPathsOverlap(path, "sys/*")
      ? SYS
      : 0) |
    (mayStartWith(path, "auth/token/create") && vaultPathsOverlap(path, "auth/token/create*") ? MINT : 0),
);

/**
 * False when no path the pattern matches can start with `prefix`: its characters before the first
 * `+` or `*` (where any path may go on; a `+` inside a segment is literal in Vault, so this may stop
 * early, never late) differ from `prefix`.
 */
function mayStartWith(pattern: string, prefix: string): boolean {
  const shorter = Math.min(pattern.length, prefix.length);
  for (let i = 0; i < shorter; i++) {
    const char = pattern.charCodeAt(i);
    if (char === 43 /* + */ || char === 42 /* * */) return true;
    if (char !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Rules whose path can reach `sys/` with a write capability, or token creation
 * (`auth/token/create*`) with create/update/sudo. Paths are compared as patterns, so `*` and
 * `+/*` with update are reported too (they do reach `sys/`).
 */
export const WI506_VAULT_SYSTEM_PATH: Rule = {
  id: "WI506",
  title: "Vault policy reaches system paths or mints tokens",
  severity: "error",
  rationale:
    "Writing under `sys/` changes Vault itself (mounts, policies, audit, leases of others); creating tokens " +
    "under `auth/token/create` mints new credentials, possibly orphaned and with other policies, which " +
    "escape the workload's TTL and accountability.",
  fix:
    "Remove `sys/` write and `auth/token/create*` grants from workload policies; let the workload log in " +
    "through its own auth role instead of minting tokens.",
  owasp: ["NHI5", "NHI7"],
  check({ graph }) {
    return judgeKnownVaultPolicies(graph, (policy, rules) => {
      let sys: Set<string> | undefined;
      let mint: Set<string> | undefined;
      // Indexed: this runs per policy, unoptimized, where each iterator step allocates.
      for (let r = 0; r < rules.length; r++) {
        const rule = rules[r];
        const reach = systemReachOf(rule.path);
        if (reach === 0 || hasCapability(rule, "deny")) continue; // deny wins over every other capability
        if (reach & SYS && hasAnyCapability(rule, SYS_WRITE)) (sys ??= new Set()).add(rule.path);
        if (reach & MINT && hasAnyCapability(rule, TOKEN_MINT)) (mint ??= new Set()).add(rule.path);
      }
      if (sys === undefined && mint === undefined) return [];
      const quoted = (set: Set<string>) => [...set].map((path) => quote(path)).join(", ");
      const results = [];
      if (sys !== undefined) {
        results.push({
          message: `Vault policy ${quotePolicy(policy)} grants write access to system paths ${quoted(sys)}.`,
          key: "sys",
        });
      }
      if (mint !== undefined) {
        results.push({
          message: `Vault policy ${quotePolicy(policy)} can mint tokens through ${quoted(mint)}.`,
          key: "token-create",
        });
      }
      return results;
    });
  },
};
