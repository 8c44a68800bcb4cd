import { accountabilityFromTags } from "../model/accountability-tags";
import type { Accountability, AwsRole, AwsUser, Identity, VaultRole } from "../model/graph";
import type { MaybeDocument } from "../model/iam-policy";
import type { IdentityRecord } from "../model/record";
import { isUnknown } from "../model/unknown";
import { stringMapAt } from "./attribute-values";
import type { ResourceView } from "./resource-view";

/** One principal (IAM role, IAM user or Vault role) with the view it came from. */
export type Principal =
  | { readonly kind: "aws-role"; readonly view: ResourceView; readonly role: AwsRole }
  | { readonly kind: "aws-user"; readonly view: ResourceView; readonly user: AwsUser }
  | {
      readonly kind: "vault-role";
      readonly view: ResourceView;
      readonly role: VaultRole;
      readonly header?: Accountability;
    };

const WEB_IDENTITY_ACTIONS = new Set(["sts:assumerolewithwebidentity", "sts:assumerolewithsaml"]);

/** How an IAM role is assumed, from its trust policy. An unknown trust gives `other`. */
export function roleKind(trust: MaybeDocument): Identity["kind"] {
  if (isUnknown(trust)) return "other";
  let service = false;
  for (const statement of trust.statements) {
    if (statement.effect !== "Allow") continue;
    const federated = statement.principals.some((p) => p.type === "Federated");
    const webIdentity = statement.actions.some((a) => WEB_IDENTITY_ACTIONS.has(a.toLowerCase()));
    if (federated || webIdentity) return "workload";
    if (statement.principals.some((p) => p.type === "Service")) service = true;
  }
  return service ? "service" : "other";
}

export function accountabilityFromRecord(record: IdentityRecord): Accountability {
  return {
    source: "record",
    owner: record.owner,
    issuerOwner: record.issuer.owner,
    approver: record.approver,
    ...(record.secretsApprover ? { secretsApprover: record.secretsApprover } : {}),
    ttlSeconds: record.ttlSeconds,
    description: record.description,
  };
}

interface Group {
  record?: IdentityRecord;
  readonly principals: Principal[];
}

/**
 * Groups principals into identities. Identities are keyed by their principal resources: each
 * principal is an identity alone, except the IAM role and Vault role one `WorkloadIdentity`
 * synthesized, which its record joins (`recordOf`, decided by {@link resolveRecordClaims}).
 * Ids are the record id, else `stack:address` (or the address); when several inputs define the
 * same id, each one's file name is prefixed so ids stay unique whatever the order of the inputs.
 */
export function assembleIdentities(
  principals: readonly Principal[],
  recordOf: ReadonlyMap<Principal, IdentityRecord>,
): Identity[] {
  const groups = new Map<string, Group>();
  const scopeKeys = new Map<unknown, number>();
  for (const principal of principals) {
    const record = recordOf.get(principal);
    const scope = principal.view.scope;
    if (!scopeKeys.has(scope)) scopeKeys.set(scope, scopeKeys.size);
    const key = record
      ? `record\u0000${scopeKeys.get(scope)}\u0000${record.id}`
      : `view\u0000${scopeKeys.get(scope)}\u0000${principal.view.address}`;
    const group = groups.get(key);
    if (group) group.principals.push(principal);
    else groups.set(key, { ...(record ? { record } : {}), principals: [principal] });
  }
  // The principals of one identity in address order, not document order: the identity's location
  // (the first one) must not change when the resources are written in another order.
  for (const group of groups.values()) group.principals.sort(comparePrincipals);
  const baseId = (group: Group) => {
    const location = group.principals[0].view.location;
    return (
      group.record?.id ??
      (location.stack !== undefined ? `${location.stack}:${location.address}` : location.address)
    );
  };
  // Every holder of an id several inputs define gets its file prefixed, not just the later ones:
  // ids (and the fingerprints made of them) must not depend on the order the inputs were given.
  const idCounts = new Map<string, number>();
  for (const group of groups.values()) idCounts.set(baseId(group), (idCounts.get(baseId(group)) ?? 0) + 1);
  const usedIds = new Set<string>();
  const identities: Identity[] = [];
  for (const group of groups.values()) {
    const first = group.principals[0];
    const location = first.view.location;
    let id = baseId(group);
    if (idCounts.get(id)! > 1) id = `${location.file}:${id}`;
    for (let n = 2; usedIds.has(id); n++) id = `${location.file}#${n}:${location.address}`;
    usedIds.add(id);
    const awsRoles = group.principals.flatMap((p) => (p.kind === "aws-role" ? [p.role] : []));
    const awsUsers = group.principals.flatMap((p) => (p.kind === "aws-user" ? [p.user] : []));
    const vaultRoles = group.principals.flatMap((p) => (p.kind === "vault-role" ? [p.role] : []));
    identities.push({
      id,
      name: group.record?.id ?? principalName(first),
      ...(location.stack !== undefined ? { stack: location.stack } : {}),
      kind: group.record ? "workload" : principalKind(first),
      ...(group.record ? { record: group.record } : {}),
      accountability: group.record ? accountabilityFromRecord(group.record) : principalAccountability(first),
      awsRoles,
      awsUsers,
      vaultRoles,
      location,
    });
  }
  return identities;
}

function comparePrincipals(a: Principal, b: Principal): number {
  const [x, y] = [a.view.location, b.view.location];
  return compareText(x.address, y.address) || compareText(x.file, y.file) || (x.line ?? 0) - (y.line ?? 0);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function principalName(principal: Principal): string {
  const name =
    principal.kind === "vault-role"
      ? principal.role.roleName
      : principal.kind === "aws-role"
        ? principal.role.name
        : principal.user.name;
  return typeof name === "string" && name !== "" ? name : principal.view.address;
}

function principalKind(principal: Principal): Identity["kind"] {
  if (principal.kind === "vault-role") return "workload";
  if (principal.kind === "aws-user") return "user";
  return roleKind(principal.role.trust);
}

function principalAccountability(principal: Principal): Accountability {
  if (principal.kind === "vault-role") return principal.header ?? { source: "none" };
  const tags = principal.kind === "aws-role" ? principal.role.tags : stringMapAt(principal.view, ["tags"]);
  if (tags === undefined || isUnknown(tags)) return { source: "none" };
  return accountabilityFromTags(tags);
}
