import { globTokens } from "./glob";
import {
  ANY_CHAR,
  cachedCompiler,
  charExcept,
  charactersOf,
  commonMatchOfTokens,
  constrainedCommonMatch,
  UNDECIDED,
  isLiteralSequence,
  literalChar,
  literalPrefixOfTokens,
  oneOf,
  runOf,
  tokenSequencesOverlap,
  tokensMatchValue,
  type PatternToken,
} from "./pattern-automaton";
import { appendAll } from "../model/append-all";

/*
 * IAM `Resource` patterns. Model (documented for rule authors):
 *
 * - `*` alone matches every resource.
 * - A pattern starting with `arn:` (any case) is read as the six fields
 *   `arn:partition:service:region:account:resource`. In the first five fields a wildcard stays
 *   inside its field (`*` = any run without `:`, `?` = one character other than `:`) and letters
 *   compare case-insensitively (these names are lower-case in real ARNs; ignoring case can only
 *   add overlaps, and matches the @cloud-copilot/iam-simulate reading). The resource field (which
 *   itself may contain `:` and `/`) is a case-sensitive glob over everything that follows.
 * - A truncated pattern (fewer than six fields) whose last field ends in `*` covers the rest of
 *   the ARN: AWS documents that a `*` ending an ARN segment "can expand to match beyond the colon
 *   boundaries", so `arn:aws:s3:*` reaches every S3 ARN. (For a pattern with all six fields the
 *   boundary-crossing reading only adds strings that are not well-formed ARNs, so we keep fields
 *   apart there; this avoids e.g. a region `*` spilling into a different account.)
 * - Anything else (a `${...}` token, a typo, a bare name) is compared as a plain IAM glob over the
 *   whole string. It is never silently treated as matching nothing: rules should report such
 *   resources as unknown before comparing (see `isArnPattern`). Policy variables (`${aws:...}`)
 *   are read literally here; widen them first with `widenPolicyVariables` (glob.ts).
 */

const ARN_FIELD_COUNT = 6;
const RESOURCE_FIELD = ARN_FIELD_COUNT - 1;

/** True when the string has the `arn:` shape this module reads field by field. */
export function isArnPattern(pattern: string): boolean {
  return pattern.slice(0, 4).toLowerCase() === "arn:";
}

/** Tokens for one of the first five fields: wildcards stay inside the field, case ignored. */
function headFieldTokens(field: string, crossesRest: boolean): PatternToken[] {
  const tokens: PatternToken[] = [];
  const chars = charactersOf(field);
  chars.forEach((char, index) => {
    if (char === "*") {
      const isLast = index === chars.length - 1;
      tokens.push(runOf(crossesRest && isLast ? ANY_CHAR : charExcept(":")));
    } else if (char === "?") {
      tokens.push(oneOf(charExcept(":")));
    } else {
      tokens.push(oneOf(literalChar(char, true)));
    }
  });
  return tokens;
}

function compileArnPattern(pattern: string): PatternToken[] {
  if (!isArnPattern(pattern)) return [...globTokens(pattern)];
  const fields = pattern.split(":");
  const head = fields.slice(0, RESOURCE_FIELD);
  const isTruncated = fields.length < ARN_FIELD_COUNT;
  const tokens: PatternToken[] = [];
  head.forEach((field, index) => {
    if (index > 0) tokens.push(oneOf(literalChar(":")));
    appendAll(tokens, headFieldTokens(field, isTruncated && index === head.length - 1));
  });
  if (!isTruncated) {
    tokens.push(oneOf(literalChar(":")));
    appendAll(tokens, globTokens(fields.slice(RESOURCE_FIELD).join(":")));
  }
  return tokens;
}

/** The token sequence an IAM resource pattern denotes (shared and frozen: do not modify). */
export const arnPatternTokens: (pattern: string) => readonly PatternToken[] =
  cachedCompiler(compileArnPattern);

/** True when some ARN is matched by both IAM resource patterns (segment-aware; `*` alone matches all). */
export function arnPatternsOverlap(a: string, b: string): boolean {
  return tokenSequencesOverlap(arnPatternTokens(a), arnPatternTokens(b));
}

/** A shortest ARN matched by both patterns (for messages), or undefined when they are disjoint. */
export function arnPatternsCommonMatch(a: string, b: string): string | undefined {
  return commonMatchOfTokens(arnPatternTokens(a), arnPatternTokens(b));
}

/** True when the IAM resource pattern matches the concrete ARN. */
export function arnPatternMatches(pattern: string, arn: string): boolean {
  return tokensMatchValue(arnPatternTokens(pattern), arn);
}

/** True when the pattern matches one ARN only (up to the case of its first five fields). */
export function arnPatternIsLiteral(pattern: string): boolean {
  return isLiteralSequence(arnPatternTokens(pattern));
}

/**
 * What every matching ARN starts with, LOWER-CASED (the first fields compare without case), up to
 * the first wildcard. Keys for a prefix index must be lower-cased the same way.
 */
export function arnLiteralPrefix(pattern: string): string {
  return literalPrefixOfTokens(arnPatternTokens(pattern), true);
}

export interface ArnFields {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon, e.g. `secret:db-AbCdEf` or `parameter/app/key`. */
  readonly resource: string;
}

/** The six fields of a full ARN (or ARN pattern), or undefined when it has fewer fields. */
export function splitArn(arn: string): ArnFields | undefined {
  if (!isArnPattern(arn)) return undefined;
  const fields = arn.split(":");
  if (fields.length < ARN_FIELD_COUNT) return undefined;
  return {
    partition: fields[1],
    service: fields[2],
    region: fields[3],
    account: fields[4],
    resource: fields.slice(RESOURCE_FIELD).join(":"),
  };
}

/**
 * An ARN matched by at least one pattern of every group in `required` and by none of `excluded`
 * (undefined when there is none; UNDECIDED past the search limit, read as "may overlap"). This is
 * how Allow meets Deny: two grants reach a common resource outside every Deny that applies.
 */
export function arnPatternsConstrainedMatch(
  required: readonly (readonly string[])[],
  excluded: readonly string[],
): string | undefined | typeof UNDECIDED {
  return constrainedCommonMatch(
    required.map((group) => group.map(arnPatternTokens)),
    excluded.map(arnPatternTokens),
  );
}
