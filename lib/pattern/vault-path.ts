import {
  ANY_CHAR,
  cachedCompiler,
  charExcept,
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
import { commonMatchOutside, overlapOutside } from "./pattern-difference";

/*
 * Vault ACL policy path semantics, as implemented by Vault (vault/policy.go parsePaths and
 * vault/acl.go CheckAllowedFromNonExactPaths):
 *
 * - One leading `/` is dropped (paths are relative to the API root `/v1/`); we drop it from
 *   concrete paths too.
 * - A `*` as the LAST character makes the rule a prefix match: `secret/zip-*` matches
 *   `secret/zip-zap/zong`. A `*` anywhere else is an ordinary character.
 * - A segment that is exactly `+` (between slashes, or at either end) matches any one segment:
 *   any run of characters without `/`. Vault splits the path on `/` and compares the segment
 *   `+` with whatever is there, so an EMPTY segment matches as well (`secret/+/x` matches
 *   `secret//x`, `secret/+` matches `secret/`). We keep Vault's behaviour: it is also the
 *   conservative reading for shared-path detection. A `+` inside a segment (`a+b`) is literal.
 * - `+*` (a `+` segment followed by the prefix glob) is rejected at policy write by current Vault
 *   releases ("invalid use of wildcards ('+*' is forbidden)"); older servers accepted it. We still
 *   give it its structural meaning (one segment, then anything) and report it in
 *   `vaultPathPatternProblems`.
 * - Namespaces: a path is relative to the namespace of its policy; callers compare absolute paths
 *   (`ns1/ns2/secret/...`), so a parent namespace's `ns2/secret/x` is the child's `secret/x`.
 */

function dropLeadingSlash(path: string): string {
  return path.startsWith("/") ? path.slice(1) : path;
}

function compileVaultPath(pattern: string): PatternToken[] {
  const normalised = dropLeadingSlash(pattern);
  const isPrefix = normalised.endsWith("*");
  const body = isPrefix ? normalised.slice(0, -1) : normalised;
  const tokens: PatternToken[] = [];
  body.split("/").forEach((segment, index) => {
    if (index > 0) tokens.push(oneOf(literalChar("/")));
    if (segment === "+") {
      tokens.push(runOf(charExcept("/")));
    } else {
      for (const char of charactersOf(segment)) tokens.push(oneOf(literalChar(char)));
    }
  });
  if (isPrefix) tokens.push(runOf(ANY_CHAR));
  return tokens;
}

/** The token sequence a Vault policy path pattern denotes (shared and frozen: do not modify). */
export const vaultPathTokens: (pattern: string) => readonly PatternToken[] = cachedCompiler(compileVaultPath);

/** True when a concrete Vault path is matched by a policy path pattern (`*` last = prefix glob, `+` = one segment). */
export function vaultPathMatches(pattern: string, path: string): boolean {
  return tokensMatchValue(vaultPathTokens(pattern), dropLeadingSlash(path));
}

/** True when some concrete path is matched by both policy path patterns. */
export function vaultPathsOverlap(a: string, b: string): boolean {
  return tokenSequencesOverlap(vaultPathTokens(a), vaultPathTokens(b));
}

/** A shortest path matched by both patterns (for messages), or undefined when they are disjoint. */
export function vaultPathsCommonMatch(a: string, b: string): string | undefined {
  return commonMatchOfTokens(vaultPathTokens(a), vaultPathTokens(b));
}

/** True when the pattern matches exactly one path (no `+` segment, no trailing `*`). */
export function vaultPathIsLiteral(pattern: string): boolean {
  return isLiteralSequence(vaultPathTokens(pattern));
}

/**
 * The characters every matching path starts with: everything before the first `+` segment or
 * the trailing `*` (leading `/` dropped). `secret/data/+/db` -> `secret/data/`;
 * `secret/zip-*` -> `secret/zip-`; a literal path is its own prefix.
 */
export function vaultPathLiteralPrefix(pattern: string): string {
  return literalPrefixOfTokens(vaultPathTokens(pattern));
}

/**
 * Problems Vault itself would flag or that make a pattern mean something else than it seems:
 * `+*` (rejected by current Vault), and a `*` that is not last (an ordinary character, which is
 * almost never what the author meant). Empty when the pattern is well-formed.
 */
export function vaultPathPatternProblems(pattern: string): string[] {
  const problems: string[] = [];
  const normalised = dropLeadingSlash(pattern);
  if (normalised.includes("+*")) {
    problems.push("'+*' is rejected by Vault (invalid use of wildcards); use '+/*' or a literal segment");
  }
  if (normalised.slice(0, -1).includes("*")) {
    problems.push("'*' is a glob only as the last character; elsewhere Vault matches it literally");
  }
  return problems;
}

/** Position of the first `+` segment or of the trailing glob `*`; the length when there is neither. */
function firstWildcardPosition(pattern: string): number {
  const segments = (pattern.endsWith("*") ? pattern.slice(0, -1) : pattern).split("/");
  let offset = 0;
  for (const segment of segments) {
    if (segment === "+") return offset;
    offset += segment.length + 1;
  }
  return pattern.endsWith("*") ? pattern.length - 1 : Number.POSITIVE_INFINITY;
}

function plusSegmentCount(pattern: string): number {
  return (pattern.endsWith("*") ? pattern.slice(0, -1) : pattern)
    .split("/")
    .filter((segment) => segment === "+").length;
}

/**
 * Vault's choice between two rules that both match a request path: positive when `a` wins. The
 * order is the documented priority list (https://developer.hashicorp.com/vault/docs/concepts/policies,
 * "Priority matching"): the pattern whose first `+` or `*` comes later wins; a pattern without a
 * trailing `*` beats one with it; fewer `+` segments win; the longer pattern wins; then the
 * lexicographically larger. A pattern without wildcards is the exact match and always wins.
 */
export function compareVaultPathPriority(a: string, b: string): number {
  const pa = dropLeadingSlash(a);
  const pb = dropLeadingSlash(b);
  const wildcardA = firstWildcardPosition(pa);
  const wildcardB = firstWildcardPosition(pb);
  if (wildcardA !== wildcardB) return wildcardA > wildcardB ? 1 : -1;
  const globA = pa.endsWith("*");
  if (globA !== pb.endsWith("*")) return globA ? -1 : 1;
  const plusA = plusSegmentCount(pa);
  const plusB = plusSegmentCount(pb);
  if (plusA !== plusB) return plusA < plusB ? 1 : -1;
  if (pa.length !== pb.length) return pa.length > pb.length ? 1 : -1;
  return pa === pb ? 0 : pa > pb ? 1 : -1;
}

/**
 * True when some path matched by both patterns is matched by none of `excluded` (the paths more
 * specific rules or a `deny` take away). Exact (lib/pattern/pattern-difference); an undecidable
 * size counts as overlapping.
 */
export function vaultPathsOverlapOutside(a: string, b: string, excluded: readonly string[]): boolean {
  return overlapOutside(
    vaultPathTokens(a),
    vaultPathTokens(b),
    excluded.map((pattern) => vaultPathTokens(pattern)),
  );
}

/** A shortest path matched by both patterns and none of `excluded` (for messages), or undefined. */
export function vaultPathsCommonMatchOutside(
  a: string,
  b: string,
  excluded: readonly string[],
): string | undefined {
  const result = commonMatchOutside(
    vaultPathTokens(a),
    vaultPathTokens(b),
    excluded.map((pattern) => vaultPathTokens(pattern)),
  );
  return result !== "too-large" && "witness" in result ? result.witness : undefined;
}
