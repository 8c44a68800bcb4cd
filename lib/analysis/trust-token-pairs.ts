import { acceptorsOverlap, type ClaimValue, type TokenAcceptor } from "./trust-token-acceptors";

/** Two acceptors of different identities that one token satisfies. */
export interface SharedTokenPair {
  readonly first: TokenAcceptor;
  readonly second: TokenAcceptor;
  /** The overlapping subject: the exact one when either side is exact, else the smaller pattern; `*` when unpinned. */
  readonly subject: string;
}

/** One (acceptor, subject value) entry of the index; an acceptor with several subject values has several. */
interface Entry {
  readonly acceptor: TokenAcceptor;
  readonly subject?: ClaimValue;
  readonly prefix: string;
}

function subjectValues(acceptor: TokenAcceptor): readonly (ClaimValue | undefined)[] {
  const constraint = acceptor.claims.get(acceptor.subjectClaim);
  return constraint && constraint.length > 0 ? constraint[0] : [undefined];
}

/** Literal audiences when the audience is pinned to exact values, else undefined (any or pattern). */
function exactAudiences(acceptor: TokenAcceptor): readonly string[] | undefined {
  const constraint = acceptor.claims.get(acceptor.audienceClaim);
  if (!constraint || constraint.length !== 1 || !constraint[0].every((v) => v.exact)) return undefined;
  return constraint[0].map((v) => v.text);
}

function entriesOf(acceptor: TokenAcceptor): Entry[] {
  return subjectValues(acceptor).map((subject) => ({ acceptor, subject, prefix: subject?.prefix ?? "" }));
}

/** Entries sorted by prefix, so all entries whose prefix extends `p` are one contiguous run. */
class PrefixIndex {
  private readonly sorted: Entry[];
  constructor(entries: readonly Entry[]) {
    this.sorted = [...entries].sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
  }

  /** Entries whose prefix starts with `prefix`. */
  *extending(prefix: string): Generator<Entry> {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.sorted[mid].prefix < prefix) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.sorted.length && this.sorted[i].prefix.startsWith(prefix); i++)
      yield this.sorted[i];
  }
}

function locationKey(acceptor: TokenAcceptor): string {
  return `${acceptor.location.stack ?? ""}\u0000${acceptor.location.address}`;
}

function subjectKey(a: Entry, b: Entry): string {
  if (!a.subject && !b.subject) return "*";
  if (!a.subject) return (b.subject as ClaimValue).text;
  if (!b.subject) return a.subject.text;
  if (a.subject.exact) return a.subject.text;
  if (b.subject.exact) return b.subject.text;
  return a.subject.text < b.subject.text ? a.subject.text : b.subject.text;
}

function compareAcceptors(a: TokenAcceptor, b: TokenAcceptor): number {
  return (
    a.identityId.localeCompare(b.identityId) ||
    (a.location.stack ?? "").localeCompare(b.location.stack ?? "") ||
    a.location.address.localeCompare(b.location.address)
  );
}

/**
 * Every pair of identities whose principals accept one same token, without comparing all pairs:
 * acceptors are grouped by issuer, then by exact audience (acceptors with an unpinned or pattern
 * audience are compared with the whole issuer group), then indexed by the literal prefix of their
 * subject: two subjects can only share a value when one prefix extends the other. Principals of
 * the same identity, and one principal held by two identities (a different rule), are not paired.
 * One result per identity pair and subject, on the pair's first principals in a stable order.
 */
export function sharedTokenPairs(acceptors: readonly TokenAcceptor[]): SharedTokenPair[] {
  const found = new Map<string, SharedTokenPair>();
  const consider = (x: Entry, y: Entry) => {
    if (
      x.acceptor.identityId === y.acceptor.identityId ||
      locationKey(x.acceptor) === locationKey(y.acceptor)
    )
      return;
    const [first, second] = compareAcceptors(x.acceptor, y.acceptor) <= 0 ? [x, y] : [y, x];
    const subject = subjectKey(first, second);
    const key = JSON.stringify([first.acceptor.identityId, second.acceptor.identityId, subject]);
    const existing = found.get(key);
    if (
      existing &&
      (compareAcceptors(first.acceptor, existing.first) ||
        compareAcceptors(second.acceptor, existing.second)) >= 0
    )
      return;
    if (!acceptorsOverlap(first.acceptor, second.acceptor)) return;
    found.set(key, { first: first.acceptor, second: second.acceptor, subject });
  };

  const byIssuer = new Map<string, TokenAcceptor[]>();
  for (const acceptor of acceptors) {
    const group = byIssuer.get(acceptor.issuer) ?? [];
    group.push(acceptor);
    byIssuer.set(acceptor.issuer, group);
  }
  for (const group of byIssuer.values()) {
    const byAudience = new Map<string, Entry[]>();
    const wide: Entry[] = [];
    const all: Entry[] = [];
    for (const acceptor of group) {
      const entries = entriesOf(acceptor);
      all.push(...entries);
      const audiences = exactAudiences(acceptor);
      if (!audiences) wide.push(...entries);
      else {
        for (const audience of new Set(audiences)) {
          const bucket = byAudience.get(audience) ?? [];
          bucket.push(...entries);
          byAudience.set(audience, bucket);
        }
      }
    }
    for (const bucket of byAudience.values()) {
      const index = new PrefixIndex(bucket);
      for (const entry of bucket) for (const other of index.extending(entry.prefix)) consider(entry, other);
    }
    if (wide.length > 0) {
      const wideIndex = new PrefixIndex(wide);
      const allIndex = new PrefixIndex(all);
      for (const entry of all) for (const other of wideIndex.extending(entry.prefix)) consider(entry, other);
      for (const entry of wide) for (const other of allIndex.extending(entry.prefix)) consider(entry, other);
    }
  }
  return [...found.values()].sort(
    (a, b) =>
      compareAcceptors(a.first, b.first) ||
      compareAcceptors(a.second, b.second) ||
      a.subject.localeCompare(b.subject),
  );
}
