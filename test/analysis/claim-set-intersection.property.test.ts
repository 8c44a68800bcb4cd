import fc from "fast-check";
import {
  acceptorsOverlap,
  claimValue,
  type ClaimValue,
  type TokenAcceptor,
} from "../../lib/analysis/trust-token-acceptors";
import { EnumerationOracle, escapeRegExp, memoized } from "../pattern/oracle";

/*
 * Claim-set intersection against a brute-force oracle: two bindings share a token exactly when, for
 * every claim both constrain, some string satisfies every set of both (each set by any of its
 * values). Values are literals, IAM globs (`*`, `?`) or Vault globs (`*` only; `?` literal), over
 * {a, *, ?} so that `*` and `?` also occur as literal characters. Each value has at most 2
 * characters and a claim at most 4 sets, so a shortest common string has at most 8 characters
 * (see oracle.ts): the enumeration is complete.
 */
type Kind = "literal" | "glob" | "vault-glob";
const KINDS: Kind[] = ["literal", "glob", "vault-glob"];

const toRegExp = memoized((key: string): RegExp => {
  const kind = key.slice(0, key.indexOf(":")) as Kind;
  const text = key.slice(key.indexOf(":") + 1);
  const body = Array.from(text)
    .map((c) => {
      if (kind !== "literal" && c === "*") return "[\\s\\S]*";
      if (kind === "glob" && c === "?") return "[\\s\\S]";
      return escapeRegExp(c);
    })
    .join("");
  return new RegExp(`^${body}$`, "u");
});
const oracle = new EnumerationOracle(["a", "*", "?"], 8, toRegExp);

const value = fc.tuple(
  fc.constantFrom(...KINDS),
  fc.string({ unit: fc.constantFrom("a", "*", "?"), maxLength: 2 }),
);
const set = fc.array(value, { minLength: 1, maxLength: 2 });
const constraint = fc.option(fc.array(set, { minLength: 1, maxLength: 2 }), { nil: undefined });
const binding = fc.record({ sub: constraint, ref: constraint, aud: constraint });

function toClaimValue([kind, text]: [Kind, string]): ClaimValue {
  return claimValue(text, kind);
}

function acceptor(spec: Record<string, [Kind, string][][] | undefined>, id: string): TokenAcceptor {
  const claims = new Map<string, ClaimValue[][]>();
  for (const [claim, sets] of Object.entries(spec))
    if (sets)
      claims.set(
        claim,
        sets.map((s) => s.map(toClaimValue)),
      );
  return {
    identityId: id,
    identityName: id,
    location: { file: "x", address: id },
    kind: "vault-role",
    issuer: "i",
    audienceClaim: "aud",
    subjectClaim: "sub",
    claims,
  };
}

function someStringSatisfiesAll(sets: [Kind, string][][]): boolean {
  const memberships = sets.map((s) => s.map(([kind, text]) => oracle.membership(`${kind}:${text}`)));
  for (let i = 0; i < oracle.universe.length; i++) {
    if (memberships.every((values) => values.some((bits) => bits[i] === 1))) return true;
  }
  return false;
}

describe("claim-set intersection (acceptorsOverlap)", () => {
  it("agrees with brute force over every claim both bind; the audience never separates", () => {
    fc.assert(
      fc.property(binding, binding, (a, b) => {
        const expected = (["sub", "ref"] as const).every((claim) => {
          const sets = [...(a[claim] ?? []), ...(b[claim] ?? [])];
          return sets.length === 0 || someStringSatisfiesAll(sets);
        });
        expect(acceptorsOverlap(acceptor(a, "a"), acceptor(b, "b"))).toBe(expected);
      }),
      { numRuns: 10000 },
    );
  });
});
