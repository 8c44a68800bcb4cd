/**
 * Which actions an IAM statement grants. IAM compares action names case-insensitively, with `*`
 * and `?` wildcards; a NotAction statement grants every action it does not name.
 */
import { boundedMemo } from "../model/bounded-memo";
import type { PolicyStatement } from "../model/iam-policy";
import { hasInterpolation } from "../model/unknown";
import { globMatchesIgnoreCase } from "../pattern/glob";

/** A compiled action pattern: tests one concrete action. */
type ActionTest = (action: string) => boolean;

const NEVER: ActionTest = () => false;

/** Patterns come from input: the memos are bounded (past them, worked out per call). */
const MAX_REMEMBERED_PATTERNS = 65536;

function compileActionPattern(pattern: string): ActionTest {
  if (hasInterpolation(pattern)) return NEVER;
  if (!/[*?]/.test(pattern)) {
    const lower = pattern.toLowerCase();
    return (action) => lowerCased(action) === lower;
  }
  // A regular expression backtracks through every split of the action between its `*`s; past a
  // few wildcards the automaton (linear in pattern × action) is the safe choice.
  if (wildcardCount(pattern) > MAX_REGEX_WILDCARDS) return (action) => globMatchesIgnoreCase(pattern, action);
  const body = Array.from(pattern, (char) =>
    char === "*" ? "[\\s\\S]*" : char === "?" ? "[\\s\\S]" : char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"),
  ).join("");
  const compiled = new RegExp(`^${body}$`, "iu");
  return (action) => compiled.test(action);
}

/** Lower-cased action names: rules ask about the same few actions for every statement. */
const lowerCased = boundedMemo(MAX_REMEMBERED_PATTERNS, (action) => action.toLowerCase());

/**
 * True when the IAM action pattern matches the concrete action, case-insensitively (`*` any run,
 * `?` one character). Same semantics as `globMatchesIgnoreCase` in lib/pattern, compiled once per
 * pattern (a regular expression, or a lower-cased literal) because rules test every statement
 * against many actions.
 */
export function actionPatternMatches(pattern: string, action: string): boolean {
  return compiledActionPattern(pattern)(action);
}

const compiledActionPattern = boundedMemo(MAX_REMEMBERED_PATTERNS, compileActionPattern);

const MAX_REGEX_WILDCARDS = 3;

function wildcardCount(pattern: string): number {
  let count = 0;
  for (const char of pattern) if (char === "*") count++;
  return count;
}

/** True when an `Allow` statement grants `action` through Action or NotAction (conditions ignored). */
export function allowsAction(statement: PolicyStatement, action: string): boolean {
  if (statement.effect !== "Allow") return false;
  // Indexed loops: this runs for every statement and action, mostly before V8 optimizes it, where
  // `for...of` allocates an iterator and a result per element.
  const { notActions, actions } = statement;
  if (notActions.length > 0) {
    for (let i = 0; i < notActions.length; i++) if (actionPatternMatches(notActions[i], action)) return false;
    return true;
  }
  for (let i = 0; i < actions.length; i++) if (actionPatternMatches(actions[i], action)) return true;
  return false;
}

/**
 * A fixed list of at most 31 actions, and which of them each action pattern matches, worked out
 * once per pattern: rules ask every statement of every policy about the same few actions. Bit `i`
 * of a mask stands for `actions[i]`.
 */
export class ActionList {
  /** Every action's bit. */
  readonly all: number;
  private readonly masks = new Map<string, number>();

  constructor(readonly actions: readonly string[]) {
    if (actions.length > 31) throw new Error("an ActionList holds at most 31 actions");
    this.all = 2 ** actions.length - 1;
  }

  /** The actions `pattern` matches (as `actionPatternMatches`). */
  patternMask(pattern: string): number {
    let mask = this.masks.get(pattern);
    if (mask === undefined) {
      mask = 0;
      for (let i = 0; i < this.actions.length; i++)
        if (actionPatternMatches(pattern, this.actions[i])) mask |= 1 << i;
      if (this.masks.size < MAX_REMEMBERED_PATTERNS) this.masks.set(pattern, mask);
    }
    return mask;
  }

  /** The actions an `Allow` statement grants through Action or NotAction (as `allowsAction`). */
  allowedMask(statement: PolicyStatement): number {
    if (statement.effect !== "Allow") return 0;
    let mask = 0;
    const { notActions, actions } = statement;
    if (notActions.length > 0) {
      for (let i = 0; i < notActions.length; i++) mask |= this.patternMask(notActions[i]);
      return this.all & ~mask;
    }
    for (let i = 0; i < actions.length; i++) mask |= this.patternMask(actions[i]);
    return mask;
  }

  /** The actions of `mask`, in list order. */
  actionsOf(mask: number): string[] {
    const found: string[] = [];
    for (let i = 0; i < this.actions.length; i++) if (mask & (1 << i)) found.push(this.actions[i]);
    return found;
  }
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
  // `*+` or `*+:*+`, by a scan of the characters: this runs for every action of every policy,
  // unoptimized, where each RegExp test allocates.
  let colon = -1;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charCodeAt(i);
    if (char === STAR) continue;
    if (char !== COLON || colon >= 0) return false;
    colon = i;
  }
  return pattern.length > 0 && colon !== 0 && colon !== pattern.length - 1;
}

const STAR = 42;
const COLON = 58;

/** `iam:*`: full IAM, which is full account control. */
export function isFullIam(pattern: string): boolean {
  // Only a five-character text can be it: no lower-cased copy of every other action.
  return pattern.length === 5 && pattern.toLowerCase() === "iam:*";
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
