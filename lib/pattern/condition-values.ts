import { globTokens } from "./glob";
import {
  ANY_CHAR,
  charactersOf,
  literalChar,
  literalTokens,
  oneOf,
  runOf,
  tokenSequencesOverlap,
  tokensMatchValue,
  type PatternToken,
} from "./pattern-automaton";

/**
 * How one condition value is compared with a token claim:
 * - `StringEquals`: literally (`*` and `?` are ordinary characters, as IAM treats them);
 * - `StringEqualsIgnoreCase`: literally, ignoring case;
 * - `StringLike`: IAM glob (`*` any run, `?` one character);
 * - `VaultClaimGlob`: Vault JWT `bound_claims_type = "glob"` (only `*`, any run; `?` literal).
 */
export type StringMatchOperator = "StringEquals" | "StringEqualsIgnoreCase" | "StringLike" | "VaultClaimGlob";

/** The values one condition accepts: a claim passes when it matches any one of `values`. */
export interface ConditionValues {
  readonly operator: StringMatchOperator;
  /** Empty = accepts nothing. */
  readonly values: readonly string[];
}

/** No condition on the key at all: every value is accepted. */
export interface AnyValue {
  readonly operator: "Any";
}

export type AcceptedValues = ConditionValues | AnyValue;

/** A missing condition: accepts anything. */
export const anyValue: AnyValue = Object.freeze({ operator: "Any" });

/** Shorthand for building accepted-value sets. */
export function conditionValues(operator: StringMatchOperator, values: readonly string[]): ConditionValues {
  return { operator, values };
}

function vaultClaimGlobTokens(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  for (const char of charactersOf(pattern)) {
    if (char !== "*") tokens.push(oneOf(literalChar(char)));
    else if (tokens.length === 0 || !tokens[tokens.length - 1].repeats) tokens.push(runOf(ANY_CHAR));
  }
  return tokens;
}

/** The token sequence one written condition value denotes under an operator. */
export function conditionValueTokens(operator: StringMatchOperator, value: string): readonly PatternToken[] {
  switch (operator) {
    case "StringEquals":
      return literalTokens(value);
    case "StringEqualsIgnoreCase":
      return literalTokens(value, true);
    case "StringLike":
      return globTokens(value);
    case "VaultClaimGlob":
      return vaultClaimGlobTokens(value);
  }
}

/** True when a concrete claim value passes the condition. */
export function conditionValuesAccept(accepted: AcceptedValues, value: string): boolean {
  if (accepted.operator === "Any") return true;
  return accepted.values.some((written) =>
    tokensMatchValue(conditionValueTokens(accepted.operator, written), value),
  );
}

/** One written value from each side that accept a common claim value. */
export interface OverlappingValuePair {
  /** The written value on side A, or undefined when A accepts anything. */
  readonly a: string | undefined;
  readonly b: string | undefined;
}

/**
 * Every pair of written values (one from each side) that accept some common claim value, in the
 * order written: what a finding should name. `anyValue` contributes `undefined` for its side.
 */
export function overlappingConditionValues(a: AcceptedValues, b: AcceptedValues): OverlappingValuePair[] {
  if (a.operator === "Any" && b.operator === "Any") return [{ a: undefined, b: undefined }];
  if (a.operator === "Any") return (b as ConditionValues).values.map((value) => ({ a: undefined, b: value }));
  if (b.operator === "Any") return a.values.map((value) => ({ a: value, b: undefined }));
  const tokensB = b.values.map((value) => conditionValueTokens(b.operator, value));
  const pairs: OverlappingValuePair[] = [];
  for (const valueA of a.values) {
    const tokensA = conditionValueTokens(a.operator, valueA);
    b.values.forEach((valueB, index) => {
      if (tokenSequencesOverlap(tokensA, tokensB[index])) pairs.push({ a: valueA, b: valueB });
    });
  }
  return pairs;
}

/** True when some claim value is accepted by both conditions. */
export function conditionValuesOverlap(a: AcceptedValues, b: AcceptedValues): boolean {
  if (a.operator === "Any") return b.operator === "Any" || b.values.length > 0;
  if (b.operator === "Any") return a.values.length > 0;
  return a.values.some((valueA) => {
    const tokensA = conditionValueTokens(a.operator, valueA);
    return b.values.some((valueB) =>
      tokenSequencesOverlap(tokensA, conditionValueTokens(b.operator, valueB)),
    );
  });
}

/**
 * Audiences bound exactly on both sides (`bound_audiences`, `StringEquals` on `aud`, provider
 * client IDs): the values present in both, in the order of `a`, without duplicates.
 */
export function commonAudiences(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b);
  return [...new Set(a)].filter((audience) => inB.has(audience));
}

/** A condition operator from a policy, split into the parts that change its meaning. */
export interface ParsedConditionOperator {
  readonly operator: StringMatchOperator;
  /** `ForAnyValue` / `ForAllValues` set qualifier, when written. */
  readonly setQualifier?: "ForAnyValue" | "ForAllValues";
  /** `...IfExists`: the condition also passes when the key is absent from the request. */
  readonly ifExists: boolean;
}

const OPERATOR_PATTERN =
  /^(?:(ForAnyValue|ForAllValues):)?(StringEquals|StringEqualsIgnoreCase|StringLike)(IfExists)?$/;

/**
 * Parses an IAM string condition operator (`StringLike`, `ForAnyValue:StringEquals`,
 * `StringEqualsIfExists`, ...). Undefined for operators this algebra does not model (negated
 * operators, non-string operators): the caller must report those as unknown, not pass them.
 */
export function parseConditionOperator(operator: string): ParsedConditionOperator | undefined {
  const match = OPERATOR_PATTERN.exec(operator);
  if (!match) return undefined;
  return {
    operator: match[2] as StringMatchOperator,
    ...(match[1] ? { setQualifier: match[1] as "ForAnyValue" | "ForAllValues" } : {}),
    ifExists: match[3] !== undefined,
  };
}
