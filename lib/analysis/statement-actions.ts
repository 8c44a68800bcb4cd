/**
 * Which actions an IAM statement grants. IAM compares action names case-insensitively, with `*`
 * and `?` wildcards; a NotAction statement grants every action it does not name.
 */
import type { PolicyStatement } from "../model/iam-policy";
import { hasInterpolation } from "../model/unknown";
import { globMatchesIgnoreCase } from "../pattern/glob";

const compiledActionPatterns = new Map<string, RegExp>();

/**
 * True when the IAM action pattern matches the concrete action, case-insensitively (`*` any run,
 * `?` one character). Same semantics as `globMatchesIgnoreCase` in lib/pattern, compiled once per
 * pattern into a regular expression because rules test every statement against many actions.
 */
export function actionPatternMatches(pattern: string, action: string): boolean {
  if (hasInterpolation(pattern)) return false;
  if (!/[*?]/.test(pattern)) return pattern.toLowerCase() === action.toLowerCase();
  // A regular expression backtracks through every split of the action between its `*`s; past a
  // few wildcards the automaton (linear in pattern × action) is the safe choice.
  if (wildcardCount(pattern) > MAX_REGEX_WILDCARDS) return globMatchesIgnoreCase(pattern, action);
  let compiled = compiledActionPatterns.get(pattern);
  if (!compiled) {
    const body = Array.from(pattern, (char) =>
      char === "*" ? "[\\s\\S]*" : char === "?" ? "[\\s\\S]" : char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"),
    ).join("");
    compiled = new RegExp(`^${body}$`, "iu");
    compiledActionPatterns.set(pattern, compiled);
  }
  return compiled.test(action);
}

const MAX_REGEX_WILDCARDS = 3;

function wildcardCount(pattern: string): number {
  let count = 0;
  for (const char of pattern) if (char === "*") count++;
  return count;
}

/** True when an `Allow` statement grants `action` through Action or NotAction (conditions ignored). */
export function allowsAction(statement: PolicyStatement, action: string): boolean {
  if (statement.effect !== "Allow") return false;
  if (statement.notActions.length > 0) {
    return !statement.notActions.some((pattern) => actionPatternMatches(pattern, action));
  }
  return statement.actions.some((pattern) => actionPatternMatches(pattern, action));
}

/**
 * The `Action` values of an Allow statement that are Terraform values not known statically: they
 * may grant any action, so reach through the statement is unknown.
 */
export function unknownAllowedActions(statement: PolicyStatement): string[] {
  return statement.effect === "Allow" ? statement.actions.filter(hasInterpolation) : [];
}

/** The Action patterns of a statement that grant `action` (empty for NotAction statements). */
export function actionPatternsGranting(statement: PolicyStatement, action: string): string[] {
  return statement.actions.filter((pattern) => actionPatternMatches(pattern, action));
}

/**
 * How a statement grants `actions`, as messages list it: the Action patterns that match, or one
 * `NotAction a, b` entry. Unquoted: the message quotes each entry once.
 */
export function grantingPatterns(statement: PolicyStatement, actions: readonly string[]): string[] {
  return statement.notActions.length > 0
    ? [`NotAction ${statement.notActions.join(", ")}`]
    : [...new Set(actions.flatMap((action) => actionPatternsGranting(statement, action)))];
}

/** `*` alone (every action of every service). */
export function isAllActions(pattern: string): boolean {
  return /^\*+$/.test(pattern) || /^\*+:\*+$/.test(pattern);
}

/** `iam:*`: full IAM, which is full account control. */
export function isFullIam(pattern: string): boolean {
  return pattern.toLowerCase() === "iam:*";
}

/** A whole-service wildcard such as `s3:*` (not `*`, not `s3:Get*`). */
export function isServiceWildcard(pattern: string): boolean {
  return /^[^:*?]+:\*+$/.test(pattern);
}

/** `*` as a resource: every resource of every service. */
export function isAllResources(resource: string): boolean {
  return /^\*+$/.test(resource);
}

/**
 * True when the statement's resources cover every resource: `Resource: *`, or a NotResource
 * statement (everything except a list, treated as everything).
 */
export function coversAllResources(statement: PolicyStatement): boolean {
  return statement.notResources.length > 0 || statement.resources.some(isAllResources);
}

/**
 * The statement's resources for overlap tests. A NotResource statement is over-approximated as
 * `*` (it reaches everything but a few listed resources).
 */
export function effectiveResources(statement: PolicyStatement): readonly string[] {
  return statement.notResources.length > 0 ? ["*"] : statement.resources;
}
