import type { RuleResult } from "../../model/finding";
import type { IdentityGraph, StaticCredential, StaticCredentialKind } from "../../model/graph";
import type { SourceLocation } from "../../model/location";
import { quote, quoteLocation } from "../../analysis/quote";

/** The identities whose role or user holds the credential (same stack), and that principal's location. */
function owningPrincipals(
  graph: IdentityGraph,
  credential: StaticCredential,
): { identityIds: string[]; locations: SourceLocation[] } {
  const address = credential.principal;
  const found = { identityIds: [] as string[], locations: [] as SourceLocation[] };
  if (address === undefined) return found;
  const stack = credential.location.stack ?? "";
  for (const identity of graph.identities) {
    const principal = [...identity.awsRoles, ...identity.awsUsers, ...identity.vaultRoles].find(
      (p) => p.location.address === address && (p.location.stack ?? "") === stack,
    );
    if (!principal) continue;
    found.identityIds.push(identity.id);
    found.locations.push(principal.location);
  }
  return found;
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
      const principals = owningPrincipals(graph, credential);
      return {
        message: `${quoteLocation(credential.location)} ${predicate}${owner}${detail}.`,
        location: credential.location,
        related: principals.locations,
        identityIds: principals.identityIds,
        key: credential.kind,
      };
    });
}
