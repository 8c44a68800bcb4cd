/** Helpers for rules that report on two identities at once (WI3xx). */
import type { RuleResult } from "../model/finding";
import type { Identity } from "../model/graph";
import { quote } from "./quote";

/** The identity as quoted in messages: its name (attacker-controlled, hence JSON-quoted) and stack. */
export function quoteIdentity(identity: Identity): string {
  const name = quote(identity.name);
  return identity.stack ? `${name} (stack ${quote(identity.stack)})` : name;
}

/** Orders two items by their identity ids, so a pair is reported the same way on every run. */
export function orderByIdentity<T extends { readonly identity: Identity }>(a: T, b: T): [T, T] {
  return a.identity.id <= b.identity.id ? [a, b] : [b, a];
}

/** One "unknown — needs review" result for an identity, whatever number of pairs it would affect. */
export function unknownIdentityResult(
  identity: Identity,
  what: string,
  reasons: readonly string[],
): RuleResult {
  const unique = [...new Set(reasons)];
  const shown = unique.slice(0, 3).join("; ") + (unique.length > 3 ? `; and ${unique.length - 3} more` : "");
  return {
    message: `Identity ${quoteIdentity(identity)} has ${what} that cannot be evaluated (${shown}): unknown — needs review.`,
    location: identity.location,
    identityIds: [identity.id],
    unknown: true,
    severity: "warning",
    key: "unknown",
  };
}
