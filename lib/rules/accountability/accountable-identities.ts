import type { Severity } from "../../model/finding";
import type { Accountability, Identity, IdentityGraph } from "../../model/graph";
import { daysUntil } from "../../model/calendar-date";
import type { ApprovalRecord, OwnerRecord } from "../../model/record";
import { AnalysisMemo } from "../../analysis/analysis-memo";

/** What the accountability rules read about one identity. */
export interface AccountableIdentity {
  readonly identity: Identity;
  /** The record's values where present (records can be hand-edited: any field may be missing), else tags / Vault header. */
  readonly facts: Accountability;
  readonly hasRecord: boolean;
  /** True when any accountability information exists (record, tags or Vault policy header). */
  readonly hasInfo: boolean;
}

/** The approval or the secrets approval, labelled for messages and keys. */
export interface ApprovalKind {
  readonly label: string;
  readonly key: string;
  /** This approval in an identity's facts, when it carries one. */
  approvalIn(facts: Accountability): Partial<ApprovalRecord> | undefined;
}

/**
 * The approvals an identity can carry, in the order the rules report them. The rules read each from
 * the facts rather than from a labelled list per identity, which would be kept until the rules end.
 */
export const APPROVAL_KINDS: readonly ApprovalKind[] = Object.freeze([
  { label: "approval", key: "approver", approvalIn: (facts: Accountability) => facts.approver || undefined },
  {
    label: "secrets approval",
    key: "secrets-approver",
    approvalIn: (facts: Accountability) => facts.secretsApprover || undefined,
  },
]);

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * True when a merged field (the record's text, else the other's) is the record's value as it is:
 * then the record's own object serves, and no merged copy is kept per identity until the rules end.
 */
function keepsRecord(fromRecord: unknown, other: unknown): boolean {
  return text(fromRecord) !== undefined || (fromRecord === undefined && text(other) === undefined);
}

/** Hand-edited records may hold anything where an object belongs: only an object is kept as it is. */
function isRecordObject<T extends object>(value: T | undefined): value is T {
  return typeof value === "object" && value !== null;
}

function mergeApproval(
  fromRecord: Partial<ApprovalRecord> | undefined,
  other: Partial<ApprovalRecord> | undefined,
): Partial<ApprovalRecord> | undefined {
  if (!fromRecord && !other) return undefined;
  if (
    isRecordObject(fromRecord) &&
    keepsRecord(fromRecord.name, other?.name) &&
    keepsRecord(fromRecord.reference, other?.reference) &&
    keepsRecord(fromRecord.expiresOn, other?.expiresOn)
  )
    return fromRecord;
  return {
    name: text(fromRecord?.name) ?? text(other?.name),
    reference: text(fromRecord?.reference) ?? text(other?.reference),
    expiresOn: text(fromRecord?.expiresOn) ?? text(other?.expiresOn),
  };
}

function mergeOwner(
  fromRecord: Partial<OwnerRecord> | undefined,
  other: Partial<OwnerRecord> | undefined,
): Partial<OwnerRecord> {
  if (
    isRecordObject(fromRecord) &&
    keepsRecord(fromRecord.team, other?.team) &&
    keepsRecord(fromRecord.contact, other?.contact)
  )
    return fromRecord;
  return {
    team: text(fromRecord?.team) ?? text(other?.team),
    contact: text(fromRecord?.contact) ?? text(other?.contact),
  };
}

function factsOf(identity: Identity): Accountability {
  const record = identity.record as Partial<NonNullable<Identity["record"]>> | undefined;
  const base = identity.accountability;
  if (!record) return base;
  const ttl =
    typeof record.ttlSeconds === "number" && Number.isFinite(record.ttlSeconds)
      ? record.ttlSeconds
      : base.ttlSeconds;
  return {
    source: "record",
    owner: mergeOwner(record.owner, base.owner),
    issuerOwner: base.issuerOwner,
    approver: mergeApproval(record.approver, base.approver),
    secretsApprover: mergeApproval(record.secretsApprover, base.secretsApprover),
    ttlSeconds: ttl,
    description: text(record.description) ?? text(base.description),
  };
}

/**
 * Identities the accountability rules apply to: workload identities (federated AWS roles, Vault
 * auth roles) and anything declared with a record. Service roles (EC2, Lambda, ...) and IAM users
 * are run by AWS or people, not by a workload identity declaration, and are left to other rules.
 */
export function accountableIdentities(graph: IdentityGraph): readonly AccountableIdentity[] {
  // Every accountability rule reads them: worked out once per graph.
  let subjects = ACCOUNTABLE.get(graph);
  if (subjects === undefined) {
    const found: AccountableIdentity[] = [];
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const identities = graph.identities;
    for (let i = 0; i < identities.length; i++) {
      const identity = identities[i];
      if (identity.kind !== "workload" && identity.record === undefined) continue;
      const facts = factsOf(identity);
      found.push({
        identity,
        facts,
        hasRecord: identity.record !== undefined,
        hasInfo: identity.record !== undefined || identity.accountability.source !== "none",
      });
    }
    ACCOUNTABLE.set(graph, (subjects = found));
  }
  return subjects;
}

const ACCOUNTABLE = new AnalysisMemo<IdentityGraph, readonly AccountableIdentity[]>();
const WITH_ACCOUNTABILITY = new AnalysisMemo<IdentityGraph, readonly AccountableIdentity[]>();

/**
 * Identities with some accountability information, for the per-field rules (WI102–WI109): an
 * identity with none at all is one WI101 finding, not one per missing field.
 */
export function identitiesWithAccountability(graph: IdentityGraph): readonly AccountableIdentity[] {
  let subjects = WITH_ACCOUNTABILITY.get(graph);
  if (subjects === undefined) {
    subjects = accountableIdentities(graph).filter((subject) => subject.hasInfo);
    WITH_ACCOUNTABILITY.set(graph, subjects);
  }
  return subjects;
}

/** Missing accountability blocks declared identities; on hand-written ones it is reported as a warning. */
export function missingSeverity(subject: AccountableIdentity): Severity {
  return subject.hasRecord ? "error" : "warning";
}

const DAYS_LEFT = new AnalysisMemo<
  IdentityGraph,
  { today: string; daysByDate: ReadonlyMap<string, number | undefined> }
>();

/**
 * Whole days left until each expiry date of an approval or secrets approval (undefined when not a
 * calendar date). Each date is read once: approvals of an app share a few dates (9,000 approvals of
 * 5,000 identities, one date), and reading one costs about a microsecond unoptimized.
 */
function approvalDaysLeft(graph: IdentityGraph, today: string): ReadonlyMap<string, number | undefined> {
  const cached = DAYS_LEFT.get(graph);
  if (cached !== undefined && cached.today === today) return cached.daysByDate;
  const daysByDate = new Map<string, number | undefined>();
  const subjects = accountableIdentities(graph);
  for (let s = 0; s < subjects.length; s++) {
    for (let k = 0; k < APPROVAL_KINDS.length; k++) {
      const expiresOn = APPROVAL_KINDS[k].approvalIn(subjects[s].facts)?.expiresOn;
      if (expiresOn !== undefined && !daysByDate.has(expiresOn))
        daysByDate.set(expiresOn, daysUntil(expiresOn, today));
    }
  }
  DAYS_LEFT.set(graph, { today, daysByDate });
  return daysByDate;
}

/**
 * Calls `visit` for each approval of an accountable identity that states an expiry, in the order
 * the rules report them, with the whole days from `today` to it (undefined when the expiry is not
 * a calendar date): what WI104 and WI105 judge.
 */
export function forEachApprovalExpiry(
  graph: IdentityGraph,
  today: string,
  visit: (identity: Identity, kind: ApprovalKind, expiresOn: string, daysLeft: number | undefined) => void,
): void {
  const subjects = accountableIdentities(graph);
  const daysByDate = approvalDaysLeft(graph, today);
  // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
  for (let s = 0; s < subjects.length; s++) {
    for (let k = 0; k < APPROVAL_KINDS.length; k++) {
      const expiresOn = APPROVAL_KINDS[k].approvalIn(subjects[s].facts)?.expiresOn;
      if (expiresOn !== undefined)
        visit(subjects[s].identity, APPROVAL_KINDS[k], expiresOn, daysByDate.get(expiresOn));
    }
  }
}

/** Identities whose declared TTL is above the policy maximum (WI107's finding), with that TTL. */
export function declaredTtlAboveMaximum(graph: IdentityGraph, maxTtlSeconds: number): Map<string, number> {
  const above = new Map<string, number>();
  // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
  const subjects = accountableIdentities(graph);
  for (let s = 0; s < subjects.length; s++) {
    const { identity, facts } = subjects[s];
    if (facts.ttlSeconds !== undefined && facts.ttlSeconds > maxTtlSeconds)
      above.set(identity.id, facts.ttlSeconds);
  }
  return above;
}

/**
 * True when a credential lifetime breach on a role is the declared TTL's breach that WI107 already
 * reports: every identity using the role declares a TTL above the maximum, and the role lives no
 * longer than that TTL (it only implements the declaration). One breach, one finding, whose fix
 * (lower the declared `ttl`) is the one the user can act on.
 */
export function isDeclaredTtlBreach(
  lifetimeSeconds: number,
  identityIds: readonly string[],
  declaredAbove: ReadonlyMap<string, number>,
): boolean {
  return (
    identityIds.length > 0 &&
    identityIds.every((id) => {
      const declared = declaredAbove.get(id);
      return declared !== undefined && lifetimeSeconds <= declared;
    })
  );
}
