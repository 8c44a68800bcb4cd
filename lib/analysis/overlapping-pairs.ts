/**
 * Pairs of overlapping patterns owned by different identities, without comparing every pair.
 *
 * Candidates come from the literal-prefix index of lib/pattern (two patterns can only match a
 * common string when one literal prefix extends the other); each candidate is then confirmed with
 * the exact overlap function. Near-linear when literal prefixes are selective; pairs that really
 * overlap are always visited, so the output is exactly the all-pairs result.
 */
import type { PatternKeyFunction } from "../pattern/prefix-index";
import { PrefixIndex } from "../pattern/prefix-index";

export interface OwnedPattern {
  /** Entries with the same owner are never paired (an identity does not share with itself). */
  readonly owner: string;
  readonly pattern: string;
}

/** Every unordered pair of entries with different owners whose patterns overlap, each reported once. */
export function findOverlappingPairs<E extends OwnedPattern>(
  entries: readonly E[],
  keyOf: PatternKeyFunction,
  overlap: (a: E, b: E) => boolean,
): Array<[E, E]> {
  const index = new PrefixIndex<number>(keyOf);
  entries.forEach((entry, position) => index.insert(entry.pattern, position));
  const pairs: Array<[E, E]> = [];
  entries.forEach((current, position) => {
    for (const { item: other } of index.candidateEntries(current.pattern)) {
      // Each unordered pair is a candidate from both sides; keep it from the earlier entry only.
      if (other <= position || entries[other].owner === current.owner) continue;
      if (overlap(current, entries[other])) pairs.push([current, entries[other]]);
    }
  });
  return pairs;
}

/** Key function over the reversed pattern: candidates by literal suffix (e.g. role names ending ARNs). */
export function reversedKey(keyOf: PatternKeyFunction): PatternKeyFunction {
  return (pattern) => keyOf(reverse(pattern));
}

export function reverse(text: string): string {
  return Array.from(text).reverse().join("");
}
