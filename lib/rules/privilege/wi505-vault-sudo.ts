import type { Rule } from "../rule";
import { judgeKnownVaultPolicies, hasCapability, quotePolicy } from "../../analysis/privilege-policies";
import { quote } from "../../analysis/quote";

/** `sudo` on any path of a Vault policy (attached or not). */
export const WI505_VAULT_SUDO: Rule = {
  id: "WI505",
  title: "Vault policy grants sudo",
  severity: "error",
  rationale:
    "`sudo` opens root-protected Vault endpoints (seal, audit devices, auth and secrets mounts, policies). " +
    "A workload token with sudo can disable auditing or mint itself any access.",
  fix: "Remove the `sudo` capability from workload policies; keep root-protected operations with operators.",
  owasp: ["NHI5"],
  check({ graph }) {
    return judgeKnownVaultPolicies(graph, (policy, rules) => {
      let paths: Set<string> | undefined;
      // Indexed: this runs per policy, unoptimized, where each iterator step allocates.
      for (let r = 0; r < rules.length; r++) {
        const rule = rules[r];
        // `deny` on the same rule wins over every other capability.
        if (hasCapability(rule, "sudo") && !hasCapability(rule, "deny")) (paths ??= new Set()).add(rule.path);
      }
      if (paths === undefined) return [];
      const list = [...paths].map((path) => quote(path)).join(", ");
      return [{ message: `Vault policy ${quotePolicy(policy)} grants sudo on ${list}.` }];
    });
  },
};
