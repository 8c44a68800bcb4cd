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
  | { readonly kind: "vault-role"; readonly view: ResourceView; readonly role: VaultRole };

/** The principal lists an identity does not have share one frozen empty list. */
const NONE: readonly never[] = Object.freeze([]);

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
  return record.secretsApprover
    ? {
        source: "record",
        owner: record.owner,
        issuerOwner: record.issuer.owner,
        approver: record.approver,
        secretsApprover: record.secretsApprover,
        ttlSeconds: record.ttlSeconds,
        description: record.description,
      }
    : {
        source: "record",
        owner: record.owner,
        issuerOwner: record.issuer.owner,
        approver: record.approver,
        ttlSeconds: record.ttlSeconds,
        description: record.description,
      };
}

interface Group {
  readonly record: IdentityRecord | undefined;
  /** One principal (an identity alone), else the list of them: no list of one is made. */
  principals: Principal | Principal[];
  /** The id before de-duplication across inputs (set once the principals are sorted). */
  baseId: string;
}

/** The groups of one document scope, by record id and by principal address. */
interface ScopeGroups {
  readonly byRecord: Map<string, Group>;
  readonly byAddress: Map<string, Group>;
}

/**
 * Groups principals into identities. Identities are keyed by their principal resources: each
 * principal is an identity alone, except the IAM role and Vault role one `WorkloadIdentity`
 * synthesized, which its record joins (`recordOf`, by position, decided by {@link resolveRecordClaims}).
 * Ids are the record id, else `stack:address` (or the address); when several inputs define the
 * same id, each one's file name is prefixed so ids stay unique whatever the order of the inputs.
 */
export function assembleIdentities(
  principals: readonly Principal[],
  recordOf: readonly (IdentityRecord | undefined)[],
): Identity[] {
  // Groups in the order their first principal comes; looked up per scope without building keys.
  // Indexed loops throughout: this runs unoptimized once per principal, where for-of allocates.
  const groups: Group[] = [];
  const byScope = new Map<unknown, ScopeGroups>();
  for (let i = 0; i < principals.length; i++) {
    const principal = principals[i];
    const record = recordOf[i];
    const scope = principal.view.scope;
    let scoped = byScope.get(scope);
    if (!scoped) byScope.set(scope, (scoped = { byRecord: new Map(), byAddress: new Map() }));
    const index = record ? scoped.byRecord : scoped.byAddress;
    const key = record ? record.id : principal.view.address;
    const group = index.get(key);
    if (group) {
      // A second principal (an IAM role and its Vault role: the common group) makes a list of two.
      const members = group.principals;
      if (Array.isArray(members)) members.push(principal);
      else group.principals = [members, principal];
    } else {
      const created: Group = { record, principals: principal, baseId: "" };
      index.set(key, created);
      groups.push(created);
    }
  }
  // The principals of one identity in address order, not document order: the identity's location
  // (the first one) must not change when the resources are written in another order.
  // Every holder of an id several inputs define gets its file prefixed, not just the later ones:
  // ids (and the fingerprints made of them) must not depend on the order the inputs were given.
  // Sets, not a map of counts: a table of thousands of entries is only freed by a full GC, and
  // entries of a set are a third smaller.
  const seenIds = new Set<string>();
  let repeatedIds: Set<string> | undefined;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    const members = group.principals;
    // Two principals (an IAM role and a Vault role) are the common group: ordered without a sort.
    if (Array.isArray(members)) {
      if (members.length > 2) members.sort(comparePrincipals);
      else if (comparePrincipals(members[0], members[1]) > 0) members.reverse();
    }
    const location = firstOf(members).view.location;
    const id =
      group.record?.id ??
      (location.stack !== undefined ? `${location.stack}:${location.address}` : location.address);
    group.baseId = id;
    if (seenIds.has(id)) (repeatedIds ??= new Set()).add(id);
    else seenIds.add(id);
  }
  // Without a repeated base id, every id is its base id and all are distinct: no set of the ids
  // given is needed.
  const usedIds = repeatedIds === undefined ? undefined : new Set<string>();
  const identities: Identity[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    const members = group.principals;
    const first = firstOf(members);
    const location = first.view.location;
    let id = group.baseId;
    if (usedIds !== undefined) {
      if (repeatedIds!.has(id)) id = `${location.file}:${id}`;
      for (let n = 2; usedIds.has(id); n++) id = `${location.file}#${n}:${location.address}`;
      usedIds.add(id);
    }
    // Lists made with their first item: most hold one principal or none.
    let awsRoles: AwsRole[] | undefined;
    let awsUsers: AwsUser[] | undefined;
    let vaultRoles: VaultRole[] | undefined;
    const count = Array.isArray(members) ? members.length : 1;
    for (let m = 0; m < count; m++) {
      const p = Array.isArray(members) ? members[m] : members;
      if (p.kind === "aws-role") {
        if (awsRoles === undefined) awsRoles = [p.role];
        else awsRoles.push(p.role);
      } else if (p.kind === "aws-user") {
        if (awsUsers === undefined) awsUsers = [p.user];
        else awsUsers.push(p.user);
      } else if (vaultRoles === undefined) vaultRoles = [p.role];
      else vaultRoles.push(p.role);
    }
    const record = group.record;
    identities.push(
      identity(
        id,
        record?.id ?? principalName(first),
        location.stack,
        record ? "workload" : principalKind(first),
        record,
        record ? accountabilityFromRecord(record) : principalAccountability(first),
        awsRoles ?? NONE,
        awsUsers ?? NONE,
        vaultRoles ?? NONE,
        location,
      ),
    );
  }
  return identities;
}

/** An identity with its keys in one order (`stack` and `record` only when set). */
function identity(
  id: string,
  name: string,
  stack: string | undefined,
  kind: Identity["kind"],
  record: IdentityRecord | undefined,
  accountability: Accountability,
  awsRoles: readonly AwsRole[],
  awsUsers: readonly AwsUser[],
  vaultRoles: readonly VaultRole[],
  location: Identity["location"],
): Identity {
  if (stack !== undefined) {
    return record
      ? { id, name, stack, kind, record, accountability, awsRoles, awsUsers, vaultRoles, location }
      : { id, name, stack, kind, accountability, awsRoles, awsUsers, vaultRoles, location };
  }
  return record
    ? { id, name, kind, record, accountability, awsRoles, awsUsers, vaultRoles, location }
    : { id, name, kind, accountability, awsRoles, awsUsers, vaultRoles, location };
}

function firstOf(members: Principal | Principal[]): Principal {
  return Array.isArray(members) ? members[0] : members;
}

function comparePrincipals(a: Principal, b: Principal): number {
  const x = a.view.location;
  const y = b.view.location;
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
  if (principal.kind === "vault-role") return vaultPolicyHeader(principal.role) ?? { source: "none" };
  const tags = principal.kind === "aws-role" ? principal.role.tags : stringMapAt(principal.view, ["tags"]);
  if (tags === undefined || isUnknown(tags)) return { source: "none" };
  return accountabilityFromTags(tags);
}

/**
 * Accountability from the header of the first policy of the role that carries one. Read here only,
 * for a principal without a record: a policy parses its header when it is first read.
 */
function vaultPolicyHeader(role: VaultRole): Accountability | undefined {
  const policies = role.policies;
  for (let i = 0; i < policies.length; i++) {
    const header = policies[i].header;
    if (header) return header;
  }
  return undefined;
}
