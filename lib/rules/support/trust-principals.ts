import type { AwsRole, Identity, IdentityGraph, VaultRole } from "../../model/graph";
import { describeLocation, type SourceLocation } from "../../model/location";

/** A role with every identity that holds it (one role may be claimed by several identities). */
export interface PrincipalOccurrence<T> {
  readonly principal: T;
  readonly identities: readonly Identity[];
  readonly identityIds: readonly string[];
}

function locationKey(location: SourceLocation): string {
  return `${location.stack ?? ""}\u0000${location.address}`;
}

function occurrences<T extends { location: SourceLocation }>(
  graph: IdentityGraph,
  principalsOf: (identity: Identity) => readonly T[],
): PrincipalOccurrence<T>[] {
  const byLocation = new Map<string, { principal: T; identities: Identity[] }>();
  for (const identity of graph.identities) {
    for (const principal of principalsOf(identity)) {
      const key = locationKey(principal.location);
      const entry = byLocation.get(key);
      if (!entry) byLocation.set(key, { principal, identities: [identity] });
      else if (!entry.identities.includes(identity)) entry.identities.push(identity);
    }
  }
  return [...byLocation.values()].map(({ principal, identities }) => ({
    principal,
    identities,
    identityIds: identities.map((i) => i.id),
  }));
}

/** Every AWS role once, in graph order. */
export function awsRoleOccurrences(graph: IdentityGraph): PrincipalOccurrence<AwsRole>[] {
  return occurrences(graph, (identity) => identity.awsRoles);
}

/** Every Vault auth role once, in graph order. */
export function vaultRoleOccurrences(graph: IdentityGraph): PrincipalOccurrence<VaultRole>[] {
  return occurrences(graph, (identity) => identity.vaultRoles);
}

/**
 * An attacker-controlled string as messages show it: JSON-quoted, so quotes and control characters
 * are escaped; line/paragraph separators and bidirectional overrides too, so the message stays one
 * line and reads the way it is stored.
 */
export function quote(value: string): string {
  return JSON.stringify(value).replace(
    /[\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A location as messages name it: construct path or address, quoted. */
export function quoteLocation(location: SourceLocation): string {
  return quote(describeLocation(location));
}

/**
 * The `data.aws_iam_policy_document`s a role's trust was rendered from, as related locations: the
 * fix goes into the document, so a reviewer must see it flagged. Empty object when there are none.
 */
export function trustSourcesRelated(role: AwsRole): { related?: SourceLocation[] } {
  if (role.trustSources.length === 0) return {};
  const stack = role.location.stack !== undefined ? { stack: role.location.stack } : {};
  return {
    related: [...new Set(role.trustSources)].map((address) => ({
      file: role.location.file,
      ...stack,
      address,
    })),
  };
}
