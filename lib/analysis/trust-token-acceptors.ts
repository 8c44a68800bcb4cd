import type { IdentityGraph, VaultRole } from "../model/graph";
import { isUnknown } from "../model/unknown";
import type { SourceLocation } from "../model/location";
import { globLiteralPrefix } from "../pattern/glob";
import { conditionValueTokens, type StringMatchOperator } from "../pattern/condition-values";
import {
  literalPrefixOfTokens,
  tokenSequencesOverlap,
  type PatternToken,
} from "../pattern/pattern-automaton";
import { commonMatchOfAll } from "../pattern/pattern-difference";
import { webIdentityTrusts } from "./trust-aws-analysis";
import type { MatchKind } from "./trust-conditions";
import { claimNamesOf, issuerKindOf, normalizeIssuer } from "../model/issuer";
import { vaultRoleOccurrences } from "./trust-principals";
import { backendOf, isWorkloadJwtRole, unknownVaultTrustFields, vaultIssuerOf } from "./trust-vault-analysis";

/** One value a claim may take: a literal or a pattern, as an automaton (see lib/pattern). */
export interface ClaimValue {
  /** As written (for messages and keys). */
  readonly text: string;
  readonly tokens: readonly PatternToken[];
  /** True when it denotes exactly one string (case-sensitive literal). */
  readonly exact: boolean;
  /** Lower-cased characters every matching value starts with (for bucketing). */
  readonly prefix: string;
}

/** Constraints on one claim: every set must be satisfied, each by any one of its values. */
export type ClaimConstraint = readonly (readonly ClaimValue[])[];

/** One principal (AWS role trust statement or Vault role) that exchanges a token for credentials. */
export interface TokenAcceptor {
  readonly identityId: string;
  readonly identityName: string;
  readonly location: SourceLocation;
  readonly kind: "aws-role" | "vault-role";
  /** Normalized issuer, or `vault-mount:STACK:PATH` for a Vault backend that pins no issuer. */
  readonly issuer: string;
  readonly audienceClaim: string;
  readonly subjectClaim: string;
  /**
   * Constraints by claim name (lower case). A claim without constraint takes any value. The
   * audience is never compared (see `acceptorsOverlap`), and claims a pinned subject implies are
   * added (see `impliedGitHubClaims`), which leaves the set of admitted tokens unchanged.
   */
  readonly claims: ReadonlyMap<string, ClaimConstraint>;
}

/** The condition-value operator (lib/pattern/condition-values) each match kind is. */
const OPERATOR_OF: Readonly<Record<MatchKind | "vault-glob", StringMatchOperator>> = {
  literal: "StringEquals",
  "literal-ignore-case": "StringEqualsIgnoreCase",
  glob: "StringLike",
  "vault-glob": "VaultClaimGlob",
};

/**
 * A claim value with its automaton from the one claim matcher (`conditionValueTokens`). What this
 * module adds is the constraint of several conditions on one claim (every set met, each by any of
 * its values), which condition-values' one-condition-per-side comparisons do not express; `exact`
 * and `prefix` serve that reduction and the bucketing of tokens.
 */
export function claimValue(
  text: string,
  match: MatchKind | "vault-glob",
  cache?: ClaimValueCache,
): ClaimValue {
  if (cache === undefined) return newClaimValue(text, match);
  let byText = cache.get(match);
  if (byText === undefined) cache.set(match, (byText = new Map()));
  let value = byText.get(text);
  if (value === undefined) byText.set(text, (value = newClaimValue(text, match)));
  return value;
}

/**
 * Claim values are immutable: one per (match kind, text) serves every principal of an app that
 * writes it (5,000 roles pin their subject twice, through AWS and Vault, and imply `repository`).
 */
export type ClaimValueCache = Map<MatchKind | "vault-glob", Map<string, ClaimValue>>;

function newClaimValue(text: string, match: MatchKind | "vault-glob"): ClaimValue {
  const operator = OPERATOR_OF[match];
  switch (match) {
    case "literal":
      return new LazyClaimValue(text, operator, true, text.toLowerCase());
    case "literal-ignore-case":
      return new LazyClaimValue(text, operator, false, text.toLowerCase());
    case "glob":
      return new LazyClaimValue(text, operator, !/[*?]/.test(text), globLiteralPrefix(text, true));
    case "vault-glob": {
      // Vault's glob (bound_claims_type = "glob") knows only `*`; `?` is an ordinary character.
      const star = text.indexOf("*");
      return new LazyClaimValue(
        text,
        operator,
        star < 0,
        (star < 0 ? text : text.slice(0, star)).toLowerCase(),
      );
    }
  }
}

/**
 * A claim value whose automaton is built when first asked for: most values of an app (one exact
 * subject per role) are keyed and bucketed by their text and never compared token by token. An
 * exact value's tokens are its characters, case-sensitive, whatever its match kind.
 */
class LazyClaimValue implements ClaimValue {
  private built: readonly PatternToken[] | undefined;

  constructor(
    readonly text: string,
    private readonly operator: StringMatchOperator,
    readonly exact: boolean,
    readonly prefix: string,
  ) {}

  get tokens(): readonly PatternToken[] {
    return (this.built ??= conditionValueTokens(this.operator, this.text));
  }

  private sole: ClaimConstraint | undefined;

  /** This value alone, as a claim's constraint (see constraintOf). */
  alone(): ClaimConstraint {
    return (this.sole ??= [[this]]);
  }
}

/**
 * A claim's constraint of one set of values. One value's constraint is made once per value and
 * shared by the principals pinning it (a subject through AWS and Vault, the repository owner every
 * subject implies), instead of two lists each kept while WI303 compares them. Constraints and
 * their lists are never modified.
 */
function constraintOf(values: readonly ClaimValue[]): ClaimConstraint {
  return values.length === 1 && values[0] instanceof LazyClaimValue ? values[0].alone() : [values];
}

/** One value as a list of values: its shared constraint's list (see constraintOf). */
function aloneList(value: ClaimValue): readonly ClaimValue[] {
  return value instanceof LazyClaimValue ? value.alone()[0] : [value];
}

function someOverlap(a: readonly ClaimValue[], b: readonly ClaimValue[]): boolean {
  return a.some((x) => b.some((y) => tokenSequencesOverlap(x.tokens, y.tokens)));
}

/**
 * Simplifies a claim's constraint: when one set lists exact values, only those meeting every other
 * set remain and the constraint becomes that one set. Returns undefined when no value can satisfy
 * it (the principal accepts no token at all).
 */
export function reduceConstraint(sets: ClaimConstraint): ClaimConstraint | undefined {
  if (sets.length === 1) {
    // One set (the common case): satisfiable when it lists any value; exact values stay as they are.
    return sets[0].length > 0 ? sets : undefined;
  }
  if (sets.some((set) => set.length === 0)) return undefined;
  const exactIndex = sets.findIndex((set) => set.every((value) => value.exact));
  if (exactIndex < 0) return constraintSatisfiable(sets) ? sets : undefined;
  const kept = sets[exactIndex].filter((value) =>
    sets.every((set, i) => i === exactIndex || someOverlap([value], set)),
  );
  return kept.length > 0 ? [kept] : undefined;
}

/** Choices of one value per set beyond which the search stops and answers "satisfiable". */
const CHOICE_LIMIT = 4096;

/**
 * True when one claim value satisfies every set (each by any of its values): some choice of one
 * value per set has a common match (exact: lib/pattern/pattern-difference). A search too large to
 * finish answers true, the side that reports.
 */
function constraintSatisfiable(sets: readonly (readonly ClaimValue[])[]): boolean {
  if (sets.length <= 1) return sets.every((set) => set.length > 0);
  if (sets.length === 2) return someOverlap(sets[0], sets[1]);
  let choices = 1;
  for (const set of sets) choices *= set.length;
  if (choices > CHOICE_LIMIT) return true;
  const chosen: (readonly PatternToken[])[] = [];
  const search = (index: number): boolean => {
    if (index === sets.length) {
      const result = commonMatchOfAll(chosen, []);
      return result === "too-large" || "witness" in result;
    }
    for (const value of sets[index]) {
      // Prune early: the values chosen so far must already meet pairwise.
      if (chosen.some((tokens) => !tokenSequencesOverlap(tokens, value.tokens))) continue;
      chosen.push(value.tokens);
      const found = search(index + 1);
      chosen.pop();
      if (found) return true;
    }
    return false;
  };
  return search(0);
}

/** True when some value satisfies both constraints (exact; an absent constraint admits any value). */
export function constraintsOverlap(a: ClaimConstraint | undefined, b: ClaimConstraint | undefined): boolean {
  if (a === undefined || a.length === 0) return constraintSatisfiable(b ?? []);
  if (b === undefined || b.length === 0) return constraintSatisfiable(a);
  if (a.length === 1 && b.length === 1) return someOverlap(a[0], b[0]);
  return constraintSatisfiable([...a, ...b]);
}

/**
 * True when one token could satisfy both acceptors (same issuer assumed): every claim both
 * constrain admits a common value. Claims are independent fields of the token, so this is exact
 * for the claims written (and for the claims a subject implies, which are added to both).
 *
 * The audience is skipped: the workload chooses it when it requests the token (GitHub
 * `core.getIDToken(audience)`, GitLab `id_tokens: aud`, Kubernetes projected token `audience`,
 * SPIFFE JWT-SVID audiences), so two identities with different audiences still accept tokens the
 * same workload can obtain (https://docs.github.com/en/actions/reference/security/oidc,
 * https://docs.gitlab.com/ci/secrets/id_token_authentication/,
 * https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken,
 * https://spiffe.io/docs/latest/spiffe-specs/jwt-svid/).
 */
export function acceptorsOverlap(a: TokenAcceptor, b: TokenAcceptor): boolean {
  let overlap = true;
  // forEach, not for...of: this runs unoptimized, where each iterator step allocates (and the
  // claims of one claim are no Map: see OneClaim).
  a.claims.forEach((constraint, claim) => {
    if (!overlap || claim === a.audienceClaim || claim === b.audienceClaim) return;
    if (!constraintsOverlap(constraint, b.claims.get(claim))) overlap = false;
  });
  if (!overlap) return false;
  b.claims.forEach((constraint, claim) => {
    if (!overlap || claim === a.audienceClaim || claim === b.audienceClaim || a.claims.has(claim)) return;
    if (!constraintSatisfiable(constraint)) overlap = false;
  });
  return overlap;
}

/**
 * The claim constraints a principal's pins make (see TokenAcceptor.claims), or undefined when no
 * token satisfies them. Computed once per principal and shared by the acceptors of every identity
 * holding it.
 */
function claimsOf(
  pins: ReadonlyArray<{ claim: string; values: readonly ClaimValue[] }>,
  issuer: string,
  audienceClaim: string,
  subjectClaim: string,
  cache: ClaimValueCache,
): ReadonlyMap<string, ClaimConstraint> | undefined {
  const github = issuerKindOf(issuer) === "github-actions";
  const repeats = repeatsAClaim(pins);
  if (!repeats) {
    // One pin per claim (the common case): its constraint is its one set of values.
    let constrained: { claim: string; values: readonly ClaimValue[] } | undefined;
    let count = 0;
    for (let i = 0; i < pins.length; i++) {
      const pin = pins[i];
      // A constraint no value satisfies (the audience included) admits no token at all.
      if (pin.values.length === 0) return undefined;
      if (pin.claim !== audienceClaim) {
        constrained = pin;
        count++;
      }
    }
    if (constrained !== undefined && count === 1) {
      // One claim (most principals: a subject): no Map unless it implies others (see OneClaim).
      const constraint = constraintOf(constrained.values);
      const implied =
        github && constrained.claim === subjectClaim ? impliedGitHubClaims(constraint, cache) : undefined;
      if (implied === undefined || implied.size === 0) return new OneClaim(constrained.claim, constraint);
      return withImplied(new Map([[constrained.claim, constraint]]), implied);
    }
  }
  const claims = new Map<string, ClaimConstraint>();
  if (!repeats) {
    for (let i = 0; i < pins.length; i++) {
      const pin = pins[i];
      if (pin.claim !== audienceClaim) claims.set(pin.claim, constraintOf(pin.values));
    }
  } else {
    const sets = new Map<string, (readonly ClaimValue[])[]>();
    for (const pin of pins) {
      const list = sets.get(pin.claim);
      if (list) list.push(pin.values);
      else sets.set(pin.claim, [pin.values]);
    }
    for (const [claim, constraint] of sets) {
      const reduced = reduceConstraint(constraint);
      if (!reduced) return undefined;
      if (claim !== audienceClaim) claims.set(claim, reduced);
    }
  }
  return github ? withImplied(claims, impliedGitHubClaims(claims.get(subjectClaim), cache)) : claims;
}

/** The claims with those a GitHub subject implies added, or undefined when no token satisfies them. */
function withImplied(
  claims: Map<string, ClaimConstraint>,
  implied: ReadonlyMap<string, readonly ClaimValue[]>,
): Map<string, ClaimConstraint> | undefined {
  let satisfiable = true;
  // forEach, not for...of: this runs unoptimized, where each iterator step allocates.
  implied.forEach((values, claim) => {
    if (!satisfiable) return;
    const known = claims.get(claim);
    const reduced = reduceConstraint(known ? known.concat([values]) : constraintOf(values));
    if (reduced) claims.set(claim, reduced);
    else satisfiable = false;
  });
  return satisfiable ? claims : undefined;
}

/**
 * The claims of a principal that constrains one claim (most do: its subject). They are kept while
 * WI303 compares them, where a Map's table would take about five times the room of two fields.
 */
class OneClaim implements ReadonlyMap<string, ClaimConstraint> {
  constructor(
    private readonly claim: string,
    private readonly constraint: ClaimConstraint,
  ) {}

  get size(): number {
    return 1;
  }

  get(claim: string): ClaimConstraint | undefined {
    return claim === this.claim ? this.constraint : undefined;
  }

  has(claim: string): boolean {
    return claim === this.claim;
  }

  forEach(
    visit: (constraint: ClaimConstraint, claim: string, claims: ReadonlyMap<string, ClaimConstraint>) => void,
    thisArg?: unknown,
  ): void {
    visit.call(thisArg, this.constraint, this.claim, this);
  }

  // Iteration (which the comparisons do not use) goes through a Map of the one entry.
  entries(): MapIterator<[string, ClaimConstraint]> {
    return this.asMap().entries();
  }

  keys(): MapIterator<string> {
    return this.asMap().keys();
  }

  values(): MapIterator<ClaimConstraint> {
    return this.asMap().values();
  }

  [Symbol.iterator](): MapIterator<[string, ClaimConstraint]> {
    return this.entries();
  }

  private asMap(): Map<string, ClaimConstraint> {
    return new Map([[this.claim, this.constraint]]);
  }
}

function repeatsAClaim(pins: ReadonlyArray<{ claim: string }>): boolean {
  for (let i = 1; i < pins.length; i++)
    for (let j = 0; j < i; j++) if (pins[j].claim === pins[i].claim) return true;
  return false;
}

/** The claims a GitHub subject may fix, in the order they are added. */
const IMPLIED_CLAIMS = [
  "repository",
  "repository_owner",
  "repository_id",
  "repository_owner_id",
  "ref",
  "environment",
] as const;

/** `repo:OWNER[@ID]/REPO[@ID]:` at the start of a GitHub subject (default, ID-based and customized templates). */
const GITHUB_REPO_SUBJECT = /^repo:([^/:@*?]+)(?:@(\d+))?\/([^/:@*?]+)(?:@(\d+))?:/;

/**
 * Claims a GitHub subject fixes. A subject starting `repo:OWNER/REPO:` names the token's
 * `repository` (and `repository_owner`); the ID-based form `repo:OWNER@ID/REPO@ID:` also names
 * `repository_owner_id` and `repository_id`. Customized subject templates render `key:value`
 * pairs, and only the `repo` key renders as `repo:...`, so the same holds for them
 * (https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository).
 * A claim is implied only when every admitted subject value fixes it (case-sensitive literal
 * prefix), so adding it never changes which tokens are admitted; it lets a role bound by
 * `sub` be compared with one bound by `repository` (AWS per-claim keys, Vault bound_claims).
 */
export function impliedGitHubClaims(
  subject: ClaimConstraint | undefined,
  cache?: ClaimValueCache,
): Map<string, readonly ClaimValue[]> {
  const implied = new Map<string, readonly ClaimValue[]>();
  if (!subject || subject.length === 0) return implied;
  // Per claim of IMPLIED_CLAIMS (same order): its distinct values, or null once some subject value
  // does not fix it; undefined before the first value, whose array is then made to its size (a
  // subject fixes each claim to one value, and a growing array would allocate room for 16).
  const found = new Array<string[] | null | undefined>(IMPLIED_CLAIMS.length);
  const add = (index: number, text: string | undefined) => {
    const values = found[index];
    if (values === null) return;
    if (text === undefined || text === "") found[index] = null;
    else if (values === undefined) found[index] = [text];
    else if (!values.includes(text)) values.push(text);
  };
  const values = subject[0];
  for (let v = 0; v < values.length; v++) {
    const value = values[v];
    // An exact value is its own literal prefix, without case folding.
    const match = GITHUB_REPO_SUBJECT.exec(value.exact ? value.text : literalPrefixOfTokens(value.tokens));
    if (
      !match ||
      (!value.exact && value.tokens.some((t) => t.chars.kind === "literal" && t.chars.ignoreCase))
    )
      return implied;
    // Indexed, not destructured: array destructuring steps an iterator (allocating, unoptimized).
    const owner = match[1];
    add(0, `${owner}/${match[3]}`);
    add(1, owner);
    add(2, match[4]);
    add(3, match[2]);
    // The context a subject ends with: `ref:<ref claim>` or `environment:<environment claim>`.
    const tail = value.exact ? /:(ref|environment):([^:]+)$/.exec(value.text) : null;
    add(4, tail?.[1] === "ref" ? tail[2] : undefined);
    add(5, tail?.[1] === "environment" ? tail[2] : undefined);
  }
  for (let index = 0; index < IMPLIED_CLAIMS.length; index++) {
    const values = found[index];
    if (values === null) continue;
    implied.set(
      IMPLIED_CLAIMS[index],
      values === undefined
        ? []
        : values.length === 1
          ? aloneList(claimValue(values[0], "literal", cache))
          : values.map((v) => claimValue(v, "literal", cache)),
    );
  }
  return implied;
}

function vaultAcceptorBase(role: VaultRole, graph: IdentityGraph): { issuer: string } | undefined {
  if (role.authType === "kubernetes") {
    const backend = backendOf(role, graph);
    const path = typeof role.backendPath === "string" ? role.backendPath : undefined;
    if (!backend && path === undefined) return undefined;
    return { issuer: `vault-mount:${role.location.stack ?? ""}:${path ?? ""}` };
  }
  const issuer = vaultIssuerOf(role, graph);
  if (issuer.kind === "unknown") return undefined;
  if (issuer.kind === "issuer") return { issuer: issuer.issuer };
  const keys = verificationKeysOf(role, graph);
  if (keys) return { issuer: keys };
  return typeof role.backendPath === "string"
    ? { issuer: `vault-mount:${role.location.stack ?? ""}:${role.backendPath}` }
    : undefined;
}

/**
 * A JWT mount without `bound_issuer` (and without discovery, which checks `iss`) accepts every
 * token its keys verify, whatever issuer signed it
 * (https://developer.hashicorp.com/vault/api-docs/auth/jwt#configure: `bound_issuer` is optional;
 * `jwks_url` / `jwt_validation_pubkeys` only check signatures). Mounts holding the same keys
 * accept the same tokens, so they share one comparison key; a JWKS URL published at an issuer's
 * `/.well-known/jwks` is that issuer's (GitHub's is https://token.actions.githubusercontent.com/.well-known/jwks).
 */
export function verificationKeysOf(role: VaultRole, graph: IdentityGraph): string | undefined {
  const backend = backendOf(role, graph);
  if (!backend) return undefined;
  const jwks = backend.jwksUrl;
  if (typeof jwks === "string" && jwks.trim() !== "" && !jwks.includes("${")) {
    const wellKnown = /^(.*?)\/\.well-known\/jwks(\.json)?\/?$/i.exec(jwks.trim());
    return wellKnown ? normalizeIssuer(wellKnown[1]) : `jwks:${normalizeIssuer(jwks)}`;
  }
  const keys = backend.jwtValidationPubkeys;
  if (keys && !isUnknown(keys) && keys.length > 0) {
    const normalized = keys.map((key) => key.replace(/\s+/g, "")).sort();
    // eslint-disable-next-line no-restricted-syntax -- a comparison key, never shown
    return `pubkeys:${JSON.stringify(normalized)}`;
  }
  return undefined;
}

/** The service account token's claims Vault's Kubernetes auth binds. */
const K8S_NAMESPACE_CLAIM = "kubernetes.io/namespace";
const K8S_NAME_CLAIM = "kubernetes.io/serviceaccount/name";

function vaultPins(
  role: VaultRole,
  cache: ClaimValueCache,
): Array<{ claim: string; values: readonly ClaimValue[] }> {
  const pins: Array<{ claim: string; values: readonly ClaimValue[] }> = [];
  if (role.authType === "kubernetes") {
    const names = (role.boundServiceAccountNames ?? []) as readonly string[];
    const namespaces = (role.boundServiceAccountNamespaces ?? []) as readonly string[];
    // Vault checks the name and the namespace separately, each against its list of globs
    // (https://developer.hashicorp.com/vault/api-docs/auth/kubernetes#create-role): two claims,
    // never one concatenated pattern (a `*` there would run across the `:` separator).
    pins.push({
      claim: K8S_NAMESPACE_CLAIM,
      values: namespaces.map((ns) => claimValue(ns, "vault-glob", cache)),
    });
    pins.push({ claim: K8S_NAME_CLAIM, values: names.map((name) => claimValue(name, "vault-glob", cache)) });
    return pins;
  }
  const audiences = (role.boundAudiences ?? []) as readonly string[];
  if (audiences.length > 0)
    pins.push({ claim: "aud", values: audiences.map((a) => claimValue(a, "literal", cache)) });
  const subject = role.boundSubject as string | undefined;
  if (subject !== undefined && subject !== "")
    pins.push({ claim: "sub", values: aloneList(claimValue(subject, "literal", cache)) });
  const claims = role.boundClaims as Readonly<Record<string, string>> | undefined;
  if (claims === undefined) return pins;
  const match = role.boundClaimsType === "glob" ? "vault-glob" : "literal";
  const names = Object.keys(claims).sort();
  // Indexed, values in one pass: this runs per role, unoptimized, where each iterator step allocates.
  for (let i = 0; i < names.length; i++) {
    const values: ClaimValue[] = [];
    const written = claims[names[i]].split(",");
    for (let w = 0; w < written.length; w++) {
      const value = written[w].trim();
      if (value !== "") values.push(claimValue(value, match, cache));
    }
    pins.push({ claim: names[i].toLowerCase(), values });
  }
  return pins;
}

/**
 * A principal that constrains no claim but the audience accepts every workload's token. That is
 * an error of its own (WI202 / WI208); pairing it with every other principal of the issuer would
 * only repeat it once per identity. Any other constraint (subject, or any claim alone) is compared.
 */
function constrainsAnyClaim(claims: ReadonlyMap<string, ClaimConstraint>): boolean {
  return claims.size > 0;
}

/**
 * Every principal that accepts a token, per identity holding it: resolved AWS web-identity
 * statements (unknown, malformed, foreign-key-blocked and subject-less ones excluded: other rules report them)
 * and Vault JWT and Kubernetes roles whose trust fields are known.
 */
export function tokenAcceptors(graph: IdentityGraph): TokenAcceptor[] {
  const acceptors: TokenAcceptor[] = [];
  const cache: ClaimValueCache = new Map();
  // Indexed: `for...of` allocates per element before V8 optimizes this.
  const trusts = webIdentityTrusts(graph, "assumable");
  for (let t = 0; t < trusts.length; t++) {
    const trust = trusts[t];
    const issuer = trust.issuer as string;
    const names = claimNamesOf(issuer);
    const pins = trust.claimPins.map((pin) => ({
      claim: pin.claim,
      values:
        pin.values.length === 1
          ? aloneList(claimValue(pin.values[0], pin.match, cache))
          : pin.values.map((v) => claimValue(v, pin.match, cache)),
    }));
    const claims = claimsOf(pins, issuer, names.audience, names.subject, cache);
    if (!claims || !constrainsAnyClaim(claims)) continue;
    const location = trust.occurrence.principal.location;
    const identities = trust.occurrence.identities;
    for (let i = 0; i < identities.length; i++) {
      const identity = identities[i];
      acceptors.push({
        identityId: identity.id,
        identityName: identity.name,
        location,
        kind: "aws-role",
        issuer,
        audienceClaim: names.audience,
        subjectClaim: names.subject,
        claims,
      });
    }
  }
  const vaultRoles = vaultRoleOccurrences(graph);
  for (let r = 0; r < vaultRoles.length; r++) {
    const role = vaultRoles[r].principal;
    const identities = vaultRoles[r].identities;
    if (role.authType === "approle" || unknownVaultTrustFields(role).length > 0) continue;
    if (role.authType === "jwt" && !isWorkloadJwtRole(role)) continue;
    const base = vaultAcceptorBase(role, graph);
    if (!base) continue;
    const claims = claimsOf(vaultPins(role, cache), base.issuer, "aud", "sub", cache);
    if (!claims || !constrainsAnyClaim(claims)) continue;
    for (let i = 0; i < identities.length; i++) {
      const identity = identities[i];
      acceptors.push({
        identityId: identity.id,
        identityName: identity.name,
        location: role.location,
        kind: "vault-role",
        issuer: base.issuer,
        audienceClaim: "aud",
        subjectClaim: "sub",
        claims,
      });
    }
  }
  return acceptors;
}
