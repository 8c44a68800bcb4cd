/**
 * Shared-path rules report one finding per shared thing ("N identities share X"), never one per
 * pair of identities: N identities holding one secret are one finding, not N(N-1)/2. The helpers
 * here collapse entries that compare alike into classes, so the pattern comparisons grow with the
 * number of distinct patterns and the output with the number of identities.
 */
import { appendAll } from "../model/append-all";
import type { Identity } from "../model/graph";
import type { SourceLocation } from "../model/location";
import type { PatternKeyFunction } from "../pattern/prefix-index";
import { PrefixIndex } from "../pattern/prefix-index";
import { quoteIdentity } from "./identity-pairs";
import type { CandidateIndex, OwnedPattern } from "./overlapping-pairs";
import { findPairsThroughIndex } from "./overlapping-pairs";
import { dedupeLocations } from "./principal-directory";

/** How many identities a grouped message names before "and K more"; `identityIds` holds them all. */
export const SHOWN_IDENTITIES = 10;

/** Entries with one comparison key: whatever one of them shares with an entry, all of them share. */
export interface EntryClass<E> {
  readonly entries: readonly E[];
  readonly representative: E;
  /** Distinct owners (identity ids) of the entries. */
  readonly owners: ReadonlySet<string>;
}

/** Entries grouped by `keyOf`, in first-seen order. */
export function classesOf<E extends { readonly owner: string }>(
  entries: readonly E[],
  keyOf: (entry: E, position: number) => string,
): EntryClass<E>[] {
  const byKey = new Map<string, { entries: E[]; owners: Set<string> }>();
  // Indexed: this runs unoptimized, where each iterator step allocates.
  for (let position = 0; position < entries.length; position++) {
    const entry = entries[position];
    const key = keyOf(entry, position);
    const known = byKey.get(key);
    if (known) {
      known.entries.push(entry);
      known.owners.add(entry.owner);
    } else byKey.set(key, { entries: [entry], owners: new Set<string>().add(entry.owner) });
  }
  const classes: EntryClass<E>[] = [];
  byKey.forEach((known) =>
    classes.push({ entries: known.entries, representative: known.entries[0], owners: known.owners }),
  );
  return classes;
}

/**
 * Every pair of distinct classes whose representatives overlap, found through a candidate index
 * (a literal-prefix index when given a key function). Two classes held by one same single
 * identity are never compared (an identity does not share with itself), so a policy repeating one
 * path costs nothing; classes with the same defined `tagOf` are left to the caller.
 */
export function overlappingClasses<E extends OwnedPattern>(
  classes: readonly EntryClass<E>[],
  index: PatternKeyFunction | CandidateIndex<number>,
  overlap: (a: E, b: E) => boolean,
  tagOf: (entry: E) => string | undefined = () => undefined,
): Array<[EntryClass<E>, EntryClass<E>]> {
  const standIns = classes.map((entryClass, position) => ({
    owner:
      entryClass.owners.size === 1 ? `one\u0000${entryClass.representative.owner}` : `many\u0000${position}`,
    pattern: entryClass.representative.pattern,
    entryClass,
  }));
  const candidates = typeof index === "function" ? new PrefixIndex<number>(index) : index;
  return findPairsThroughIndex(
    standIns,
    candidates,
    (a, b) => overlap(a.entryClass.representative, b.entryClass.representative),
    (standIn) => tagOf(standIn.entryClass.representative),
  ).map(([a, b]) => [a.entryClass, b.entryClass]);
}

/** Identities of the entries, each once, ordered by id (so no input order shows in a finding). */
export function identitiesOf(entries: Iterable<{ readonly identity: Identity }>): Identity[] {
  const byId = new Map<string, Identity>();
  for (const { identity } of entries) if (!byId.has(identity.id)) byId.set(identity.id, identity);
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

/** Code-point order, independent of locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `"a", "b", "c" and 7 more`: at most {@link SHOWN_IDENTITIES} names. */
export function quoteIdentityList(identities: readonly Identity[]): string {
  return cappedList(identities.slice(0, SHOWN_IDENTITIES).map(quoteIdentity), identities.length);
}

/** `a, b and c`, or `a, b, c and 7 more` when `total` exceeds the items shown. */
export function cappedList(shown: readonly string[], total: number): string {
  const more = total - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  return shown.length <= 1 ? shown.join("") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/** Location order for picking one primary location whatever order the inputs came in. */
export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return (
    compareIds(a.stack ?? "", b.stack ?? "") ||
    compareIds(a.address, b.address) ||
    compareIds(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0)
  );
}

/**
 * Where a grouped finding points: the first location of the identity with the smallest id, then
 * the other locations (SARIF related locations) in a stable order. Each identity's locations are
 * listed once; `dedupe: "across"` also drops a location already listed for another identity
 * (a policy several identities hold), `"per-identity"` keeps one per identity as pair findings did,
 * so the fingerprint of two identities sharing one thing is what it was when rules reported pairs.
 */
export function groupLocations<E extends { readonly identity: { readonly id: string } }>(
  entries: readonly E[],
  locationOf: (entry: E) => SourceLocation,
  dedupe: "across" | "per-identity",
): { location: SourceLocation; related: SourceLocation[] } {
  const ordered = [...entries].sort(
    (a, b) => compareIds(a.identity.id, b.identity.id) || compareLocations(locationOf(a), locationOf(b)),
  );
  let all: SourceLocation[];
  if (dedupe === "across") all = dedupeLocations(ordered.map(locationOf));
  else {
    all = [];
    let start = 0;
    for (let i = 1; i <= ordered.length; i++) {
      if (i < ordered.length && ordered[i].identity.id === ordered[start].identity.id) continue;
      appendAll(all, dedupeLocations(ordered.slice(start, i).map(locationOf)));
      start = i;
    }
  }
  const [location, ...related] = all;
  return { location, related };
}
