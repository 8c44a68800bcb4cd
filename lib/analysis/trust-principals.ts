import type { AwsRole, Identity, IdentityGraph, VaultRole } from "../model/graph";
import type { SourceLocation } from "../model/location";
import { AnalysisMemo } from "./analysis-memo";

/** A role with every identity that holds it (one role may be claimed by several identities). */
export interface PrincipalOccurrence<T> {
  readonly principal: T;
  readonly identities: readonly Identity[];
  /** The ids of `identities`, listed on each read: read them where a finding is reported. */
  readonly identityIds: readonly string[];
}

function occurrences<T extends { location: SourceLocation }>(
  graph: IdentityGraph,
  principalsOf: (identity: Identity) => readonly T[],
): PrincipalOccurrence<T>[] {
  // By stack, then address: one principal per location, in graph order.
  const byStack = new Map<string, Map<string, Occurrence<T>>>();
  const found: Occurrence<T>[] = [];
  // Indexed: it runs per identity, mostly before V8 optimizes it (`for...of` allocates there).
  const all = graph.identities;
  for (let i = 0; i < all.length; i++) {
    const identity = all[i];
    const principals = principalsOf(identity);
    for (let j = 0; j < principals.length; j++) {
      const principal = principals[j];
      const stack = principal.location.stack ?? "";
      let byAddress = byStack.get(stack);
      if (!byAddress) byStack.set(stack, (byAddress = new Map()));
      const entry = byAddress.get(principal.location.address);
      if (!entry) {
        const created = new Occurrence(principal, identity);
        byAddress.set(principal.location.address, created);
        found.push(created);
      } else if (!entry.identities.includes(identity)) entry.identities.push(identity);
    }
  }
  return found;
}

/**
 * An occurrence, kept until the rules end. Its ids are listed when asked for, by the rules that
 * report it: most occurrences are never reported, and a list of ids each would be kept for nothing.
 */
class Occurrence<T> implements PrincipalOccurrence<T> {
  readonly identities: Identity[];

  constructor(
    readonly principal: T,
    identity: Identity,
  ) {
    this.identities = [identity];
  }

  get identityIds(): readonly string[] {
    return this.identities.map(idOf);
  }
}

function idOf(identity: Identity): string {
  return identity.id;
}

const AWS_ROLE_OCCURRENCES = new AnalysisMemo<IdentityGraph, PrincipalOccurrence<AwsRole>[]>();
const VAULT_ROLE_OCCURRENCES = new AnalysisMemo<IdentityGraph, PrincipalOccurrence<VaultRole>[]>();

/** Every AWS role once, in graph order (computed once per graph: several rules ask). */
export function awsRoleOccurrences(graph: IdentityGraph): readonly PrincipalOccurrence<AwsRole>[] {
  let found = AWS_ROLE_OCCURRENCES.get(graph);
  if (!found) AWS_ROLE_OCCURRENCES.set(graph, (found = occurrences(graph, (identity) => identity.awsRoles)));
  return found;
}

/** Every Vault auth role once, in graph order. */
export function vaultRoleOccurrences(graph: IdentityGraph): readonly PrincipalOccurrence<VaultRole>[] {
  let found = VAULT_ROLE_OCCURRENCES.get(graph);
  if (!found)
    VAULT_ROLE_OCCURRENCES.set(graph, (found = occurrences(graph, (identity) => identity.vaultRoles)));
  return found;
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
