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
  // Checked for every statement read, and nearly all pass: plain loops, nothing allocated.
  return (
    oversizedIn("Action", statement.actions) ??
    oversizedIn("NotAction", statement.notActions) ??
    oversizedIn("Resource", statement.resources) ??
    oversizedIn("NotResource", statement.notResources) ??
    oversizedInPrincipals("Principal", statement.principals) ??
    oversizedInPrincipals("NotPrincipal", statement.notPrincipals) ??
    oversizedInConditions(statement.conditions)
  );
}

function oversizedIn(field: string, values: readonly string[]): string | undefined {
  for (let i = 0; i < values.length; i++) {
    const length = values[i].length;
    if (length > MAX_PATTERN_LENGTH)
      return `${field} has a value of ${length} characters, above the ${MAX_PATTERN_LENGTH}-character limit`;
  }
  return undefined;
}

function oversizedInPrincipals(field: string, principals: PolicyStatement["principals"]): string | undefined {
  for (let i = 0; i < principals.length; i++) {
    const problem = oversizedIn(field, principals[i].values);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function oversizedInConditions(conditions: PolicyStatement["conditions"]): string | undefined {
  for (let i = 0; i < conditions.length; i++) {
    const { key, values } = conditions[i];
    if (key.length > MAX_PATTERN_LENGTH)
      return `Condition has a value of ${key.length} characters, above the ${MAX_PATTERN_LENGTH}-character limit`;
    const problem = oversizedIn("Condition", values);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
