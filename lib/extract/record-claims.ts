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
  /**
   * The record each principal is accountable under, at the principal's position in the list
   * resolved; principals without one have none. A list, not a map by principal: thousands of
   * principals are claimed, and a map's table that large is only freed by a full GC.
   */
  readonly recordOf: readonly (IdentityRecord | undefined)[];
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
  // Per document scope: record id -> the view carrying it (nearly always one), or the views when
  // several do; after the check below, the one view whose record counts, or CONFLICTING.
  const carried = new Map<DocumentScope, Map<string, Carried>>();
  let lastScope: DocumentScope | undefined;
  let lastById: Map<string, Carried> | undefined;
  let carriedTwice = false;
  // Indexed loops and Map forEach over every carrier and principal: this runs unoptimized, where
  // each for-of step allocates.
  for (let i = 0; i < carriers.length; i++) {
    const view = carriers[i];
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
    // Carriers come document by document: the scope's map is usually the last one.
    let byId = view.scope === lastScope ? lastById : carried.get(view.scope);
    if (byId === undefined) carried.set(view.scope, (byId = new Map()));
    lastScope = view.scope;
    lastById = byId;
    const same = byId.get(record.id);
    if (same === undefined) byId.set(record.id, view);
    else {
      carriedTwice = true;
      if (Array.isArray(same)) same.push(view);
      else byId.set(record.id, [same as ResourceView, view]);
    }
  }
  // Carriers that disagree are all reported: which of them is right does not depend on their order.
  if (carriedTwice) {
    for (const byId of carried.values()) {
      for (const [id, views] of byId) {
        if (!Array.isArray(views)) continue;
        // Compared as text only when an id is carried twice (old output carried it on every resource).
        if (new Set(views.map((view) => JSON.stringify(view.record))).size === 1) {
          byId.set(id, views[0]);
          continue;
        }
        byId.set(id, CONFLICTING);
        for (const view of views) issues.push({ location: view.location, kind: "conflicting", recordId: id });
      }
    }
  }

  // Principals at a record's construct child, by scope, kind and record id: the position of the
  // one principal (nearly always), or of each when a kind claims an id more than once; those ids
  // are listed in `twice` to be reported.
  const members = new Map<DocumentScope, ScopeMembers>();
  const twice: ClaimedTwice[] = [];
  for (let i = 0; i < principals.length; i++) {
    const principal = principals[i];
    const view = principal.view;
    const path = view.location.constructPath;
    if (path === undefined) continue;
    const cut = path.lastIndexOf("/");
    if (cut < 0 || !inOwnStack(view, path)) continue;
    // Usually the id of the record the principal carries: that text is kept rather than sliced.
    const own = view.record?.id;
    const id = own !== undefined && own.length === cut && path.startsWith(own) ? own : path.slice(0, cut);
    if (!carried.get(view.scope)?.has(id)) continue;
    const child = PRINCIPAL_CHILD[principal.kind];
    if (child === undefined || path.length - cut - 1 !== child.length || !path.endsWith(child)) {
      if (principal.kind === "aws-user" && view.record?.id === id) {
        issues.push({ location: view.location, kind: "foreign-resource", recordId: id, detail: path });
      }
      continue;
    }
    let scoped = members.get(view.scope);
    if (scoped === undefined)
      members.set(view.scope, (scoped = { index: members.size, awsRoles: new Map(), vaultRoles: new Map() }));
    const byId = principal.kind === "aws-role" ? scoped.awsRoles : scoped.vaultRoles;
    const claimant = byId.get(id);
    if (claimant === undefined) byId.set(id, i);
    else if (Array.isArray(claimant)) claimant.push(i);
    else {
      const positions = [claimant, i];
      byId.set(id, positions);
      twice.push({ id, scope: view.scope, scopeIndex: scoped.index, positions });
    }
  }

  // A principal alone at its record's construct child speaks for that record.
  const recordOf = new Array<IdentityRecord | undefined>(principals.length);
  members.forEach((scoped, scope) => {
    const claim = (claimant: number | number[], id: string) => {
      if (Array.isArray(claimant)) return;
      const record = recordIn(carried, scope, id);
      if (record !== undefined) recordOf[claimant] = record;
    };
    scoped.awsRoles.forEach(claim);
    scoped.vaultRoles.forEach(claim);
  });
  // In the order the ids were first claimed (principal positions grow), document by document.
  twice.sort((a, b) => a.scopeIndex - b.scopeIndex || a.positions[0] - b.positions[0]);
  for (const { id, scope, positions } of twice) {
    if (recordIn(carried, scope, id) === undefined) continue;
    for (const position of positions) {
      issues.push({
        location: principals[position].view.location,
        kind: "claimed-twice",
        recordId: id,
        detail: String(positions.length),
      });
    }
  }
  return { recordOf, issues };
}

/** Marks a record id whose carriers disagree: it speaks for no principal. */
const CONFLICTING = Symbol("carriers disagree");
type Carried = ResourceView | ResourceView[] | typeof CONFLICTING;

/** An id a kind of principal claims more than once in a scope: the claims are reported. */
interface ClaimedTwice {
  readonly id: string;
  readonly scope: DocumentScope;
  readonly scopeIndex: number;
  /** The positions of the principals claiming it, the first claim first. */
  readonly positions: number[];
}

interface ScopeMembers {
  /** Position of the scope among those with members. */
  readonly index: number;
  /** Record id -> the position of the principal claiming it, or of each when several do. */
  readonly awsRoles: Map<string, number | number[]>;
  readonly vaultRoles: Map<string, number | number[]>;
}

/** The record that counts for `id` in `scope`, once carriers are checked. */
function recordIn(
  carried: ReadonlyMap<DocumentScope, ReadonlyMap<string, Carried>>,
  scope: DocumentScope,
  id: string,
): IdentityRecord | undefined {
  const view = carried.get(scope)?.get(id);
  return view === undefined || view === CONFLICTING || Array.isArray(view) ? undefined : view.record;
}
