import type { Evaluation } from "../engine/evaluate";
import type { Finding } from "../model/finding";
import type { ApprovalRecord, OwnerRecord } from "../model/record";
import { compareText, profileIdentity, type IdentityProfile, type ProfileEntry } from "./identity-profile";
import { inventoryRowFromProfile, type InventoryRow } from "./inventory";

export type IdentityChangeKind =
  | "ttl-raised"
  | "ttl-lowered"
  | "scope-widened"
  | "scope-narrowed"
  | "trust-widened"
  | "trust-changed"
  | "owner-changed"
  | "issuer-owner-changed"
  | "approver-changed"
  | "secrets-approver-changed"
  | "suppression-added"
  | "suppression-removed";

/** Kinds that make an identity more powerful or less accountable; listed first. */
export const WIDENING_CHANGES: ReadonlySet<IdentityChangeKind> = new Set([
  "ttl-raised",
  "scope-widened",
  "trust-widened",
  "owner-changed",
  "issuer-owner-changed",
  "approver-changed",
  "secrets-approver-changed",
  "suppression-added",
]);

const CHANGE_ORDER: readonly IdentityChangeKind[] = [
  "trust-widened",
  "scope-widened",
  "ttl-raised",
  "owner-changed",
  "issuer-owner-changed",
  "approver-changed",
  "secrets-approver-changed",
  "suppression-added",
  "trust-changed",
  "scope-narrowed",
  "ttl-lowered",
  "suppression-removed",
];

export interface IdentityChange {
  readonly kind: IdentityChangeKind;
  /** One sentence for people. */
  readonly summary: string;
  readonly before?: string;
  readonly after?: string;
  /** Entries that appeared (scope, trust) or details (suppression reason). */
  readonly added?: readonly string[];
  readonly removed?: readonly string[];
}

export interface ReviewedIdentity {
  readonly id: string;
  readonly name: string;
  readonly kind: IdentityProfile["kind"];
  readonly stack?: string;
  readonly changes: readonly IdentityChange[];
  /** What the identity is (head version; base version for a removed one): trust, reach, accountability. */
  readonly profile: IdentityProfile;
  /** Findings of head that name this identity: new in this change, and already present in base. */
  readonly findings: { readonly new: readonly Finding[]; readonly unchanged: readonly Finding[] };
}

export interface ReviewDiff {
  readonly identities: {
    readonly added: readonly ReviewedIdentity[];
    readonly removed: readonly ReviewedIdentity[];
    readonly changed: readonly ReviewedIdentity[];
  };
  readonly findings: {
    /** In head, not in base (by fingerprint). Only these can block. */
    readonly new: readonly Finding[];
    /** In base, not in head. */
    readonly fixed: readonly Finding[];
    /** In both; the head version. */
    readonly unchanged: readonly Finding[];
  };
  /** New findings that block: errors without an active suppression. Exit 1 when non-empty. */
  readonly blocking: readonly Finding[];
  /** Who is accountable for each head identity, with added/changed ones marked. */
  readonly accountability: readonly (InventoryRow & { readonly status: "added" | "changed" | "unchanged" })[];
  /** The date and warning window the expiry checks used. */
  readonly today: string;
  readonly expiryWarningDays: number;
}

/**
 * The PR view of two evaluations of the same app: what the change does to workload identities
 * and which findings it introduces. Pure: base and head are evaluated by the caller with the
 * same policy; the head policy's date and warning window drive expiry checks.
 */
export function diffReview(base: Evaluation, head: Evaluation): ReviewDiff {
  const today = head.policy.today;
  const warningDays = head.policy.expiryWarningDays;
  const baseProfiles = new Map(base.graph.identities.map((i) => [i.id, profileIdentity(i, base.graph)]));
  const headProfiles = new Map(head.graph.identities.map((i) => [i.id, profileIdentity(i, head.graph)]));

  const baseFingerprints = new Set(base.findings.map((f) => f.fingerprint));
  const headFingerprints = new Set(head.findings.map((f) => f.fingerprint));
  const newFindings = head.findings.filter((f) => !baseFingerprints.has(f.fingerprint));
  const findingsOf = findingsByIdentity(head.findings, baseFingerprints);
  const noFindings = { new: [], unchanged: [] };

  const added: ReviewedIdentity[] = [];
  const changed: ReviewedIdentity[] = [];
  const removed: ReviewedIdentity[] = [];
  const status = new Map<string, "added" | "changed" | "unchanged">();
  for (const [id, after] of headProfiles) {
    const before = baseProfiles.get(id);
    const findings = findingsOf.get(id) ?? noFindings;
    if (!before) {
      added.push(reviewed(after, [], findings));
      status.set(id, "added");
      continue;
    }
    // Only real changes count: an approval or suppression expiring soon is WI105's finding.
    const changes = compareProfiles(before, after);
    if (changes.length > 0) changed.push(reviewed(after, changes, findings));
    status.set(id, changes.length > 0 ? "changed" : "unchanged");
  }
  for (const [id, before] of baseProfiles)
    if (!headProfiles.has(id)) removed.push(reviewed(before, [], noFindings));

  const accountability = [...headProfiles.values()]
    .sort((a, b) => compareText(a.id, b.id))
    .map((profile) => ({
      ...inventoryRowFromProfile(profile),
      status: status.get(profile.id) ?? "unchanged",
    }));
  return {
    identities: { added: sortById(added), removed: sortById(removed), changed: sortById(changed) },
    findings: {
      new: newFindings,
      fixed: base.findings.filter((f) => !headFingerprints.has(f.fingerprint)),
      unchanged: head.findings.filter((f) => baseFingerprints.has(f.fingerprint)),
    },
    blocking: newFindings.filter((f) => f.severity === "error" && !f.suppressedBy),
    accountability,
    today,
    expiryWarningDays: warningDays,
  };
}

/** True when the PR changes nothing a reviewer of identities needs to look at. */
export function isQuietReview(diff: ReviewDiff): boolean {
  const { added, removed, changed } = diff.identities;
  return (
    added.length + removed.length + changed.length + diff.findings.new.length + diff.findings.fixed.length ===
    0
  );
}

function sortById(list: ReviewedIdentity[]): ReviewedIdentity[] {
  return list.sort((a, b) => compareText(a.id, b.id));
}

function reviewed(
  profile: IdentityProfile,
  changes: IdentityChange[],
  findings: ReviewedIdentity["findings"],
): ReviewedIdentity {
  const ordered = [...changes].sort((a, b) => CHANGE_ORDER.indexOf(a.kind) - CHANGE_ORDER.indexOf(b.kind));
  return {
    id: profile.id,
    name: profile.name,
    kind: profile.kind,
    stack: profile.stack,
    changes: ordered,
    profile,
    findings,
  };
}

/** Head findings by the identities they name, split into new (not in base) and unchanged. */
function findingsByIdentity(
  findings: readonly Finding[],
  baseFingerprints: ReadonlySet<string>,
): Map<string, { new: Finding[]; unchanged: Finding[] }> {
  const byId = new Map<string, { new: Finding[]; unchanged: Finding[] }>();
  for (const finding of findings) {
    for (const id of new Set(finding.identityIds)) {
      let entry = byId.get(id);
      if (!entry) byId.set(id, (entry = { new: [], unchanged: [] }));
      (baseFingerprints.has(finding.fingerprint) ? entry.unchanged : entry.new).push(finding);
    }
  }
  return byId;
}

/** The changes between two versions of one identity. */
export function compareProfiles(before: IdentityProfile, after: IdentityProfile): IdentityChange[] {
  const changes: IdentityChange[] = [];
  changes.push(...ttlChanges(before, after));
  changes.push(...scopeChanges(before.scope, after.scope));
  changes.push(...trustChanges(before.trust, after.trust));
  const person = (kind: IdentityChangeKind, label: string, a: string | undefined, b: string | undefined) => {
    if (a !== b) changes.push({ kind, summary: `${label} changed`, before: a ?? "none", after: b ?? "none" });
  };
  person("owner-changed", "Owner", ownerText(before.owner), ownerText(after.owner));
  person("issuer-owner-changed", "Issuer owner", ownerText(before.issuerOwner), ownerText(after.issuerOwner));
  person("approver-changed", "Approver", approvalText(before.approver), approvalText(after.approver));
  person(
    "secrets-approver-changed",
    "Secrets approver",
    approvalText(before.secretsApprover),
    approvalText(after.secretsApprover),
  );

  const suppressionKey = (s: IdentityProfile["suppressions"][number]) =>
    `${s.ruleId} by ${s.approver} until ${s.expiresOn}: ${s.reason}`;
  const beforeSuppressions = new Set(before.suppressions.map(suppressionKey));
  const afterSuppressions = new Set(after.suppressions.map(suppressionKey));
  const addedSuppressions = [...afterSuppressions]
    .filter((s) => !beforeSuppressions.has(s))
    .sort(compareText);
  const removedSuppressions = [...beforeSuppressions]
    .filter((s) => !afterSuppressions.has(s))
    .sort(compareText);
  if (addedSuppressions.length > 0) {
    changes.push({
      kind: "suppression-added",
      summary: "Suppression added or changed",
      added: addedSuppressions,
    });
  }
  if (removedSuppressions.length > 0) {
    changes.push({
      kind: "suppression-removed",
      summary: "Suppression removed or changed",
      removed: removedSuppressions,
    });
  }
  return changes;
}

function ttlChanges(before: IdentityProfile, after: IdentityProfile): IdentityChange[] {
  const a = before.ttl;
  const b = after.ttl;
  if (a.text === b.text && a.seconds === b.seconds) return [];
  // A lifetime that became unknown could be anything: treat it as raised.
  const raised = b.seconds === undefined || (a.seconds !== undefined && b.seconds > a.seconds);
  const lowered = !raised && a.seconds !== undefined && b.seconds !== undefined && b.seconds < a.seconds;
  if (!raised && !lowered) return [];
  return [
    {
      kind: raised ? "ttl-raised" : "ttl-lowered",
      summary: raised ? "TTL raised" : "TTL lowered",
      before: a.text,
      after: b.text,
    },
  ];
}

function entryDiff(before: readonly ProfileEntry[], after: readonly ProfileEntry[]) {
  const key = (e: ProfileEntry) => `${e.role}\u0000${e.text}`;
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return {
    added: after.filter((e) => !beforeKeys.has(key(e))),
    removed: before.filter((e) => !afterKeys.has(key(e))),
  };
}

function scopeChanges(before: readonly ProfileEntry[], after: readonly ProfileEntry[]): IdentityChange[] {
  const { added, removed } = entryDiff(before, after);
  const widening = [...added.filter((e) => e.role === "allow"), ...removed.filter((e) => e.role === "deny")];
  const narrowing = [...removed.filter((e) => e.role === "allow"), ...added.filter((e) => e.role === "deny")];
  const texts = (entries: ProfileEntry[], role: ProfileEntry["role"]) =>
    entries.filter((e) => e.role === role).map((e) => e.text);
  const changes: IdentityChange[] = [];
  if (widening.length > 0) {
    changes.push({
      kind: "scope-widened",
      summary: "Scope widened",
      added: [...texts(added, "allow"), ...texts(removed, "deny").map((t) => `${t} (deny removed)`)],
    });
  }
  if (narrowing.length > 0) {
    changes.push({
      kind: "scope-narrowed",
      summary: "Scope narrowed",
      removed: [...texts(removed, "allow"), ...texts(added, "deny").map((t) => `${t} (deny added)`)],
    });
  }
  return changes;
}

/**
 * A trust binding is widened when it admits a new principal, accepts a new value for a condition
 * it already had (another subject or audience), introduces a wildcard pattern, or drops a condition
 * value (a changed subject drops the old one). A condition on a new key only narrows.
 */
function trustChanges(before: readonly ProfileEntry[], after: readonly ProfileEntry[]): IdentityChange[] {
  const { added, removed } = entryDiff(before, after);
  if (added.length === 0 && removed.length === 0) return [];
  const patternIntroduced = added.some((e) => e.pattern);
  const knownGroups = new Set(before.filter((e) => e.group !== undefined).map((e) => e.group));
  const widened =
    patternIntroduced ||
    added.some((e) => e.role === "principal" || (e.group !== undefined && knownGroups.has(e.group))) ||
    removed.some((e) => e.role === "condition");
  return [
    {
      kind: widened ? "trust-widened" : "trust-changed",
      summary: patternIntroduced
        ? "Trust widened: wildcard pattern introduced"
        : widened
          ? "Trust widened"
          : "Trust narrowed",
      added: added.map((e) => e.text),
      removed: removed.map((e) => e.text),
    },
  ];
}

export function ownerText(owner: Partial<OwnerRecord> | undefined): string | undefined {
  if (!owner || (!owner.team && !owner.contact)) return undefined;
  return owner.contact ? `${owner.team ?? "unknown team"} (${owner.contact})` : owner.team;
}

export function approvalText(approval: Partial<ApprovalRecord> | undefined): string | undefined {
  if (!approval || (!approval.name && !approval.reference)) return undefined;
  const parts = [approval.name ?? "unknown approver"];
  if (approval.reference) parts.push(approval.reference);
  if (approval.expiresOn) parts.push(`until ${approval.expiresOn}`);
  return parts.join(", ");
}
