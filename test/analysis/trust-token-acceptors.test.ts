import { claimValue } from "../../lib/analysis/trust-token-acceptors";
import type { MatchKind } from "../../lib/analysis/trust-conditions";
import {
  conditionValues,
  conditionValuesAccept,
  type StringMatchOperator,
} from "../../lib/pattern/condition-values";
import { tokensMatchValue } from "../../lib/pattern/pattern-automaton";

/** Each claim match kind and the condition operator it is (one claim matcher, lib/pattern/condition-values). */
const CASES: [MatchKind | "vault-glob", StringMatchOperator, string, string, boolean][] = [
  ["literal", "StringEquals", "repo:a/*", "repo:a/*", true],
  ["literal", "StringEquals", "repo:a/*", "repo:a/b", false],
  ["literal-ignore-case", "StringEqualsIgnoreCase", "Repo:A", "repo:a", true],
  ["glob", "StringLike", "repo:a/?b*", "repo:a/xbc", true],
  ["glob", "StringLike", "repo:a/?b*", "repo:a/b", false],
  // Vault's glob knows only `*`: `?` is a literal character.
  ["vault-glob", "VaultClaimGlob", "ns-?*", "ns-?x", true],
  ["vault-glob", "VaultClaimGlob", "ns-?*", "ns-xx", false],
  ["vault-glob", "VaultClaimGlob", "**", "", true],
];

describe("token acceptors compare claims with the one claim matcher", () => {
  test.each(CASES)("%s %s %j against %j: %s", (kind, operator, written, claim, accepted) => {
    expect(tokensMatchValue(claimValue(written, kind).tokens, claim)).toBe(accepted);
    expect(conditionValuesAccept(conditionValues(operator, [written]), claim)).toBe(accepted);
  });
});
