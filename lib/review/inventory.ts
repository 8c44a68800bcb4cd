import type { IdentityGraph } from "../model/graph";
import { compareText, profileIdentity, type IdentityProfile } from "./identity-profile";

/**
 * Who owns, issues and approved one identity. Empty strings never stand for "fine": a missing
 * value is `undefined` and every format shows it as missing.
 */
export interface InventoryRow {
  readonly id: string;
  readonly name: string;
  readonly kind: IdentityProfile["kind"];
  readonly stack?: string;
  readonly ownerTeam?: string;
  readonly ownerContact?: string;
  readonly issuer?: string;
  readonly issuerOwner?: string;
  readonly approver?: string;
  readonly approvalReference?: string;
  readonly approvalExpires?: string;
  readonly secretsApprover?: string;
  readonly secretsApprovalReference?: string;
  readonly secretsApprovalExpires?: string;
  readonly ttl: string;
  readonly ttlSeconds?: number;
  readonly subjects: readonly string[];
  /** What the identity may reach: one entry per allowed (or denied) action/path group. */
  readonly scope: readonly string[];
  /** Where the accountability came from: embedded record, role tags, Vault policy header, or none. */
  readonly source: "record" | "tags" | "header" | "none";
  readonly address: string;
  readonly file: string;
}

/** One row per identity in the graph, ordered by id. */
export function inventoryRows(graph: IdentityGraph): InventoryRow[] {
  return graph.identities
    .map((identity) => inventoryRowFromProfile(profileIdentity(identity, graph)))
    .sort((a, b) => compareText(a.id, b.id));
}

export function inventoryRowFromProfile(profile: IdentityProfile): InventoryRow {
  const finite = profile.ttl.seconds !== undefined && Number.isFinite(profile.ttl.seconds);
  return {
    id: profile.id,
    name: profile.name,
    kind: profile.kind,
    stack: profile.stack,
    ownerTeam: profile.owner?.team,
    ownerContact: profile.owner?.contact,
    issuer: profile.issuer,
    issuerOwner: profile.issuerOwner?.team,
    approver: profile.approver?.name,
    approvalReference: profile.approver?.reference,
    approvalExpires: profile.approver?.expiresOn,
    secretsApprover: profile.secretsApprover?.name,
    secretsApprovalReference: profile.secretsApprover?.reference,
    secretsApprovalExpires: profile.secretsApprover?.expiresOn,
    ttl: profile.ttl.text,
    ttlSeconds: finite ? profile.ttl.seconds : undefined,
    subjects: profile.subjects,
    scope: profile.scope.map((entry) => (entry.role === "deny" ? `deny ${entry.text}` : entry.text)),
    source: profile.accountabilitySource === "vault-policy-header" ? "header" : profile.accountabilitySource,
    address: profile.address,
    file: profile.file,
  };
}
