import type { PolicyStatement } from "./iam-policy";

/**
 * Longest action, resource, principal or condition value (and Vault path) the reviewer compares.
 * Comparing two patterns costs |a|·|b|, so two crafted 70,000-character paths would need a
 * 4.9-billion-cell table. No real pattern is near this: an IAM policy document is at most
 * 10,240 characters for inline role policies and 20 KB for the largest resource policies
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html), and ARNs are at
 * most 2,048 characters. A policy holding a longer value is unknown. Documented in README "Limits".
 */
export const MAX_PATTERN_LENGTH = 4096;

/** Why a statement cannot be compared (a value above {@link MAX_PATTERN_LENGTH}), or undefined. */
export function oversizedStatementValue(statement: PolicyStatement): string | undefined {
  const lists: [string, readonly string[]][] = [
    ["Action", statement.actions],
    ["NotAction", statement.notActions],
    ["Resource", statement.resources],
    ["NotResource", statement.notResources],
    ...statement.principals.map((p): [string, readonly string[]] => ["Principal", p.values]),
    ...statement.notPrincipals.map((p): [string, readonly string[]] => ["NotPrincipal", p.values]),
    ...statement.conditions.map((c): [string, readonly string[]] => ["Condition", [c.key, ...c.values]]),
  ];
  for (const [field, values] of lists) {
    for (const value of values) {
      if (value.length > MAX_PATTERN_LENGTH)
        return `${field} has a value of ${value.length} characters, above the ${MAX_PATTERN_LENGTH}-character limit`;
    }
  }
  return undefined;
}
