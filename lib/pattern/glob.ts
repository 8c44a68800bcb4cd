import {
  ANY_CHAR,
  cachedCompiler,
  charactersOf,
  commonMatchOfTokens,
  isLiteralSequence,
  literalChar,
  literalPrefixOfTokens,
  oneOf,
  runOf,
  tokenSequencesOverlap,
  tokensMatchValue,
  type PatternToken,
} from "./pattern-automaton";

/**
 * IAM `StringLike` globs (also IAM action names): `*` is any run of characters including none,
 * `?` exactly one character, everything else literal. There is no escape character.
 *
 * Policy variables are not interpreted: `${*}`, `${?}`, `${$}` and `${aws:username}` are taken as
 * the characters written. A variable stands for a value known only at request time, so reading it
 * literally can HIDE a shared match (`bucket/${aws:username}/*` vs `bucket/alice/*`). Rules must
 * check `hasIamPolicyVariable` first and either report "unknown — needs review" or compare
 * `widenPolicyVariables(pattern)`, a sound over-approximation.
 */
function compileGlob(pattern: string, ignoreCase: boolean): PatternToken[] {
  const tokens: PatternToken[] = [];
  for (const char of charactersOf(pattern)) {
    if (char === "*") {
      // Adjacent stars denote the same language as one; keeping one keeps the automaton small.
      if (tokens.length === 0 || !tokens[tokens.length - 1].repeats) tokens.push(runOf(ANY_CHAR));
    } else if (char === "?") {
      tokens.push(oneOf(ANY_CHAR));
    } else {
      tokens.push(oneOf(literalChar(char, ignoreCase)));
    }
  }
  return tokens;
}

const compileCaseSensitive = cachedCompiler((pattern) => compileGlob(pattern, false));
const compileIgnoringCase = cachedCompiler((pattern) => compileGlob(pattern, true));

/** The token sequence an IAM glob denotes (shared and frozen: do not modify). */
export function globTokens(pattern: string, ignoreCase = false): readonly PatternToken[] {
  return ignoreCase ? compileIgnoringCase(pattern) : compileCaseSensitive(pattern);
}

/** IAM StringLike matching: `*` any run (including empty), `?` exactly one character. */
export function globMatches(pattern: string, value: string): boolean {
  return tokensMatchValue(globTokens(pattern), value);
}

/** True when some string is matched by both IAM glob patterns. */
export function globsOverlap(a: string, b: string): boolean {
  return tokenSequencesOverlap(globTokens(a), globTokens(b));
}

/** A shortest string matched by both globs (for messages), or undefined when they are disjoint. */
export function globsCommonMatch(a: string, b: string): string | undefined {
  return commonMatchOfTokens(globTokens(a), globTokens(b));
}

/** `globMatches` ignoring case, as IAM compares action names (`S3:getobject` is `s3:GetObject`). */
export function globMatchesIgnoreCase(pattern: string, value: string): boolean {
  return tokensMatchValue(globTokens(pattern, true), value);
}

/** `globsOverlap` ignoring case (action patterns). */
export function globsOverlapIgnoreCase(a: string, b: string): boolean {
  return tokenSequencesOverlap(globTokens(a, true), globTokens(b, true));
}

/** True when the pattern contains `*` or `?`, i.e. may match more than the string written. */
export function globHasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/**
 * The characters before the first `*` or `?`: every matching value starts with them. With
 * `ignoreCase` the prefix is lower-cased (compare it against lower-cased values).
 */
export function globLiteralPrefix(pattern: string, ignoreCase = false): string {
  return literalPrefixOfTokens(globTokens(pattern, ignoreCase));
}

/** True when the glob matches exactly one string (no wildcard). */
export function globIsLiteral(pattern: string): boolean {
  return isLiteralSequence(globTokens(pattern));
}

/** True when the string uses IAM policy-variable syntax `${...}` (including `${*}` escapes). */
export function hasIamPolicyVariable(pattern: string): boolean {
  return /\$\{[^}]*\}/.test(pattern);
}

/**
 * Replaces every `${...}` (variables and the `${*}` / `${?}` / `${$}` escapes) by `*`. The result
 * matches every string the original could match for any variable value, so overlap verdicts on it
 * never miss a shared match (they may report one that depends on the request).
 */
export function widenPolicyVariables(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, "*");
}
