import { tokenSequencesOverlap } from "../pattern/pattern-automaton";
import { acceptorsOverlap, type ClaimValue, type TokenAcceptor } from "./trust-token-acceptors";

/** Two acceptors of different identities that one token satisfies. */
export interface SharedTokenPair {
  readonly first: TokenAcceptor;
  readonly second: TokenAcceptor;
  /**
   * What the shared token carries, for messages and fingerprints: the overlapping subject (the
   * exact one when either side is exact, else the smaller pattern), or `claim=value` of the claim
   * the pair was found on when a side constrains no subject.
   */
  readonly subject: string;
}

/**
 * Claims preferred as the index key, most selective first: a GitHub subject implies `repository`
 * (trust-token-acceptors impliedGitHubClaims), so roles bound by `sub` and by `repository` meet
 * in one index.
 */
const INDEX_CLAIM_ORDER = [
  "repository",
  "sub",
  "repository_id",
  "project_path",
  "project_id",
  "kubernetes.io/serviceaccount/name",
];

/** The claim an acceptor is indexed under; undefined when it constrains none (then it meets every acceptor). */
function indexClaimOf(acceptor: TokenAcceptor): string | undefined {
  const claims = [...acceptor.claims.keys()].filter((claim) => claim !== acceptor.audienceClaim);
  const preferred = INDEX_CLAIM_ORDER.find((claim) => claims.includes(claim));
  return preferred ?? claims.sort()[0];
}

/** One (acceptor, value of its index claim) entry; an acceptor with several values has several. */
interface Entry {
  readonly acceptor: TokenAcceptor;
  readonly value: ClaimValue;
  readonly prefix: string;
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

/** A value of `claim` both sides admit as written: the exact one of an overlapping pair, else the smaller text. */
function sharedValue(a: TokenAcceptor, b: TokenAcceptor, claim: string): string | undefined {
  const valuesA = a.claims.get(claim)?.[0] ?? [];
  const valuesB = b.claims.get(claim)?.[0] ?? [];
  if (valuesA.length === 0 || valuesB.length === 0) return [...valuesA, ...valuesB][0]?.text;
  for (const x of valuesA) {
    for (const y of valuesB) {
      if (!tokenSequencesOverlap(x.tokens, y.tokens)) continue;
      if (x.exact) return x.text;
      if (y.exact) return y.text;
      return x.text < y.text ? x.text : y.text;
    }
  }
  return valuesA[0].text;
}

function describeShared(a: TokenAcceptor, b: TokenAcceptor, claim: string): string {
  if (a.claims.has(a.subjectClaim) && b.claims.has(b.subjectClaim))
    return sharedValue(a, b, a.subjectClaim) as string;
  const subject = sharedValue(a, b, a.subjectClaim);
  if (subject !== undefined && claim === a.subjectClaim) return subject;
  return `${claim}=${sharedValue(a, b, claim) ?? "*"}`;
}

function compareAcceptors(a: TokenAcceptor, b: TokenAcceptor): number {
  return (
    a.identityId.localeCompare(b.identityId) ||
    (a.location.stack ?? "").localeCompare(b.location.stack ?? "") ||
    a.location.address.localeCompare(b.location.address)
  );
}

/**
 * Every pair of identities whose principals accept one same token, without comparing all pairs.
 * Acceptors are grouped by issuer (the audience never separates them: acceptorsOverlap). Each
 * acceptor is indexed under one claim it constrains (INDEX_CLAIM_ORDER, else the first by name),
 * by the literal prefix of each of its values. Two acceptors X, Y with index claims cx, cy meet:
 * if cx = cy, through the prefix index (one prefix must extend the other); if Y does not constrain
 * cx, as one of the acceptors free on cx that X is compared with; and if Y constrains cx but chose
 * cy first, X cannot constrain cy (it would have chosen it), so X is free on cy and Y finds X.
 * Every overlapping pair is therefore visited, and confirmed with the exact `acceptorsOverlap`.
 * Principals of the same identity, and one principal held by two identities (WI304), are not
 * paired. One result per identity pair and shared value, on the pair's first principals in a
 * stable order.
 */
export function sharedTokenPairs(acceptors: readonly TokenAcceptor[]): SharedTokenPair[] {
  const found = new Map<string, SharedTokenPair>();
  const consider = (x: TokenAcceptor, y: TokenAcceptor, claim: string) => {
    if (x.identityId === y.identityId || locationKey(x) === locationKey(y)) return;
    const [first, second] = compareAcceptors(x, y) <= 0 ? [x, y] : [y, x];
    if (!acceptorsOverlap(first, second)) return;
    const subject = describeShared(first, second, claim);
    const key = JSON.stringify([first.identityId, second.identityId, subject]);
    const existing = found.get(key);
    if (
      existing &&
      (compareAcceptors(first, existing.first) || compareAcceptors(second, existing.second)) >= 0
    )
      return;
    found.set(key, { first, second, subject });
  };

  const byIssuer = new Map<string, TokenAcceptor[]>();
  for (const acceptor of acceptors) {
    const group = byIssuer.get(acceptor.issuer) ?? [];
    group.push(acceptor);
    byIssuer.set(acceptor.issuer, group);
  }
  for (const group of byIssuer.values()) {
    const indexed = new Map<string, Entry[]>();
    for (const acceptor of group) {
      const claim = indexClaimOf(acceptor);
      if (claim === undefined) {
        for (const other of group) consider(acceptor, other, acceptor.subjectClaim);
        continue;
      }
      const entries = indexed.get(claim) ?? [];
      for (const value of acceptor.claims.get(claim)?.[0] ?? [])
        entries.push({ acceptor, value, prefix: value.prefix });
      indexed.set(claim, entries);
    }
    for (const [claim, entries] of indexed) {
      const index = new PrefixIndex(entries);
      const free = group.filter((acceptor) => !acceptor.claims.has(claim));
      for (const entry of entries) {
        for (const other of index.extending(entry.prefix)) consider(entry.acceptor, other.acceptor, claim);
        for (const other of free) consider(entry.acceptor, other, claim);
      }
    }
  }
  return [...found.values()].sort(
    (a, b) =>
      compareAcceptors(a.first, b.first) ||
      compareAcceptors(a.second, b.second) ||
      a.subject.localeCompare(b.subject),
  );
}
