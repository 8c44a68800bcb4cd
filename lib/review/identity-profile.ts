import { formatSeconds } from "../model/duration-text";
import { issuerUrlOfProviderArn } from "../model/issuer";
import type { AwsPolicy, Identity, IdentityGraph, VaultRole } from "../model/graph";
import { PrincipalDirectory } from "../analysis/principal-directory";
import type { PolicyDocument } from "../model/iam-policy";
import type { ApprovalRecord, OwnerRecord, SuppressionRecord } from "../model/record";
import { isUnknown, type Maybe } from "../model/unknown";

export const UNKNOWN_TEXT = "unknown — needs review";
/** AWS applies this session duration when a role sets none. */
const AWS_DEFAULT_SESSION_SECONDS = 3600;

/** A credential lifetime: seconds when known; `text` is what reports show. */
export interface TtlValue {
  readonly seconds?: number;
  readonly text: string;
}

/** One comparable fact about what an identity can reach or who can assume it. */
export interface ProfileEntry {
  readonly text: string;
  /** Scope: `deny` entries narrow. Trust: `condition` entries restrict, `principal` entries admit. */
  readonly role: "allow" | "deny" | "principal" | "condition";
  /** A wildcard pattern in a trust binding (StringLike with `*`/`?`, Vault glob claims). */
  readonly pattern?: boolean;
  /** For conditions: what is constrained (role + operator + key); a new value in a known group widens. */
  readonly group?: string;
}

/**
 * Everything the review and the inventory compare or show about one identity, flattened to
 * plain strings so base and head can be diffed by value. Built from the graph (what Terraform
 * will create), with the embedded record, tags or Vault header for accountability.
 */
export interface IdentityProfile {
  readonly id: string;
  readonly name: string;
  readonly kind: Identity["kind"];
  readonly stack?: string;
  readonly address: string;
  readonly file: string;
  /** `file:line` of the code that declared the identity (from its record), when known. */
  readonly declaredAt?: string;
  readonly accountabilitySource: Identity["accountability"]["source"];
  readonly owner?: Partial<OwnerRecord>;
  readonly issuer?: string;
  readonly issuerOwner?: Partial<OwnerRecord>;
  readonly approver?: Partial<ApprovalRecord>;
  readonly secretsApprover?: Partial<ApprovalRecord>;
  readonly description?: string;
  readonly ttl: TtlValue;
  readonly subjects: readonly string[];
  readonly scope: readonly ProfileEntry[];
  readonly trust: readonly ProfileEntry[];
  readonly suppressions: readonly SuppressionRecord[];
}

export function profileIdentity(identity: Identity, graph: IdentityGraph): IdentityProfile {
  const accountability = identity.accountability;
  const record = identity.record;
  return {
    id: identity.id,
    name: identity.name,
    kind: identity.kind,
    stack: identity.stack,
    address: identity.location.address,
    file: identity.location.file,
    declaredAt: record?.declaredAt,
    accountabilitySource: accountability.source,
    owner: accountability.owner ?? record?.owner,
    issuer: record?.issuer.url ?? inferIssuer(identity),
    issuerOwner: accountability.issuerOwner ?? record?.issuer.owner,
    approver: accountability.approver ?? record?.approver,
    secretsApprover: accountability.secretsApprover ?? record?.secretsApprover,
    description: accountability.description ?? record?.description,
    ttl: effectiveTtl(identity),
    subjects: subjectsOf(identity),
    scope: sortEntries(scopeEntries(identity, PrincipalDirectory.of(graph))),
    trust: sortEntries(trustEntries(identity)),
    suppressions: record?.suppressions ?? [],
  };
}

/** Plain code-unit comparison: identical order on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortEntries(entries: ProfileEntry[]): ProfileEntry[] {
  const unique = new Map<string, ProfileEntry>();
  for (const entry of entries) unique.set(`${entry.role}\u0000${entry.text}`, entry);
  return [...unique.values()].sort((a, b) => compareText(a.text, b.text) || compareText(a.role, b.role));
}

function known<T>(value: Maybe<T> | undefined): T | undefined {
  return value === undefined || isUnknown(value) ? undefined : (value as T);
}

/** Declared TTL (record, tags, header); else the longest lifetime the resources allow. */
function effectiveTtl(identity: Identity): TtlValue {
  const declared = identity.record?.ttlSeconds ?? identity.accountability.ttlSeconds;
  if (typeof declared === "number") return { seconds: declared, text: formatSeconds(declared) };
  const lifetimes: number[] = [];
  for (const role of identity.awsRoles) {
    const value = role.maxSessionDurationSeconds;
    if (isUnknown(value)) return { text: UNKNOWN_TEXT };
    lifetimes.push(value ?? AWS_DEFAULT_SESSION_SECONDS);
  }
  for (const role of identity.vaultRoles) {
    if (
      isUnknown(role.tokenPeriod) ||
      isUnknown(role.tokenExplicitMaxTtl) ||
      isUnknown(role.tokenMaxTtl) ||
      isUnknown(role.tokenTtl)
    ) {
      return { text: UNKNOWN_TEXT };
    }
    if (typeof role.tokenPeriod === "number" && role.tokenPeriod > 0)
      return { seconds: Infinity, text: "unbounded (periodic token)" };
    const cap = [role.tokenExplicitMaxTtl, role.tokenMaxTtl, role.tokenTtl].find(
      (v) => typeof v === "number" && v > 0,
    );
    if (cap === undefined) return { seconds: Infinity, text: "Vault mount default (not capped by the role)" };
    lifetimes.push(cap as number);
  }
  if (lifetimes.length === 0) return { text: "none declared" };
  const longest = Math.max(...lifetimes);
  return { seconds: longest, text: formatSeconds(longest) };
}

function inferIssuer(identity: Identity): string | undefined {
  const issuers = new Set<string>();
  for (const role of identity.awsRoles) {
    const trust = known(role.trust);
    if (!trust) continue;
    for (const statement of trust.statements) {
      for (const principal of statement.principals) {
        if (principal.type !== "Federated" && principal.type !== "Service") continue;
        for (const value of principal.values) issuers.add(issuerUrlOfProviderArn(value) ?? value);
      }
    }
  }
  for (const role of identity.vaultRoles) {
    const issuer = known(role.backend?.boundIssuer) ?? known(role.backend?.oidcDiscoveryUrl);
    const mount = known(role.backendPath);
    issuers.add(issuer ?? `vault auth mount ${mount ?? UNKNOWN_TEXT}`);
  }
  return issuers.size > 0 ? [...issuers].sort(compareText).join(", ") : undefined;
}

function subjectsOf(identity: Identity): string[] {
  if (identity.record) return [identity.record.subject.value];
  const subjects = new Set<string>();
  for (const role of identity.awsRoles) {
    const trust = role.trust;
    if (isUnknown(trust)) {
      subjects.add(UNKNOWN_TEXT);
      continue;
    }
    for (const statement of trust.statements) {
      for (const condition of statement.conditions) {
        if (/:sub$/i.test(condition.key)) condition.values.forEach((value) => subjects.add(value));
      }
    }
  }
  for (const role of identity.vaultRoles) {
    const subject =
      role.boundSubject ?? (isUnknown(role.boundClaims) ? role.boundClaims : role.boundClaims?.sub);
    if (isUnknown(subject)) subjects.add(UNKNOWN_TEXT);
    else if (subject) subjects.add(subject);
    const namespaces = known(role.boundServiceAccountNamespaces) ?? [];
    const names = known(role.boundServiceAccountNames) ?? [];
    for (const namespace of namespaces)
      for (const name of names) subjects.add(`system:serviceaccount:${namespace}:${name}`);
  }
  return [...subjects].sort(compareText);
}

function scopeEntries(identity: Identity, directory: PrincipalDirectory): ProfileEntry[] {
  const entries: ProfileEntry[] = [];
  // One policy attached to two of the identity's principals is one grant.
  const seenPolicies = new Set<string>();
  for (const { policy } of directory.awsPoliciesOf(identity)) {
    const key = `${policy.location.stack ?? ""}:${policy.location.address}:${known(policy.arn) ?? ""}`;
    if (seenPolicies.has(key)) continue;
    seenPolicies.add(key);
    entries.push(...awsPolicyEntries(policy));
  }
  for (const role of identity.vaultRoles) entries.push(...vaultScopeEntries(role));
  return entries;
}

function awsPolicyEntries(policy: AwsPolicy): ProfileEntry[] {
  if (isUnknown(policy.document)) {
    const arn = known(policy.arn);
    if (policy.kind === "aws-managed" && arn) return [{ text: `AWS managed policy ${arn}`, role: "allow" }];
    return [
      {
        text: `AWS policy ${policy.location.address}: ${UNKNOWN_TEXT} (${policy.document.reason})`,
        role: "allow",
      },
    ];
  }
  return documentEntries(policy.document);
}

function documentEntries(document: PolicyDocument): ProfileEntry[] {
  const entries: ProfileEntry[] = [];
  for (const statement of document.statements) {
    const actions = [...statement.actions, ...statement.notActions.map((a) => `NOT ${a}`)];
    const resources = [...statement.resources, ...statement.notResources.map((r) => `NOT ${r}`)];
    const conditions = statement.conditions
      .map((c) => `${c.operator} ${c.key}=${c.values.join("|")}`)
      .sort(compareText);
    const when = conditions.length > 0 ? ` when ${conditions.join(" and ")}` : "";
    const effect = statement.effect === "Deny" ? "deny" : "allow";
    for (const action of actions.length > 0 ? actions : ["(no action)"]) {
      for (const resource of resources.length > 0 ? resources : ["(no resource)"]) {
        entries.push({ text: `AWS ${effect} ${action} on ${resource}${when}`, role: effect });
      }
    }
  }
  return entries;
}

function vaultScopeEntries(role: VaultRole): ProfileEntry[] {
  const entries: ProfileEntry[] = [];
  const names = known(role.tokenPolicies);
  if (isUnknown(role.tokenPolicies))
    entries.push({ text: `Vault token policies: ${UNKNOWN_TEXT}`, role: "allow" });
  const present = new Set(role.policies.map((p) => known(p.name)));
  for (const name of names ?? []) {
    if (!present.has(name)) entries.push({ text: `Vault policy ${name} (not in the inputs)`, role: "allow" });
  }
  for (const policy of role.policies) {
    if (isUnknown(policy.rules)) {
      entries.push({
        text: `Vault policy ${known(policy.name) ?? policy.location.address}: ${UNKNOWN_TEXT}`,
        role: "allow",
      });
      continue;
    }
    for (const rule of policy.rules) {
      for (const capability of rule.capabilities) {
        entries.push({
          text: `Vault ${capability} ${rule.path}`,
          role: capability === "deny" ? "deny" : "allow",
        });
      }
    }
  }
  return entries;
}

function trustEntries(identity: Identity): ProfileEntry[] {
  const entries: ProfileEntry[] = [];
  const awsPrefix = (address: string) => (identity.awsRoles.length > 1 ? `AWS role ${address}` : "AWS role");
  for (const role of identity.awsRoles) {
    const prefix = awsPrefix(role.location.address);
    if (isUnknown(role.trust)) {
      entries.push({ text: `${prefix} trust: ${UNKNOWN_TEXT} (${role.trust.reason})`, role: "principal" });
      continue;
    }
    for (const statement of role.trust.statements) {
      if (statement.effect !== "Allow") continue;
      for (const principal of statement.principals) {
        for (const value of principal.values.length > 0 ? principal.values : ["*"]) {
          const text = `${prefix} trusts ${principal.type === "*" ? "*" : `${principal.type} ${value}`} (${statement.actions.join(", ")})`;
          entries.push({ text, role: "principal", pattern: principal.type === "*" || value === "*" });
        }
      }
      for (const condition of statement.conditions) {
        const like = /Like/i.test(condition.operator);
        for (const value of condition.values) {
          entries.push({
            text: `${prefix} requires ${condition.operator} ${condition.key} = ${value}`,
            role: "condition",
            group: `${prefix} ${condition.operator} ${condition.key}`,
            pattern: like && /[*?]/.test(value),
          });
        }
      }
    }
  }
  const vaultPrefix = (address: string) =>
    identity.vaultRoles.length > 1 ? `Vault role ${address}` : "Vault role";
  for (const role of identity.vaultRoles) {
    const prefix = vaultPrefix(role.location.address);
    const show = (value: unknown) => (isUnknown(value) ? UNKNOWN_TEXT : String(value));
    entries.push({
      text: `${prefix} on auth mount ${show(role.backendPath)} (${role.authType})`,
      role: "principal",
    });
    if (role.userClaim !== undefined)
      entries.push({ text: `${prefix} user_claim = ${show(role.userClaim)}`, role: "principal" });
    const glob = role.boundClaimsType === "glob";
    const audiences = role.boundAudiences;
    if (isUnknown(audiences))
      entries.push({ text: `${prefix} bound_audiences: ${UNKNOWN_TEXT}`, role: "condition" });
    else
      for (const aud of audiences ?? []) {
        entries.push({ text: `${prefix} requires aud = ${aud}`, role: "condition", group: `${prefix} aud` });
      }
    if (role.boundSubject !== undefined) {
      entries.push({
        text: `${prefix} requires sub = ${show(role.boundSubject)}`,
        role: "condition",
        group: `${prefix} sub`,
      });
    }
    const claims = role.boundClaims;
    if (isUnknown(claims))
      entries.push({ text: `${prefix} bound_claims: ${UNKNOWN_TEXT}`, role: "condition" });
    else {
      for (const [claim, value] of Object.entries(claims ?? {})) {
        entries.push({
          text: `${prefix} requires claim ${claim} ${glob ? "matching glob" : "="} ${value}`,
          role: "condition",
          group: `${prefix} claim ${claim}`,
          pattern: glob && /[*?]/.test(value),
        });
      }
    }
    for (const namespace of known(role.boundServiceAccountNamespaces) ?? []) {
      entries.push({
        text: `${prefix} requires service account namespace = ${namespace}`,
        role: "condition",
        group: `${prefix} namespace`,
        pattern: namespace.includes("*"),
      });
    }
    for (const name of known(role.boundServiceAccountNames) ?? []) {
      entries.push({
        text: `${prefix} requires service account name = ${name}`,
        role: "condition",
        group: `${prefix} service account`,
        pattern: name.includes("*"),
      });
    }
  }
  return entries;
}
