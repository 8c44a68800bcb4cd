import type { Rule } from "../rule";
import {
  hasAnyCapability,
  hasCapability,
  judgeKnownVaultPolicies,
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
  // Most paths are a workload's subtree: refused after a look at their last character and first segments.
  if (!pattern.endsWith("*")) return false;
  const path = pattern.startsWith("/") ? normalizeVaultPath(pattern) : pattern;
  const base = path.length - 1;
  if (base > 0 && path.charCodeAt(base - 1) !== 47 /* / */) return false;
  // The non-empty segments before the `*`, without splitting: past two it is not broad.
  let count = 0;
  let secondFrom = 0;
  let secondTo = 0;
  for (let from = 0; from < base;) {
    let to = path.indexOf("/", from);
    if (to < 0 || to > base) to = base;
    if (to > from) {
      count++;
      if (count > 2) return false;
      if (count === 2) {
        secondFrom = from;
        secondTo = to;
      }
    }
    from = to + 1;
  }
  if (count <= 1) return true;
  const second = path.slice(secondFrom, secondTo);
  return second === "data" || second === "metadata" || second === "+";
}

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
      // Indexed: this runs per policy, unoptimized, where each iterator step allocates.
      for (let r = 0; r < rules.length; r++) {
        const rule = rules[r];
        if (!isVeryBroadVaultPath(rule.path)) continue;
        const reaching = !hasCapability(rule, "deny") && hasAnyCapability(rule, REACHING);
        if (reaching) (broad ??= new Set()).add(rule.path);
      }
      if (broad === undefined) return [];
      const list = [...broad].map((path) => quote(path)).join(", ");
      return [{ message: `Vault policy ${quotePolicy(policy)} grants very broad paths ${list}.` }];
    });
  },
};
