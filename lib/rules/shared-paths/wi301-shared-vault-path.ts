import type { RuleResult } from "../../model/finding";
import type { Identity } from "../../model/graph";
import { vaultPathKey } from "../../pattern/prefix-index";
import { vaultPathsOverlap } from "../../pattern/vault-path";
import type { Rule } from "../rule";
import { orderByIdentity, quoteIdentity, unknownIdentityResult } from "../../analysis/identity-pairs";
import { findOverlappingPairs } from "../../analysis/overlapping-pairs";
import type { VaultReachPath } from "../../analysis/vault-reach";
import { vaultReachOf } from "../../analysis/vault-reach";

interface ReachEntry extends VaultReachPath {
  readonly owner: string;
  readonly pattern: string;
  readonly identity: Identity;
}

/**
 * All pairs of identities whose Vault reach overlaps, found through a literal-prefix index (only
 * candidate pairs are compared), plus the identities whose reach is partly unknown.
 */
export function sharedVaultPaths(identities: readonly Identity[]): {
  pairs: Array<[ReachEntry, ReachEntry]>;
  unknown: Array<{ identity: Identity; reasons: readonly string[] }>;
} {
  const entries: ReachEntry[] = [];
  const unknown: Array<{ identity: Identity; reasons: readonly string[] }> = [];
  for (const identity of identities) {
    const reach = vaultReachOf(identity);
    if (reach.unknownReasons.length > 0) unknown.push({ identity, reasons: reach.unknownReasons });
    for (const path of reach.paths) {
      entries.push({ ...path, owner: identity.id, pattern: path.path, identity });
    }
  }
  const pairs = findOverlappingPairs(entries, vaultPathKey, (a, b) =>
    vaultPathsOverlap(a.pattern, b.pattern),
  );
  return { pairs: pairs.map(([a, b]) => orderByIdentity(a, b)), unknown };
}

export const WI301_SHARED_VAULT_PATH: Rule = {
  id: "WI301",
  title: "Two identities reach the same Vault secret path",
  severity: "error",
  rationale:
    "When two workloads can read or write the same secret, a compromise of either one exposes the other's " +
    "credentials, and the audit trail can no longer tell which workload used them (credential reuse).",
  fix:
    "Give each identity its own secret path (e.g. secret/data/<team>/<workload>/...), narrow globs so they " +
    "do not cover another workload's path, or, if the sharing is intended, record an approved suppression " +
    "for WI301 (reason, approver, expiry) on both identities.",
  owasp: ["NHI9", "NHI2"],
  check({ graph }) {
    const { pairs, unknown } = sharedVaultPaths(graph.identities);
    const results: RuleResult[] = [];
    for (const [a, b] of pairs) {
      const same = a.pattern === b.pattern;
      results.push({
        message: same
          ? `Identities ${quoteIdentity(a.identity)} and ${quoteIdentity(b.identity)} both reach Vault path ${JSON.stringify(a.pattern)}.`
          : `Identities ${quoteIdentity(a.identity)} and ${quoteIdentity(b.identity)} reach overlapping Vault paths ` +
            `${JSON.stringify(a.pattern)} and ${JSON.stringify(b.pattern)}.`,
        location: a.policy.location,
        related: [b.policy.location],
        identityIds: [a.identity.id, b.identity.id],
        key: JSON.stringify([a.pattern, b.pattern]),
      });
    }
    for (const { identity, reasons } of unknown) {
      results.push(unknownIdentityResult(identity, "Vault policies", reasons));
    }
    return results;
  },
};
