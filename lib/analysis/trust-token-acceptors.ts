import type { IdentityGraph, VaultRole } from "../model/graph";
import type { SourceLocation } from "../model/location";
import { globLiteralPrefix, globTokens } from "../pattern/glob";
import {
  ANY_CHAR,
  charactersOf,
  literalChar,
  literalTokens,
  oneOf,
  runOf,
  tokenSequencesOverlap,
  type PatternToken,
} from "../pattern/pattern-automaton";
import { webIdentityTrusts } from "./trust-aws-analysis";
import type { MatchKind } from "./trust-conditions";
import { claimNamesOf } from "./trust-issuer";
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
  /** Constraints by claim name (lower case). A claim without constraint takes any value. */
  readonly claims: ReadonlyMap<string, ClaimConstraint>;
}

export function claimValue(text: string, match: MatchKind | "vault-glob"): ClaimValue {
  switch (match) {
    case "literal":
      return { text, tokens: literalTokens(text), exact: true, prefix: text.toLowerCase() };
    case "literal-ignore-case":
      return { text, tokens: literalTokens(text, true), exact: false, prefix: text.toLowerCase() };
    case "glob":
      return {
        text,
        tokens: globTokens(text),
        exact: !/[*?]/.test(text),
        prefix: globLiteralPrefix(text, true),
      };
    case "vault-glob": {
      // Vault's glob (bound_claims_type = "glob") knows only `*`; `?` is an ordinary character.
      const tokens = charactersOf(text).map((char) =>
        char === "*" ? runOf(ANY_CHAR) : oneOf(literalChar(char)),
      );
      const star = text.indexOf("*");
      return { text, tokens, exact: star < 0, prefix: (star < 0 ? text : text.slice(0, star)).toLowerCase() };
    }
  }
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
  if (sets.some((set) => set.length === 0)) return undefined;
  const exactIndex = sets.findIndex((set) => set.every((value) => value.exact));
  if (exactIndex < 0) return sets;
  const kept = sets[exactIndex].filter((value) =>
    sets.every((set, i) => i === exactIndex || someOverlap([value], set)),
  );
  return kept.length > 0 ? [kept] : undefined;
}

/** True when some value satisfies both constraints (exact for one set each; conservative otherwise). */
export function constraintsOverlap(a: ClaimConstraint | undefined, b: ClaimConstraint | undefined): boolean {
  if (!a || !b) return true;
  return a.every((setA) => b.every((setB) => someOverlap(setA, setB)));
}

/** True when one token could satisfy both acceptors (same issuer assumed). */
export function acceptorsOverlap(a: TokenAcceptor, b: TokenAcceptor): boolean {
  for (const [claim, constraint] of a.claims) {
    if (!constraintsOverlap(constraint, b.claims.get(claim))) return false;
  }
  return true;
}

function build(
  base: Omit<TokenAcceptor, "claims">,
  pins: ReadonlyArray<{ claim: string; values: readonly ClaimValue[] }>,
): TokenAcceptor | undefined {
  const sets = new Map<string, ClaimValue[][]>();
  for (const pin of pins) {
    const list = sets.get(pin.claim) ?? [];
    list.push([...pin.values]);
    sets.set(pin.claim, list);
  }
  const claims = new Map<string, ClaimConstraint>();
  for (const [claim, constraint] of sets) {
    const reduced = reduceConstraint(constraint);
    if (!reduced) return undefined;
    claims.set(claim, reduced);
  }
  return { ...base, claims };
}

function commaList(value: string): string[] {
  return value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
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
  return typeof role.backendPath === "string"
    ? { issuer: `vault-mount:${role.location.stack ?? ""}:${role.backendPath}` }
    : undefined;
}

function vaultPins(role: VaultRole): Array<{ claim: string; values: ClaimValue[] }> {
  const pins: Array<{ claim: string; values: ClaimValue[] }> = [];
  if (role.authType === "kubernetes") {
    const names = (role.boundServiceAccountNames ?? []) as readonly string[];
    const namespaces = (role.boundServiceAccountNamespaces ?? []) as readonly string[];
    const values = namespaces.flatMap((ns) =>
      names.map((name) => claimValue(`system:serviceaccount:${ns}:${name}`, "vault-glob")),
    );
    pins.push({ claim: "sub", values });
    return pins;
  }
  const audiences = (role.boundAudiences ?? []) as readonly string[];
  if (audiences.length > 0)
    pins.push({ claim: "aud", values: audiences.map((a) => claimValue(a, "literal")) });
  const subject = role.boundSubject as string | undefined;
  if (subject !== undefined && subject !== "")
    pins.push({ claim: "sub", values: [claimValue(subject, "literal")] });
  const claims = (role.boundClaims ?? {}) as Readonly<Record<string, string>>;
  const match = role.boundClaimsType === "glob" ? "vault-glob" : "literal";
  for (const claim of Object.keys(claims).sort()) {
    pins.push({
      claim: claim.toLowerCase(),
      values: commaList(claims[claim]).map((v) => claimValue(v, match)),
    });
  }
  return pins;
}

/**
 * A principal with no subject constraint accepts every workload's token. That is already an error
 * of its own (WI202 / WI208); pairing it with every other principal of the issuer would only
 * repeat it once per identity, so the shared-token comparison covers pinned principals.
 */
function pinsSubject(acceptor: TokenAcceptor): boolean {
  return acceptor.claims.has(acceptor.subjectClaim);
}

/**
 * Every principal that accepts a token, per identity holding it: resolved AWS web-identity
 * statements (unknown, malformed, foreign-key-blocked and subject-less ones excluded: other rules report them)
 * and Vault JWT and Kubernetes roles whose trust fields are known.
 */
export function tokenAcceptors(graph: IdentityGraph): TokenAcceptor[] {
  const acceptors: TokenAcceptor[] = [];
  for (const trust of webIdentityTrusts(graph, "assumable")) {
    const issuer = trust.issuer as string;
    const names = claimNamesOf(issuer);
    const pins = trust.claimPins.map((pin) => ({
      claim: pin.claim,
      values: pin.values.map((v) => claimValue(v, pin.match)),
    }));
    for (const identity of trust.occurrence.identities) {
      const base = {
        identityId: identity.id,
        identityName: identity.name,
        location: trust.occurrence.principal.location,
        kind: "aws-role" as const,
        issuer,
        audienceClaim: names.audience,
        subjectClaim: names.subject,
      };
      const acceptor = build(base, pins);
      if (acceptor && pinsSubject(acceptor)) acceptors.push(acceptor);
    }
  }
  for (const { principal: role, identities } of vaultRoleOccurrences(graph)) {
    if (role.authType === "approle" || unknownVaultTrustFields(role).length > 0) continue;
    if (role.authType === "jwt" && !isWorkloadJwtRole(role)) continue;
    const base = vaultAcceptorBase(role, graph);
    if (!base) continue;
    const pins = vaultPins(role);
    for (const identity of identities) {
      const acceptor = build(
        {
          identityId: identity.id,
          identityName: identity.name,
          location: role.location,
          kind: "vault-role",
          issuer: base.issuer,
          audienceClaim: "aud",
          subjectClaim: "sub",
        },
        pins,
      );
      if (acceptor && pinsSubject(acceptor)) acceptors.push(acceptor);
    }
  }
  return acceptors;
}
