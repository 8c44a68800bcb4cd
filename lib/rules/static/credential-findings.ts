import type { RuleResult } from "../../model/finding";
import type { IdentityGraph, StaticCredential, StaticCredentialKind } from "../../model/graph";
import { quote, quoteLocation } from "../support/trust-principals";

/** Ids of the identities whose role or user is at `address` (same stack). */
function identitiesOwning(graph: IdentityGraph, credential: StaticCredential): string[] {
  const address = credential.principal;
  if (address === undefined) return [];
  const stack = credential.location.stack ?? "";
  return graph.identities
    .filter((identity) =>
      [...identity.awsRoles, ...identity.awsUsers, ...identity.vaultRoles].some(
        (p) => p.location.address === address && (p.location.stack ?? "") === stack,
      ),
    )
    .map((identity) => identity.id);
}

/** One result per static credential of the given kinds: "<location> <predicate> for <principal> (<detail>)". */
export function staticCredentialResults(
  graph: IdentityGraph,
  kinds: readonly StaticCredentialKind[],
  predicate: string,
): RuleResult[] {
  return graph.staticCredentials
    .filter((credential) => kinds.includes(credential.kind))
    .map((credential) => {
      const owner = credential.principal !== undefined ? ` for ${quote(credential.principal)}` : "";
      const detail = credential.detail.trim() !== "" ? ` (${quote(credential.detail)})` : "";
      return {
        message: `${quoteLocation(credential.location)} ${predicate}${owner}${detail}.`,
        location: credential.location,
        identityIds: identitiesOwning(graph, credential),
        key: credential.kind,
      };
    });
}
