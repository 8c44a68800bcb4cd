import type { Rule } from "../rule";
import {
  judgeKnownVaultPolicies,
  lowerCaseCapabilities,
  quotePolicy,
} from "../../analysis/privilege-policies";
import { normalizeVaultPath } from "../../analysis/vault-reach";
import { quote } from "../../analysis/quote";

const REACHING = new Set(["create", "read", "update", "patch", "delete", "sudo"]);

/**
 * True for `*`, `+/*`, a mount root (`secret/*`, `+/*`), or a KV v2 root (`secret/data/*`,
 * `secret/metadata/*`, `secret/+/*`): globs that cover whole mounts instead of one workload's subtree.
 */
export function isVeryBroadVaultPath(pattern: string): boolean {
  const path = normalizeVaultPath(pattern);
  if (!path.endsWith("*")) return false;
  const base = path.slice(0, -1);
  if (base !== "" && !base.endsWith("/")) return false;
  const segments = base.split("/").filter((segment) => segment !== "");
  if (segments.length <= 1) return true;
  return segments.length === 2 && ["data", "metadata", "+"].includes(segments[1]);
}

/** `isVeryBroadVaultPath`, worked out once per path: policies repeat them. */
function veryBroad(pattern: string): boolean {
  let broad = VERY_BROAD.get(pattern);
  if (broad === undefined) {
    broad = isVeryBroadVaultPath(pattern);
    if (VERY_BROAD.size < MAX_REMEMBERED_PATHS) VERY_BROAD.set(pattern, broad);
  }
  return broad;
}

const VERY_BROAD = new Map<string, boolean>();
/** Paths come from input: the memo is bounded. */
const MAX_REMEMBERED_PATHS = 65536;

/**
 * Very broad paths with a capability that touches secret material. `list` alone is left out: it
 * enumerates key names only (what UIs need on metadata roots).
 */
export const WI507_VAULT_BROAD_PATH: Rule = {
  id: "WI507",
  title: "Vault policy grants a very broad path",
  severity: "warning",
  rationale:
    "A glob over a whole mount (`secret/*`, `secret/data/*`) or over every mount (`*`, `+/*`) gives one " +
    "workload every other workload's secrets under it.",
  fix: "Narrow the path to the workload's own subtree, e.g. `secret/data/<team>/<workload>/*`.",
  owasp: ["NHI5"],
  check({ graph }) {
    return judgeKnownVaultPolicies(graph, (policy, rules) => {
      let broad: Set<string> | undefined;
      for (const rule of rules) {
        const capabilities = lowerCaseCapabilities(rule);
        const reaching =
          !capabilities.includes("deny") && capabilities.some((capability) => REACHING.has(capability));
        if (reaching && veryBroad(rule.path)) (broad ??= new Set()).add(rule.path);
      }
      if (broad === undefined) return [];
      const list = [...broad].map((path) => quote(path)).join(", ");
      return [{ message: `Vault policy ${quotePolicy(policy)} grants very broad paths ${list}.` }];
    });
  },
};
