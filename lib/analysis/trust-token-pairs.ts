import { tokenSequenceKey, tokenSequencesOverlap } from "../pattern/pattern-automaton";
import {
  acceptorsOverlap,
  type ClaimConstraint,
  type ClaimValue,
  type TokenAcceptor,
} from "./trust-token-acceptors";

/**
 * Acceptors of different identities that one token satisfies: one side (identical bindings, each
 * shares with every other) or two sides (overlapping bindings, each shares with the other side).
 */
export interface SharedToken {
  readonly sides: readonly (readonly TokenAcceptor[])[];
  /**
   * What the shared token carries, for messages and fingerprints: the overlapping subject (the
   * exact one when either side is exact, else the smaller pattern), or `claim=value` of the claim
   * the sides meet on when a side constrains no subject.
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
  // Indexed loop and forEach: this runs unoptimized, where each iterator step allocates.
  for (let i = 0; i < INDEX_CLAIM_ORDER.length; i++) {
    const claim = INDEX_CLAIM_ORDER[i];
    if (claim !== acceptor.audienceClaim && acceptor.claims.has(claim)) return claim;
  }
  let first: string | undefined;
  acceptor.claims.forEach((_constraint, claim) => {
    if (claim !== acceptor.audienceClaim && (first === undefined || claim < first)) first = claim;
  });
  return first;
}

/** One (class, value of its index claim) entry; a class whose representative has several values has several. */
interface Entry {
  readonly acceptorClass: AcceptorClass;
  readonly value: ClaimValue;
  /** The value's literal prefix. */
  readonly prefix: string;
}

/**
 * Entries by prefix: a map for lookups of one prefix, and, made on the first lookup of extensions
 * (a pattern value), the entries sorted by prefix, so all entries whose prefix extends `p` are one
 * contiguous run. Both list entries of one prefix in the order they were given.
 */
class PrefixIndex {
  private sorted: Entry[] | undefined;
  private readonly byPrefix = new Map<string, Entry[]>();

  constructor(private readonly entries: readonly Entry[]) {
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      const list = this.byPrefix.get(entry.prefix);
      if (list) list.push(entry);
      else this.byPrefix.set(entry.prefix, [entry]);
    }
  }

  /**
   * Calls `visit` with the entries whose prefix starts with `prefix` (only those whose prefix is
   * `prefix` when `equalOnly`).
   */
  extending(prefix: string, equalOnly: boolean, visit: (entry: Entry) => void): void {
    if (equalOnly) {
      const equal = this.byPrefix.get(prefix);
      if (equal !== undefined) for (let i = 0; i < equal.length; i++) visit(equal[i]);
      return;
    }
    const sorted = (this.sorted ??= [...this.entries].sort((a, b) =>
      a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0,
    ));
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid].prefix < prefix) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < sorted.length && sorted[i].prefix.startsWith(prefix); i++) visit(sorted[i]);
  }
}

const NO_VALUES: readonly ClaimValue[] = [];

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

/**
 * Sorts the first `count` texts in place, as `sort()` orders them: a binding names a handful of
 * claims, and `Array.prototype.sort` copies its array first.
 */
function sortTexts(texts: string[], count: number): void {
  for (let i = 1; i < count; i++) {
    const text = texts[i];
    let j = i - 1;
    for (; j >= 0 && texts[j] > text; j--) texts[j + 1] = texts[j];
    texts[j + 1] = text;
  }
}

/** A text that no other text's entry can run into: its length, then itself. */
function delimited(text: string): string {
  return `${text.length}:${text}`;
}

/**
 * Bindings that admit the same tokens compare alike: one class, compared once. The key names the
 * issuer, the subject claim and every claim's sets of values but the audience; a value is named
 * by a number per distinct (text, exactness, automaton), and the claims of one principal, shared
 * by its acceptors (trust-token-acceptors), are keyed once.
 */
class BindingKeys {
  private readonly valueIds = new Map<ClaimValue, number>();
  private readonly idsByShape = new Map<string, number>();
  private readonly idsByExactText = new Map<string, number>();
  private nextValueId = 0;
  private readonly textIds = new Map<string, number>();
  /**
   * The last key made and what it was made of: the acceptors of one principal share one claims
   * map and come one after another (tokenAcceptors), so their key is one string, built and hashed
   * once. Any other order only builds the same key again.
   */
  private lastClaimsMap: ReadonlyMap<string, ClaimConstraint> | undefined;
  private lastIssuer = "";
  private lastSubjectClaim = "";
  private lastAudienceClaim = "";
  private lastClaims = "";
  private lastKey = "";

  of(acceptor: TokenAcceptor): string {
    const { issuer, subjectClaim, audienceClaim } = acceptor;
    const sameClaims = acceptor.claims === this.lastClaimsMap && audienceClaim === this.lastAudienceClaim;
    if (sameClaims && issuer === this.lastIssuer && subjectClaim === this.lastSubjectClaim)
      return this.lastKey;
    const claims = sameClaims ? this.lastClaims : this.claimsKey(acceptor);
    // Issuer and subject claim by number: short keys hash faster than the texts they stand for.
    const key = `${this.textId(issuer)},${this.textId(subjectClaim)},${claims}`;
    this.lastClaimsMap = acceptor.claims;
    this.lastIssuer = issuer;
    this.lastSubjectClaim = subjectClaim;
    this.lastAudienceClaim = audienceClaim;
    this.lastClaims = claims;
    this.lastKey = key;
    return key;
  }

  /** Claim names as they open a key, each made once (a few names serve every acceptor). */
  private readonly claimTexts = new Map<string, string>();

  private claimText(claim: string): string {
    let text = this.claimTexts.get(claim);
    if (text === undefined) this.claimTexts.set(claim, (text = delimited(claim)));
    return text;
  }

  private textId(text: string): number {
    let id = this.textIds.get(text);
    if (id === undefined) this.textIds.set(text, (id = this.textIds.size));
    return id;
  }

  /**
   * Claim names of the acceptor being keyed, the first `count` of them: one array for every key
   * (emptying it would give its storage back, and the next key allocate it again).
   */
  private readonly names: string[] = [];

  private claimsKey(acceptor: TokenAcceptor): string {
    const names = this.names;
    let count = 0;
    // forEach, not for...of: this runs unoptimized, where each iterator step allocates.
    acceptor.claims.forEach((_sets, claim) => {
      if (claim !== acceptor.audienceClaim) names[count++] = claim;
    });
    sortTexts(names, count);
    let key = "";
    for (let n = 0; n < count; n++) {
      const claim = names[n];
      key += this.claimText(claim);
      const sets = acceptor.claims.get(claim) as ClaimConstraint;
      for (let i = 0; i < sets.length; i++) {
        const set = sets[i];
        key += "[";
        for (let j = 0; j < set.length; j++) key += `${this.valueId(set[j])},`;
        key += "]";
      }
      key += ";";
    }
    return key;
  }

  private valueId(value: ClaimValue): number {
    // An exact value's automaton is its text, character by character (trust-token-acceptors):
    // exact values are numbered by their text as it is (no key string made, nothing kept per value).
    if (value.exact) {
      let id = this.idsByExactText.get(value.text);
      if (id === undefined) this.idsByExactText.set(value.text, (id = this.nextValueId++));
      return id;
    }
    // A pattern's shape key is made once per value object.
    let id = this.valueIds.get(value);
    if (id === undefined) {
      const shape = `${delimited(value.text)}${tokenSequenceKey(value.tokens)}`;
      id = this.idsByShape.get(shape);
      if (id === undefined) this.idsByShape.set(shape, (id = this.nextValueId++));
      this.valueIds.set(value, id);
    }
    return id;
  }
}

/**
 * Acceptors with one binding. Most classes have one acceptor: the others are listed only when
 * there are some (the classes are kept while the pairs are found). A class with every field set in
 * the constructor: its objects share one small hidden class.
 */
class AcceptorClass {
  /** The acceptors after the representative, in the order given. */
  private others: TokenAcceptor[] | undefined = undefined;
  /** True when its acceptors belong to more than one identity (a flag, not a set per class). */
  ofSeveralIdentities = false;

  constructor(
    readonly representative: TokenAcceptor,
    /** Its index in first-seen order. */
    readonly position: number,
  ) {}

  add(acceptor: TokenAcceptor): void {
    if (this.others) this.others.push(acceptor);
    else this.others = [acceptor];
    if (acceptor.identityId !== this.representative.identityId) this.ofSeveralIdentities = true;
  }

  /** Its acceptors, the representative first (a new list). */
  acceptors(): TokenAcceptor[] {
    return this.others ? [this.representative, ...this.others] : [this.representative];
  }
}

/**
 * The acceptors of `side` that share with some acceptor of `other` of another identity on another
 * principal (one principal held by two identities is WI304's finding), counted, not paired.
 */
function sharing(side: readonly TokenAcceptor[], other: readonly TokenAcceptor[]): TokenAcceptor[] {
  const byIdentity = new Map<string, number>();
  const byLocation = new Map<string, number>();
  const byBoth = new Map<string, number>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const bothKey = (a: TokenAcceptor) => `${a.identityId}\u0001${locationKey(a)}`;
  for (const acceptor of other) {
    count(byIdentity, acceptor.identityId);
    count(byLocation, locationKey(acceptor));
    count(byBoth, bothKey(acceptor));
  }
  return side.filter(
    (acceptor) =>
      other.length -
        (byIdentity.get(acceptor.identityId) ?? 0) -
        (byLocation.get(locationKey(acceptor)) ?? 0) +
        (byBoth.get(bothKey(acceptor)) ?? 0) >
      0,
  );
}

function compareAcceptors(a: TokenAcceptor, b: TokenAcceptor): number {
  return (
    compareText(a.identityId, b.identityId) ||
    compareText(a.location.stack ?? "", b.location.stack ?? "") ||
    compareText(a.location.address, b.location.address) ||
    compareText(a.location.file, b.location.file)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every group of identities whose principals accept one same token, without comparing all pairs.
 * Acceptors with the same binding are one class (N roles trusting one subject are compared once).
 * Classes are grouped by issuer (the audience never separates them: acceptorsOverlap). Each
 * class is indexed under one claim it constrains (INDEX_CLAIM_ORDER, else the first by name),
 * by the literal prefix of each of its values. Two classes X, Y with index claims cx, cy meet:
 * if cx = cy, through the prefix index (one prefix must extend the other); if Y does not constrain
 * cx, as one of the classes free on cx that X is compared with; and if Y constrains cx but chose
 * cy first, X cannot constrain cy (it would have chosen it), so X is free on cy and Y finds X.
 * Every overlapping pair is therefore visited, and confirmed with the exact `acceptorsOverlap`.
 * Principals of the same identity, and one principal held by two identities (WI304), are not
 * counted as sharing. The result is sorted, whatever the order of the acceptors.
 */
export function sharedTokens(acceptors: readonly TokenAcceptor[]): SharedToken[] {
  const classByKey = new Map<string, AcceptorClass>();
  const keys = new BindingKeys();
  // Made at the largest size and cut to the count: a list grown by pushes leaves a trail of
  // copies, each large enough to outlive a scavenge.
  const classes = new Array<AcceptorClass>(acceptors.length);
  let classCount = 0;
  // Indexed loops over the per-acceptor arrays: `for...of` allocates per element before V8
  // optimizes this.
  for (let i = 0; i < acceptors.length; i++) {
    const acceptor = acceptors[i];
    const key = keys.of(acceptor);
    const known = classByKey.get(key);
    if (known) known.add(acceptor);
    else {
      const created = new AcceptorClass(acceptor, classCount);
      classByKey.set(key, created);
      classes[classCount++] = created;
    }
  }
  classes.length = classCount;
  const shares: SharedToken[] = [];
  const addShare = (sides: TokenAcceptor[][], subject: string) => {
    const sharingSides =
      sides.length === 1
        ? [sharing(sides[0], sides[0])]
        : [sharing(sides[0], sides[1]), sharing(sides[1], sides[0])];
    if (sharingSides.every((side) => side.length > 0))
      shares.push({ sides: sharingSides.map((side) => side.sort(compareAcceptors)), subject });
  };

  for (let i = 0; i < classes.length; i++) {
    const entryClass = classes[i];
    const { representative: rep } = entryClass;
    if (entryClass.ofSeveralIdentities && acceptorsOverlap(rep, rep))
      addShare([entryClass.acceptors()], describeShared(rep, rep, indexClaimOf(rep) ?? rep.subjectClaim));
  }

  // Pairs of classes, each with the smallest description of what they share (found from either side).
  const found = new Map<number, { pair: [AcceptorClass, AcceptorClass]; subject: string }>();
  const consider = (cx: AcceptorClass, cy: AcceptorClass, claim: string) => {
    if (cx === cy) return;
    const x = cx.representative;
    const y = cy.representative;
    if (!cx.ofSeveralIdentities && !cy.ofSeveralIdentities && x.identityId === y.identityId) return;
    const first = cx.position < cy.position ? cx : cy;
    const second = first === cx ? cy : cx;
    const key = first.position * classes.length + second.position;
    const existing = found.get(key);
    if (existing === undefined && !acceptorsOverlap(x, y)) return;
    const subject = describeShared(first.representative, second.representative, claim);
    if (existing === undefined || subject < existing.subject)
      found.set(key, { pair: [first, second], subject });
  };

  const byIssuer = new Map<string, AcceptorClass[]>();
  for (let i = 0; i < classes.length; i++) {
    const { issuer } = classes[i].representative;
    const group = byIssuer.get(issuer) ?? [];
    group.push(classes[i]);
    byIssuer.set(issuer, group);
  }
  for (const group of byIssuer.values()) {
    const indexed = new Map<string, Entry[]>();
    for (let i = 0; i < group.length; i++) {
      const acceptorClass = group[i];
      const acceptor = acceptorClass.representative;
      const claim = indexClaimOf(acceptor);
      if (claim === undefined) {
        for (const other of group) consider(acceptorClass, other, acceptor.subjectClaim);
        continue;
      }
      let entries = indexed.get(claim);
      if (entries === undefined) indexed.set(claim, (entries = []));
      const values = acceptor.claims.get(claim)?.[0] ?? NO_VALUES;
      for (let v = 0; v < values.length; v++) {
        const value = values[v];
        entries.push({ acceptorClass, value, prefix: value.prefix });
      }
    }
    for (const [claim, entries] of indexed) {
      const index = new PrefixIndex(entries);
      const free = group.filter((other) => !other.representative.claims.has(claim));
      // One visitor per claim, not one closure per entry: it compares with the entry looked up.
      let lookedUp: AcceptorClass | undefined;
      const visitOther = (other: Entry) => consider(lookedUp!, other.acceptorClass, claim);
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        lookedUp = entry.acceptorClass;
        // An exact value meets no stored value with a longer prefix; such pairs that meet through
        // another value are visited there, under the same claim.
        index.extending(entry.prefix, entry.value.exact, visitOther);
        for (let j = 0; j < free.length; j++) consider(entry.acceptorClass, free[j], claim);
      }
    }
  }
  for (const { pair, subject } of found.values())
    addShare([pair[0].acceptors(), pair[1].acceptors()], subject);
  const firstOf = new Map(
    shares.map((share) => [share, share.sides.map((side) => side[0]).sort(compareAcceptors)[0]]),
  );
  return shares.sort(
    (a, b) =>
      compareAcceptors(firstOf.get(a)!, firstOf.get(b)!) ||
      compareText(a.subject, b.subject) ||
      a.sides.length - b.sides.length,
  );
}
