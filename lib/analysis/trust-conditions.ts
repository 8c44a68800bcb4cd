import { boundedMemo } from "../model/bounded-memo";
import type { PolicyCondition } from "../model/iam-policy";

/**
 * IAM condition operators, decomposed. `ForAnyValue:StringLikeIfExists` is qualifier
 * `ForAnyValue`, base `StringLike`, ifExists true.
 */
export interface ConditionOperator {
  readonly qualifier?: "ForAnyValue" | "ForAllValues";
  /** Operator without qualifier and `IfExists`, e.g. `StringEquals`, `StringNotLike`, `Null`. */
  readonly base: string;
  readonly ifExists: boolean;
}

export function parseConditionOperator(operator: string): ConditionOperator {
  return parsedOperator(operator);
}

// Every condition of every trust asks, about a handful of operators: parsed once each.
const parsedOperator = boundedMemo(1024, parseOperator);

function parseOperator(operator: string): ConditionOperator {
  let rest = operator.trim();
  let qualifier: ConditionOperator["qualifier"];
  const qualified = /^(ForAnyValue|ForAllValues):(.*)$/i.exec(rest);
  if (qualified) {
    qualifier = qualified[1].toLowerCase() === "foranyvalue" ? "ForAnyValue" : "ForAllValues";
    rest = qualified[2];
  }
  const ifExists = /IfExists$/i.test(rest);
  if (ifExists) rest = rest.slice(0, -"IfExists".length);
  return Object.freeze({ qualifier, base: rest, ifExists });
}

/** How a pinning condition compares values: literally, literally ignoring case, or as an IAM glob. */
export type MatchKind = "literal" | "literal-ignore-case" | "glob";

/**
 * The match kind when the condition restricts the key to its listed values and fails when the
 * key is absent: `StringEquals`, `StringEqualsIgnoreCase`, `StringLike` (also under
 * `ForAnyValue:`), never with `IfExists`, never negated, never `ForAllValues:` (which is true
 * for an absent key). Anything else does not pin the claim.
 */
export function pinningMatchKind(operator: string): MatchKind | undefined {
  const parsed = parseConditionOperator(operator);
  if (parsed.ifExists || parsed.qualifier === "ForAllValues") return undefined;
  switch (parsed.base.toLowerCase()) {
    case "stringequals":
      return "literal";
    case "stringequalsignorecase":
      return "literal-ignore-case";
    case "stringlike":
      return "glob";
    default:
      return undefined;
  }
}

/**
 * True when the condition is false for a request whose context lacks the key, so a key the token
 * never carries makes the whole statement unusable. IAM: `...IfExists`, `ForAllValues:` and
 * `Null` are true for absent keys, and so are the negated operators (nothing to mismatch).
 */
export function failsWhenKeyAbsent(operator: string): boolean {
  const parsed = parseConditionOperator(operator);
  if (parsed.ifExists || parsed.qualifier === "ForAllValues") return false;
  const base = parsed.base.toLowerCase();
  if (base === "null") return false;
  return !base.includes("not");
}

/** True for operators that compare strings literally (where `*` and `?` are ordinary characters). */
export function comparesLiterally(operator: string): boolean {
  const base = parseConditionOperator(operator).base.toLowerCase();
  return (
    base === "stringequals" ||
    base === "stringequalsignorecase" ||
    base === "stringnotequals" ||
    base === "stringnotequalsignorecase"
  );
}

/**
 * A web-identity condition key `<issuer host+path>:<claim>` split at its last colon (issuer paths
 * may contain colons only when malformed; the claim never does). Global keys (`aws:...`,
 * `sts:...`) have no dot or slash in the prefix and are not issuer keys.
 */
export function splitIssuerKey(key: string): IssuerKey | undefined {
  return splitKeys(key);
}

export interface IssuerKey {
  readonly issuer: string;
  readonly claim: string;
}

// Asked for every condition of every trust, about the few keys an app's issuers define.
const splitKeys = boundedMemo(4096, splitKey);

function splitKey(key: string): IssuerKey | undefined {
  const colon = key.lastIndexOf(":");
  if (colon <= 0 || colon === key.length - 1) return undefined;
  const issuer = key.slice(0, colon);
  if (!/[./]/.test(issuer)) return undefined;
  return Object.freeze({ issuer: issuer.toLowerCase(), claim: key.slice(colon + 1).toLowerCase() });
}

export function conditionHasInterpolation(condition: PolicyCondition): boolean {
  if (condition.key.includes("${")) return true;
  const { values } = condition;
  // Indexed: `for...of` allocates per element before V8 optimizes this.
  for (let i = 0; i < values.length; i++) if (values[i].includes("${")) return true;
  return false;
}
