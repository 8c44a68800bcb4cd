/**
 * Pairs of overlapping patterns owned by different identities, without comparing every pair.
 *
 * Candidates come from the literal-prefix index of lib/pattern (two patterns can only match a
 * common string when one literal prefix extends the other); each candidate is then confirmed with
 * the exact overlap function. Near-linear when literal prefixes are selective; pairs that really
 * overlap are always visited, so the output is exactly the all-pairs result.
 *
 * Entries with the same owner and pattern are indexed once, as a group: a policy repeating one
 * path block 20,000 times is one index entry, and candidates of the same owner are skipped once
 * per group instead of once per entry.
 */
import type { PatternKeyFunction } from "../pattern/prefix-index";
import { PrefixIndex } from "../pattern/prefix-index";

export interface OwnedPattern {
  /** Entries with the same owner are never paired (an identity does not share with itself). */
  readonly owner: string;
  readonly pattern: string;
}

/** What the pair search needs from an index: candidates never miss an overlapping stored pattern. */
export interface CandidateIndex<T> {
  insert(pattern: string, item: T, tag?: string): void;
  /** May leave out entries tagged `skipTag` (an index that cannot, returns them and they are filtered). */
  candidateEntries(pattern: string, skipTag?: string): Array<{ readonly pattern: string; readonly item: T }>;
}

/** Every unordered pair of entries with different owners whose patterns overlap, each reported once. */
export function findOverlappingPairs<E extends OwnedPattern>(
  entries: readonly E[],
  keyOf: PatternKeyFunction,
  overlap: (a: E, b: E) => boolean,
): Array<[E, E]> {
  return findPairsThroughIndex(entries, new PrefixIndex<number>(keyOf), overlap);
}

/**
 * {@link findOverlappingPairs} over any candidate index. Entries with the same defined `tagOf` are
 * never paired here: the caller pairs them by its own, cheaper criterion.
 */
export function findPairsThroughIndex<E extends OwnedPattern>(
  entries: readonly E[],
  index: CandidateIndex<number>,
  overlap: (a: E, b: E) => boolean,
  tagOf: (entry: E) => string | undefined = () => undefined,
): Array<[E, E]> {
  const groups: E[][] = [];
  const groupOf = new Map<string, number>();
  // Indexed loops: this runs unoptimized, where each iterator step allocates.
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const key = `${entry.owner}\u0000${entry.pattern}\u0000${tagOf(entry) ?? ""}`;
    const known = groupOf.get(key);
    if (known !== undefined) groups[known].push(entry);
    else {
      groupOf.set(key, groups.length);
      groups.push([entry]);
    }
  }
  groups.forEach((group, position) => index.insert(group[0].pattern, position, tagOf(group[0])));
  const pairs: Array<[E, E]> = [];
  groups.forEach((current, position) => {
    const owner = current[0].owner;
    const tag = tagOf(current[0]);
    const candidates = index.candidateEntries(current[0].pattern, tag);
    for (let c = 0; c < candidates.length; c++) {
      const other = candidates[c].item;
      // Each unordered pair is a candidate from both sides; keep it from the earlier group only.
      if (other <= position || groups[other][0].owner === owner) continue;
      if (tag !== undefined && tagOf(groups[other][0]) === tag) continue;
      const otherGroup = groups[other];
      for (let i = 0; i < current.length; i++)
        for (let j = 0; j < otherGroup.length; j++)
          if (overlap(current[i], otherGroup[j])) pairs.push([current[i], otherGroup[j]]);
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
