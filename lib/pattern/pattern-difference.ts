import { charactersOf, classAccepts, type CharClass, type PatternToken } from "./pattern-automaton";

/*
 * Intersection minus a union: is there a string matched by both `a` and `b` and by none of
 * `excluded`? This is what subtraction needs (a Vault rule reaches its paths minus those a more
 * specific rule or a `deny` takes over; an IAM Allow minus an explicit Deny).
 *
 * Exactness: every class is a literal, "any", or "any except one character", so two characters
 * that are neither written in a pattern nor excluded by a class are indistinguishable to every
 * token. The search therefore runs over a finite alphabet: the characters the patterns name (with
 * their case variants) and one fresh character standing for all others. Over that alphabet it is
 * the classic subset construction of the product automaton, searched breadth-first, so the witness
 * is a shortest one. The state space is bounded (`STATE_LIMIT`); beyond it the answer would not be
 * exact, so the caller receives `"too-large"` and must fail closed.
 */

/** Upper bound on explored states: reach rules are short, this is never hit by real policies. */
const STATE_LIMIT = 200_000;

export type DifferenceResult = { readonly witness: string } | { readonly empty: true } | "too-large";

function classCharacters(chars: CharClass): string[] {
  switch (chars.kind) {
    case "any":
      return [];
    case "anyExcept":
      return [chars.excluded];
    case "literal":
      return chars.ignoreCase
        ? [chars.char, chars.char.toLowerCase(), chars.char.toUpperCase()].filter(
            (variant) => charactersOf(variant).length === 1,
          )
        : [chars.char];
  }
}

/** A character none of the patterns names (so it stands for every unnamed character). */
function freshCharacter(named: ReadonlySet<string>): string {
  for (let code = 0xe000; ; code++) {
    const char = String.fromCodePoint(code);
    if (!named.has(char)) return char;
  }
}

/** Positions reachable without consuming a character (runs may match nothing). */
function closure(tokens: readonly PatternToken[], positions: Iterable<number>): number[] {
  const reached = new Set<number>();
  for (let position of positions) {
    if (reached.has(position)) continue;
    reached.add(position);
    while (position < tokens.length && tokens[position].repeats) {
      position++;
      reached.add(position);
    }
  }
  return [...reached].sort((x, y) => x - y);
}

function step(tokens: readonly PatternToken[], positions: readonly number[], char: string): number[] {
  const next: number[] = [];
  for (const position of positions) {
    const token = tokens[position];
    if (token && classAccepts(token.chars, char)) next.push(token.repeats ? position : position + 1);
  }
  return closure(tokens, next);
}

function accepts(tokens: readonly PatternToken[], positions: readonly number[]): boolean {
  return positions.includes(tokens.length);
}

interface SearchState {
  readonly sets: readonly (readonly number[])[];
  readonly parent: number;
  readonly char: string;
}

/**
 * A shortest string matched by every sequence of `included` and by none of `excluded`,
 * `{ empty: true }` when there is none, or `"too-large"` when the search exceeds its bound.
 */
export function commonMatchOfAll(
  included: readonly (readonly PatternToken[])[],
  excluded: readonly (readonly PatternToken[])[],
): DifferenceResult {
  const sequences = [...included, ...excluded];
  const named = new Set<string>();
  for (const tokens of sequences)
    for (const token of tokens) for (const c of classCharacters(token.chars)) named.add(c);
  const alphabet = [...named, freshCharacter(named)];
  const count = included.length;

  const states: SearchState[] = [];
  const seen = new Set<string>();
  const enqueue = (sets: number[][], parent: number, char: string): void => {
    const key = sets.map((set) => set.join(",")).join("|");
    if (seen.has(key)) return;
    seen.add(key);
    states.push({ sets, parent, char });
  };
  enqueue(
    sequences.map((tokens) => closure(tokens, [0])),
    -1,
    "",
  );
  for (let current = 0; current < states.length; current++) {
    if (states.length > STATE_LIMIT) return "too-large";
    const { sets } = states[current];
    if (sequences.every((tokens, i) => accepts(tokens, sets[i]) === i < count))
      return { witness: spell(states, current) };
    next: for (const char of alphabet) {
      const nextSets: number[][] = [];
      for (let i = 0; i < sequences.length; i++) {
        const stepped = step(sequences[i], sets[i], char);
        // An included sequence with no live position can never accept again.
        if (i < count && stepped.length === 0) continue next;
        nextSets.push(stepped);
      }
      enqueue(nextSets, current, char);
    }
  }
  return { empty: true };
}

/** `commonMatchOfAll([a, b], excluded)`. */
export function commonMatchOutside(
  a: readonly PatternToken[],
  b: readonly PatternToken[],
  excluded: readonly (readonly PatternToken[])[],
): DifferenceResult {
  return commonMatchOfAll([a, b], excluded);
}

function spell(states: readonly SearchState[], index: number): string {
  const chars: string[] = [];
  for (let current = index; current > 0; current = states[current].parent) chars.push(states[current].char);
  return chars.reverse().join("");
}

/**
 * True when some string is matched by both sequences and by none of `excluded`. An undecided
 * search (state bound exceeded) counts as overlapping: reporting a pair is the safe side.
 */
export function overlapOutside(
  a: readonly PatternToken[],
  b: readonly PatternToken[],
  excluded: readonly (readonly PatternToken[])[],
): boolean {
  const result = commonMatchOutside(a, b, excluded);
  return result === "too-large" || "witness" in result;
}
