import type { RecordIssue } from "../model/graph";
import type { IdentityRecord } from "../model/record";
import type { Principal } from "./identity-assembly";
import type { DocumentScope, ResourceView } from "./resource-view";

/**
 * The construct children a `WorkloadIdentity` synthesizes (lib/constructs/workload-identity.ts),
 * and which of them holds each principal kind. A record is the claim "these resources were
 * synthesized for this identity"; it is honoured only for resources at these construct paths under
 * the record's id (the identity's construct path), in the same document.
 */
const PRINCIPAL_CHILD: Readonly<Record<Principal["kind"], string | undefined>> = {
  "aws-role": "role",
  "vault-role": "vault-role",
  "aws-user": undefined,
};
const SYNTHESIZED_CHILDREN = new Set(["role", "role-policy", "vault-policy", "vault-role"]);

export interface RecordClaims {
  /** The record each principal is accountable under; principals not in the map have none. */
  readonly recordOf: ReadonlyMap<Principal, IdentityRecord>;
  readonly issues: RecordIssue[];
}

/** A cdktf construct path starts with its stack's id: a path naming another stack was copied. */
function inOwnStack(view: ResourceView, path: string): boolean {
  const stack = view.location.stack;
  return stack === undefined || startsWithSegment(path, stack);
}

/** `path.startsWith(`${prefix}/`)`, without building the text. */
function startsWithSegment(path: string, prefix: string): boolean {
  return path.length > prefix.length && path.charCodeAt(prefix.length) === 47 && path.startsWith(prefix);
}

function isSynthesizedWith(view: ResourceView, recordId: string): boolean {
  const path = view.location.constructPath;
  return (
    path !== undefined &&
    inOwnStack(view, path) &&
    startsWithSegment(path, recordId) &&
    SYNTHESIZED_CHILDREN.has(path.slice(recordId.length + 1))
  );
}

/**
 * Decides which principals a record speaks for. Identities are keyed by their principal resources:
 * a record adds accountability only to the resources it was synthesized with, and to at most one
 * IAM role and one Vault role. A record on any other resource, differing between the identity's
 * resources, or claimed by two principals of one kind is an issue and is ignored, so copying a
 * record onto hand-written roles can never merge them into that identity (which would hide the
 * paths they share) nor lend them its accountability. The record may be carried by every resource
 * of the identity or by only one of them.
 */
export function resolveRecordClaims(
  carriers: readonly ResourceView[],
  principals: readonly Principal[],
): RecordClaims {
  const issues: RecordIssue[] = [];
  /** Per document scope: record id -> its record (undefined when its carriers disagree). */
  const records = new Map<DocumentScope, Map<string, IdentityRecord | undefined>>();
  const carried = new Map<DocumentScope, Map<string, ResourceView[]>>();
  for (const view of carriers) {
    const record = view.record;
    if (!record) continue;
    if (!isSynthesizedWith(view, record.id)) {
      issues.push({
        location: view.location,
        kind: "foreign-resource",
        recordId: record.id,
        ...(view.location.constructPath !== undefined ? { detail: view.location.constructPath } : {}),
      });
      continue;
    }
    const byId = carried.get(view.scope) ?? new Map<string, ResourceView[]>();
    carried.set(view.scope, byId);
    const list = byId.get(record.id) ?? [];
    list.push(view);
    byId.set(record.id, list);
  }
  // Carriers that disagree are all reported: which of them is right does not depend on their order.
  for (const [scope, byId] of carried) {
    const decided = new Map<string, IdentityRecord | undefined>();
    records.set(scope, decided);
    for (const [id, views] of byId) {
      // Compared as text only when an id is carried twice (old output carried it on every resource).
      if (views.length === 1 || new Set(views.map((view) => JSON.stringify(view.record))).size === 1) {
        decided.set(id, views[0].record);
        continue;
      }
      decided.set(id, undefined);
      for (const view of views) issues.push({ location: view.location, kind: "conflicting", recordId: id });
    }
  }

  /** Principals at a record's construct child, by (scope, kind, record id). */
  const members = new Map<DocumentScope, Map<string, { id: string; group: Principal[] }>>();
  for (const principal of principals) {
    const { view } = principal;
    const path = view.location.constructPath;
    const cut = path?.lastIndexOf("/") ?? -1;
    const id = path?.slice(0, cut);
    if (path === undefined || id === undefined || cut < 0 || !inOwnStack(view, path)) continue;
    if (!records.get(view.scope)?.has(id)) continue;
    if (path.slice(cut + 1) !== PRINCIPAL_CHILD[principal.kind]) {
      if (principal.kind === "aws-user" && view.record?.id === id) {
        issues.push({ location: view.location, kind: "foreign-resource", recordId: id, detail: path });
      }
      continue;
    }
    const byKind = members.get(view.scope) ?? new Map<string, { id: string; group: Principal[] }>();
    members.set(view.scope, byKind);
    const key = `${principal.kind}\u0000${id}`;
    const entry = byKind.get(key);
    if (entry) entry.group.push(principal);
    else byKind.set(key, { id, group: [principal] });
  }

  const recordOf = new Map<Principal, IdentityRecord>();
  for (const [scope, byKind] of members) {
    for (const { id, group } of byKind.values()) {
      const record = records.get(scope)?.get(id);
      if (record === undefined) continue;
      if (group.length > 1) {
        for (const principal of group) {
          issues.push({
            location: principal.view.location,
            kind: "claimed-twice",
            recordId: id,
            detail: String(group.length),
          });
        }
        continue;
      }
      recordOf.set(group[0], record);
    }
  }
  return { recordOf, issues };
}
