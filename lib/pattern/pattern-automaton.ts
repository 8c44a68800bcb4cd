/**
 * The common core of every pattern language here (Vault paths, IAM globs, ARNs, condition values):
 * a pattern is a sequence of tokens, each either exactly one character from a class or any run
 * (possibly empty) of characters from a class. Every such sequence denotes a regular language, and
 * two of them share a string exactly when their product automaton can reach the end of both.
 *
 * Exactness: each step of the product consumes one character that both tokens must accept; steps
 * are independent, so a path exists iff every step's two classes intersect. Classes are decided
 * over an unbounded alphabet (Unicode), so "any character except X" always meets "any character
 * except Y". Case folding uses `toLowerCase` per character, which is exact for ASCII.
 */

/** A set of characters one token step accepts. */
export type CharClass =
  | { readonly kind: "literal"; readonly char: string; readonly ignoreCase: boolean }
  | { readonly kind: "any" }
  | { readonly kind: "anyExcept"; readonly excluded: string };

export interface PatternToken {
  readonly chars: CharClass;
  /** `false`: exactly one character; `true`: any run of characters, including none. */
  readonly repeats: boolean;
}

export const ANY_CHAR: CharClass = { kind: "any" };

export function literalChar(char: string, ignoreCase = false): CharClass {
  return { kind: "literal", char, ignoreCase };
}

export function charExcept(excluded: string): CharClass {
  return { kind: "anyExcept", excluded };
}

export function oneOf(chars: CharClass): PatternToken {
  return { chars, repeats: false };
}

export function runOf(chars: CharClass): PatternToken {
  return { chars, repeats: true };
}

/** Characters of a string by code point, so a surrogate pair is one character (as for `?`). */
export function charactersOf(text: string): string[] {
  return Array.from(text);
}

/** Tokens that accept exactly `value`, character by character. */
export function literalTokens(value: string, ignoreCase = false): PatternToken[] {
  // Tokens are immutable, so one token per character serves every literal (every subject and
  // path of an app is turned into tokens; one object per character of each was most of the GC).
  const shared = ignoreCase ? IGNORE_CASE_TOKENS : EXACT_TOKENS;
  const tokens: PatternToken[] = [];
  for (const char of value) {
    let token = shared.get(char);
    if (token === undefined) {
      token = oneOf(literalChar(char, ignoreCase));
      if (shared.size < MAX_SHARED_TOKENS) shared.set(char, token);
    }
    tokens.push(token);
  }
  return tokens;
}

/**
 * A text equal for two token sequences exactly when they are the same sequence (a grouping key;
 * each character is written with its length, so no two sequences share a key).
 */
export function tokenSequenceKey(tokens: readonly PatternToken[]): string {
  let key = "";
  for (const { chars, repeats } of tokens) {
    key += repeats ? "*" : "1";
    if (chars.kind === "any") key += "a";
    else if (chars.kind === "anyExcept") key += `x${chars.excluded.length}:${chars.excluded}`;
    else key += `${chars.ignoreCase ? "i" : "l"}${chars.char.length}:${chars.char}`;
  }
  return key;
}

/** Shared literal tokens by character; bounded, as characters come from untrusted input. */
const EXACT_TOKENS = new Map<string, PatternToken>();
const IGNORE_CASE_TOKENS = new Map<string, PatternToken>();
const MAX_SHARED_TOKENS = 4096;

function foldCase(char: string): string {
  return char.toLowerCase();
}

function literalMeetsExcept(literal: { char: string; ignoreCase: boolean }, excluded: string): boolean {
  // A one-unit character other than the excluded one is itself in both classes.
  if (!literal.ignoreCase || (literal.char.length === 1 && literal.char !== excluded))
    return literal.char !== excluded;
  return caseVariantsOf(literal.char).some((variant) => variant !== excluded);
}

/** The single-character case variants of a character (enough to decide class intersection). */
function caseVariantsOf(char: string): string[] {
  const candidates = new Set([char, char.toLowerCase(), char.toUpperCase()]);
  return [...candidates].filter(
    (variant) => charactersOf(variant).length === 1 && foldCase(variant) === foldCase(char),
  );
}

/** True when some character belongs to both classes. */
export function classesIntersect(a: CharClass, b: CharClass): boolean {
  if (a.kind === "any" || b.kind === "any") return true;
  if (a.kind === "anyExcept" && b.kind === "anyExcept") return true;
  if (a.kind === "literal" && b.kind === "literal") {
    if (a.ignoreCase || b.ignoreCase) return foldCase(a.char) === foldCase(b.char);
    return a.char === b.char;
  }
  const literal = (a.kind === "literal" ? a : b) as { char: string; ignoreCase: boolean };
  const except = (a.kind === "anyExcept" ? a : b) as { excluded: string };
  return literalMeetsExcept(literal, except.excluded);
}

/** True when the character belongs to the class. */
export function classAccepts(chars: CharClass, char: string): boolean {
  switch (chars.kind) {
    case "any":
      return true;
    case "anyExcept":
      return char !== chars.excluded;
    case "literal":
      return chars.ignoreCase ? foldCase(char) === foldCase(chars.char) : char === chars.char;
  }
}

/** Characters used to fill a step where both sides accept (almost) anything: readable in messages. */
const FILLER_CHARS = ["x", "y", "z"];

/** One character in both classes (call only when `classesIntersect`). */
function commonChar(a: CharClass, b: CharClass): string {
  const accepted = (char: string) => classAccepts(a, char) && classAccepts(b, char);
  for (const chars of [a, b]) {
    if (chars.kind === "literal") {
      const variant = caseVariantsOf(chars.char).find(accepted);
      if (variant !== undefined) return variant;
    }
  }
  return FILLER_CHARS.find(accepted) as string;
}

/**
 * A shortest string accepted by both token sequences, or undefined when there is none (exact;
 * O(|a|·|b|) time and memory). Breadth-first search over positions (i, j) of the product
 * automaton; skipping an empty run costs nothing, consuming a character costs one.
 */
export function commonMatchOfTokens(
  a: readonly PatternToken[],
  b: readonly PatternToken[],
): string | undefined {
  const width = b.length + 1;
  const states = (a.length + 1) * width;
  const parent = new Int32Array(states);
  const emitted: (string | undefined)[] = new Array(states);
  const settled = new Uint8Array(states);
  // Layer d holds states first reachable after d characters; within a layer, free moves are
  // followed depth-first, so every state settles at its shortest distance.
  let layer: Step[] = [{ state: 0, from: -1, char: undefined }];
  while (layer.length > 0) {
    const nextLayer: Step[] = [];
    const pending = layer;
    while (pending.length > 0) {
      const { state, from, char } = pending.pop() as Step;
      if (settled[state] === 1) continue;
      settled[state] = 1;
      parent[state] = from;
      emitted[state] = char;
      const i = Math.floor(state / width);
      const j = state % width;
      if (i === a.length && j === b.length) return spell(state, parent, emitted);
      const tokenA = a[i];
      const tokenB = b[j];
      // A run may match nothing: skip it without consuming a character.
      if (tokenA?.repeats) pending.push({ state: state + width, from: state, char: undefined });
      if (tokenB?.repeats) pending.push({ state: state + 1, from: state, char: undefined });
      // Consume one character both tokens accept; a run stays where it is.
      if (
        tokenA &&
        tokenB &&
        !(tokenA.repeats && tokenB.repeats) &&
        classesIntersect(tokenA.chars, tokenB.chars)
      ) {
        const target = (tokenA.repeats ? i : i + 1) * width + (tokenB.repeats ? j : j + 1);
        nextLayer.push({ state: target, from: state, char: commonChar(tokenA.chars, tokenB.chars) });
      }
    }
    layer = nextLayer;
  }
  return undefined;
}

interface Step {
  readonly state: number;
  readonly from: number;
  readonly char: string | undefined;
}

function spell(state: number, parent: Int32Array, emitted: readonly (string | undefined)[]): string {
  const chars: string[] = [];
  for (let current = state; current > 0; current = parent[current]) {
    const char = emitted[current];
    if (char !== undefined) chars.push(char);
  }
  return chars.reverse().join("");
}

/**
 * True when some string is accepted by both token sequences (exact; O(|a|·|b|)). The same product
 * search as `commonMatchOfTokens`, depth-first and without bookkeeping for the witness.
 */
export function tokenSequencesOverlap(a: readonly PatternToken[], b: readonly PatternToken[]): boolean {
  // Single-character tokens at the start (or end) of both sides consume the same character of any
  // common string: those pairs must intersect, and the rest decides. Patterns compared here share
  // long literal prefixes (ARNs, paths, subjects), so the product search is left with little.
  let startA = 0;
  let startB = 0;
  let endA = a.length;
  let endB = b.length;
  while (startA < endA && startB < endB && !a[startA].repeats && !b[startB].repeats) {
    if (a[startA] !== b[startB] && !classesIntersect(a[startA].chars, b[startB].chars)) return false;
    startA++;
    startB++;
  }
  while (startA < endA && startB < endB && !a[endA - 1].repeats && !b[endB - 1].repeats) {
    if (a[endA - 1] !== b[endB - 1] && !classesIntersect(a[endA - 1].chars, b[endB - 1].chars)) return false;
    endA--;
    endB--;
  }
  if (startA === endA || startB === endB) {
    // One side is used up: the other must accept the empty string (runs only).
    for (let i = startA; i < endA; i++) if (!a[i].repeats) return false;
    for (let j = startB; j < endB; j++) if (!b[j].repeats) return false;
    return true;
  }
  return productOverlaps(a.slice(startA, endA), b.slice(startB, endB));
}

function productOverlaps(a: readonly PatternToken[], b: readonly PatternToken[]): boolean {
  const width = b.length + 1;
  const visited = new Uint8Array((a.length + 1) * width);
  const pending: number[] = [0];
  visited[0] = 1;
  const visit = (state: number): void => {
    if (visited[state] === 0) {
      visited[state] = 1;
      pending.push(state);
    }
  };
  while (pending.length > 0) {
    const state = pending.pop() as number;
    const i = Math.floor(state / width);
    const j = state - i * width;
    if (i === a.length && j === b.length) return true;
    const tokenA = a[i];
    const tokenB = b[j];
    if (tokenA?.repeats) visit(state + width);
    if (tokenB?.repeats) visit(state + 1);
    if (
      tokenA &&
      tokenB &&
      !(tokenA.repeats && tokenB.repeats) &&
      classesIntersect(tokenA.chars, tokenB.chars)
    ) {
      visit((tokenA.repeats ? i : i + 1) * width + (tokenB.repeats ? j : j + 1));
    }
  }
  return false;
}

/** True when the token sequence accepts the concrete value (exact, O(|tokens|·|value|)). */
export function tokensMatchValue(tokens: readonly PatternToken[], value: string): boolean {
  const chars = charactersOf(value);
  // reachable[i]: after consuming the characters so far, the pattern can be at token i.
  const start = new Uint8Array(tokens.length + 1);
  start[0] = 1;
  let reachable = closeOverEmptyRuns(tokens, start);
  for (const char of chars) {
    const next = new Uint8Array(tokens.length + 1);
    let any = false;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (reachable[i] === 1 && classAccepts(token.chars, char)) {
        next[token.repeats ? i : i + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    reachable = closeOverEmptyRuns(tokens, next);
  }
  return reachable[tokens.length] === 1;
}

function closeOverEmptyRuns(tokens: readonly PatternToken[], reachable: Uint8Array): Uint8Array {
  for (let i = 0; i < tokens.length; i++) {
    if (reachable[i] === 1 && tokens[i].repeats) reachable[i + 1] = 1;
  }
  return reachable;
}

/** True when the sequence accepts exactly one string (no run, no class wider than one literal). */
export function isLiteralSequence(tokens: readonly PatternToken[]): boolean {
  return tokens.every((token) => !token.repeats && token.chars.kind === "literal");
}

/**
 * The characters every accepted string starts with, up to the first non-literal token, lower-cased
 * where the token ignores case (so `ignoreCase` callers must compare lower-cased keys).
 */
export function literalPrefixOfTokens(tokens: readonly PatternToken[], lowerCaseAll = false): string {
  let prefix = "";
  for (const token of tokens) {
    if (token.repeats || token.chars.kind !== "literal") break;
    prefix += lowerCaseAll || token.chars.ignoreCase ? foldCase(token.chars.char) : token.chars.char;
  }
  return prefix;
}

const TOKEN_CACHE_LIMIT = 20000;

/**
 * Caches a pattern compiler: rules compare the same few thousand patterns many times. The cache is
 * dropped whole when full (patterns are short; recompiling is cheap, unbounded growth is not).
 */
export function cachedCompiler(
  compile: (pattern: string) => PatternToken[],
): (pattern: string) => readonly PatternToken[] {
  const cache = new Map<string, readonly PatternToken[]>();
  return (pattern) => {
    let tokens = cache.get(pattern);
    if (tokens === undefined) {
      if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear();
      tokens = Object.freeze(compile(pattern));
      cache.set(pattern, tokens);
    }
    return tokens;
  };
}

/**
 * Characters that stand for every character: two characters accepted by exactly the same token
 * classes behave identically in every sequence, so one representative per behaviour suffices.
 * Classes here are literals (case-sensitive or not) and "any except X"; a character's behaviour is
 * fixed by which literals accept it and whether it is some excluded X. The representatives are the
 * written characters, every BMP character whose lower-case form equals a case-insensitive literal's
 * (e.g. the Kelvin sign for `k`), and one character no class names.
 */
function representativeAlphabet(sequences: readonly (readonly PatternToken[])[]): string[] {
  const named = new Set<string>();
  const folded = new Set<string>();
  for (const sequence of sequences) {
    for (const { chars } of sequence) {
      if (chars.kind === "anyExcept") named.add(chars.excluded);
      if (chars.kind !== "literal") continue;
      named.add(chars.char);
      if (chars.ignoreCase) folded.add(foldCase(chars.char));
    }
  }
  for (const fold of folded) for (const char of charactersFolding(fold)) named.add(char);
  const accepts = (char: string) =>
    sequences.some((sequence) =>
      sequence.some(({ chars }) => chars.kind === "literal" && classAccepts(chars, char)),
    );
  let fresh = 0xe000; // private-use area: never a written literal in practice, checked anyway
  while (named.has(String.fromCodePoint(fresh)) || accepts(String.fromCodePoint(fresh))) fresh += 1;
  return [...named, String.fromCodePoint(fresh)];
}

let foldTable: Map<string, string[]> | undefined;

/** Every BMP character whose lower-case form is `fold` (built once, on first use). */
function charactersFolding(fold: string): readonly string[] {
  if (!foldTable) {
    foldTable = new Map();
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates are not characters
      const char = String.fromCharCode(code);
      const lower = foldCase(char);
      const list = foldTable.get(lower);
      if (list) list.push(char);
      else foldTable.set(lower, [char]);
    }
  }
  return foldTable.get(fold) ?? [];
}

/** Token positions a sequence can be at, closed over runs that match nothing. */
function closePositions(tokens: readonly PatternToken[], positions: Uint8Array): Uint8Array {
  for (let i = 0; i < tokens.length; i++) if (positions[i] === 1 && tokens[i].repeats) positions[i + 1] = 1;
  return positions;
}

function stepPositions(tokens: readonly PatternToken[], positions: Uint8Array, char: string): Uint8Array {
  const next = new Uint8Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) {
    if (positions[i] === 1 && classAccepts(tokens[i].chars, char)) next[tokens[i].repeats ? i : i + 1] = 1;
  }
  return closePositions(tokens, next);
}

/** How many distinct product states the constrained search visits before giving up (answering "may overlap"). */
export const CONSTRAINED_SEARCH_LIMIT = 100000;

/** Answer of {@link constrainedCommonMatch} when the search limit was reached: undecided, treat as overlapping. */
export const UNDECIDED = Symbol("undecided");

/**
 * A shortest string accepted by at least one sequence of EVERY group in `required` and by NO
 * sequence in `excluded`, or undefined when none exists: the emptiness test of
 * (R1 ∩ R2 ∩ ...) \ (E1 ∪ E2 ∪ ...), e.g. two Allow grants minus the Deny statements that apply
 * to either. Exact: breadth-first search over the subset construction of every sequence at once,
 * stepping on one representative character per behaviour (see `representativeAlphabet`). Subset
 * construction can grow exponentially on adversarial patterns, so the search stops after
 * CONSTRAINED_SEARCH_LIMIT states and answers UNDECIDED, which callers must read as "may overlap".
 */
export function constrainedCommonMatch(
  required: readonly (readonly (readonly PatternToken[])[])[],
  excluded: readonly (readonly PatternToken[])[],
): string | undefined | typeof UNDECIDED {
  if (required.some((group) => group.length === 0)) return undefined;
  const sequences = [...required.flat(), ...excluded];
  const groupOf: number[] = [];
  required.forEach((group, index) => group.forEach(() => groupOf.push(index)));
  const requiredCount = groupOf.length;
  const alphabet = representativeAlphabet(sequences);
  const start = sequences.map((tokens) => {
    const positions = new Uint8Array(tokens.length + 1);
    positions[0] = 1;
    return closePositions(tokens, positions);
  });
  const keyOf = (state: Uint8Array[]) => state.map((positions) => positions.join("")).join("|");
  const accepting = (state: Uint8Array[]) => {
    const met = new Uint8Array(required.length);
    state.forEach((positions, index) => {
      if (positions[positions.length - 1] !== 1) return;
      if (index < requiredCount) met[groupOf[index]] = 1;
    });
    return met.every((flag) => flag === 1) && !state.slice(requiredCount).some((p) => p[p.length - 1] === 1);
  };
  const alive = (state: Uint8Array[]) => {
    const live = new Uint8Array(required.length);
    for (let index = 0; index < requiredCount; index++)
      if (state[index].includes(1)) live[groupOf[index]] = 1;
    return live.every((flag) => flag === 1);
  };
  const seen = new Map<string, { from: string | undefined; char: string }>();
  let layer: Array<{ key: string; state: Uint8Array[] }> = [{ key: keyOf(start), state: start }];
  seen.set(layer[0].key, { from: undefined, char: "" });
  while (layer.length > 0) {
    const next: typeof layer = [];
    for (const { key, state } of layer) {
      if (accepting(state)) return spellFrom(key, seen);
      for (const char of alphabet) {
        const stepped = state.map((positions, index) => stepPositions(sequences[index], positions, char));
        if (!alive(stepped)) continue;
        const steppedKey = keyOf(stepped);
        if (seen.has(steppedKey)) continue;
        if (seen.size >= CONSTRAINED_SEARCH_LIMIT) return UNDECIDED;
        seen.set(steppedKey, { from: key, char });
        next.push({ key: steppedKey, state: stepped });
      }
    }
    layer = next;
  }
  return undefined;
}

function spellFrom(key: string, seen: Map<string, { from: string | undefined; char: string }>): string {
  const chars: string[] = [];
  for (let current: string | undefined = key; current !== undefined;) {
    const step = seen.get(current) as { from: string | undefined; char: string };
    chars.push(step.char);
    current = step.from;
  }
  return chars.reverse().join("");
}
