import type { RuleResult } from "../../model/finding";
import type { Identity } from "../../model/graph";
import { VaultPathIndex } from "../../pattern/vault-path-index";
import { vaultPathsOverlap, vaultPathsOverlapOutside } from "../../pattern/vault-path";
import type { Rule } from "../rule";
import { quoteIdentity, unknownIdentityResult } from "../../analysis/identity-pairs";
import {
  classesOf,
  compareIds,
  groupLocations,
  identitiesOf,
  overlappingClasses,
  quoteIdentityList,
} from "../../analysis/shared-groups";
import type { VaultReachPath } from "../../analysis/vault-reach";
import {
  pairsThatMayShareAnEntity,
  separatedByEntityTemplate,
  vaultReachOf,
} from "../../analysis/vault-reach";
import { quote } from "../../analysis/quote";
import { VaultLogins } from "../../analysis/vault-approle-login";

interface ReachEntry extends VaultReachPath {
  readonly owner: string;
  readonly pattern: string;
  readonly identity: Identity;
}

/**
 * Identities reaching one Vault path (one side) or two overlapping paths (two sides): every
 * identity of a side shares with every identity of the other side, and of its own side when the
 * share has one side. Identities with the same path and the same paths taken away are one class,
 * compared once, so N identities on one path cost one comparison and give one share.
 */
export interface VaultPathShare {
  readonly sides: readonly (readonly ReachEntry[])[];
}

/** Rules of one path compare alike unless an entity template separates them (then by role). */
function comparisonKey(entry: ReachEntry, position: number): string {
  if (entry.entityTemplate !== undefined) return `entry\u0000${position}`;
  const excluded = entry.excluded.length <= 1 ? entry.excluded : [...new Set(entry.excluded)].sort();
  // Each text led by its length: no two lists of texts give one key.
  let key = `${entry.pattern.length}:${entry.pattern}`;
  for (let i = 0; i < excluded.length; i++) key += `${excluded[i].length}:${excluded[i]}`;
  return key;
}

function reachOverlaps(a: ReachEntry, b: ReachEntry): boolean {
  // Candidates share a path before subtraction; the exact test then takes away the paths a more
  // specific rule of either token does not grant (lib/analysis/vault-reach).
  if (separatedByEntityTemplate(a, b) || !vaultPathsOverlap(a.pattern, b.pattern)) return false;
  const excluded = [...a.excluded, ...b.excluded].filter(
    (pattern) => vaultPathsOverlap(pattern, a.pattern) && vaultPathsOverlap(pattern, b.pattern),
  );
  // Nothing taken away where they meet: they overlap, as just found.
  return excluded.length === 0 || vaultPathsOverlapOutside(a.pattern, b.pattern, excluded);
}

/**
 * One entity-templated segment under one path (`secret/data/{{identity.entity.id}}/*` held by
 * many roles) is one tag: such entries meet only when their roles may share an entity, so they
 * are paired through entity buckets instead of as candidates of each other.
 */
function templateTag(entry: ReachEntry): string | undefined {
  return entry.entityTemplate
    ? `${entry.entityTemplate.before}\u0000${entry.entityTemplate.expression}`
    : undefined;
}

/**
 * Every group of identities whose Vault reach overlaps, found through a path-segment index over
 * the distinct paths (only candidate pairs are compared), plus the identities whose reach is
 * partly unknown.
 */
export function sharedVaultPaths(identities: readonly Identity[]): {
  shares: VaultPathShare[];
  unknown: Array<{ identity: Identity; reasons: readonly string[] }>;
} {
  const entries: ReachEntry[] = [];
  const unknown: Array<{ identity: Identity; reasons: readonly string[] }> = [];
  const logins = VaultLogins.of(identities);
  // Indexed loops: this runs unoptimized, where each iterator step allocates.
  for (let i = 0; i < identities.length; i++) {
    const identity = identities[i];
    const reach = vaultReachOf(identity, logins.rolesBecomableBy(identity));
    if (reach.unknownReasons.length > 0) unknown.push({ identity, reasons: reach.unknownReasons });
    const paths = reach.paths;
    for (let p = 0; p < paths.length; p++) {
      const path = paths[p];
      // Written out, not spread: copying reach entries by spread was most of this loop's time.
      const entry: ReachEntry = {
        path: path.path,
        written: path.written,
        capabilities: path.capabilities,
        policy: path.policy,
        role: path.role,
        excluded: path.excluded,
        entityTemplate: path.entityTemplate,
        owner: identity.id,
        pattern: path.path,
        identity,
      };
      entries.push(entry);
    }
  }
  const classes = classesOf(entries, comparisonKey);
  const shares: VaultPathShare[] = [];
  for (const entryClass of classes) {
    const { representative } = entryClass;
    if (entryClass.owners.size > 1 && reachOverlaps(representative, representative))
      shares.push({ sides: [entryClass.entries] });
  }
  for (const [a, b] of overlappingClasses(classes, new VaultPathIndex<number>(), reachOverlaps, templateTag))
    shares.push({ sides: [a.entries, b.entries] });
  const templated = new Map<string, ReachEntry[]>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const tag = templateTag(entry);
    if (tag === undefined) continue;
    const group = templated.get(tag);
    if (group) group.push(entry);
    else templated.set(tag, [entry]);
  }
  for (const group of templated.values())
    for (const [a, b] of pairsThatMayShareAnEntity(group))
      if (a.owner !== b.owner && reachOverlaps(a, b)) shares.push({ sides: [[a], [b]] });
  return { shares: shares.map(orderSides).sort(compareShares), unknown };
}

/** The side holding the identity with the smallest id first, as pair findings ordered them. */
function orderSides(share: VaultPathShare): VaultPathShare {
  if (share.sides.length < 2) return share;
  const [a, b] = share.sides.map((side) => identitiesOf(side)[0].id);
  return a <= b ? share : { sides: [share.sides[1], share.sides[0]] };
}

function shareKey(share: VaultPathShare): string[] {
  return share.sides.map((side) => side[0].pattern);
}

function compareShares(a: VaultPathShare, b: VaultPathShare): number {
  return compareIds(JSON.stringify(shareKey(a)), JSON.stringify(shareKey(b)));
}

/** One finding per share: "N identities reach Vault path P", two identities as pair findings read. */
function shareResult(share: VaultPathShare): RuleResult {
  const all = share.sides.flat();
  const identities = identitiesOf(all);
  const patterns = shareKey(share);
  const { location, related } = groupLocations(all, (entry) => entry.policy.location, "per-identity");
  let message: string;
  if (identities.length === 2) {
    const [a, b] = identities.map(quoteIdentity);
    message =
      patterns.length === 1
        ? `Identities ${a} and ${b} both reach Vault path ${quote(patterns[0])}.`
        : `Identities ${a} and ${b} reach overlapping Vault paths ${quote(patterns[0])} and ${quote(patterns[1])}.`;
  } else {
    const paths =
      patterns.length === 1
        ? `Vault path ${quote(patterns[0])}`
        : `overlapping Vault paths ${quote(patterns[0])} and ${quote(patterns[1])}`;
    message = `${identities.length} identities reach ${paths}: ${quoteIdentityList(identities)}.`;
  }
  for (const note of new Set(all.map(loginNote))) message += note;
  return {
    message,
    location,
    related,
    identityIds: identities.map((identity) => identity.id),
    key: JSON.stringify(patterns.length === 1 ? [patterns[0], patterns[0]] : patterns),
  };
}

/** How an identity reaches an entry through a role it can log in as (AppRole secret IDs). */
function loginNote(entry: ReachEntry): string {
  if (entry.identity.vaultRoles.includes(entry.role)) return "";
  const name = typeof entry.role.roleName === "string" ? entry.role.roleName : entry.role.location.address;
  return ` ${quoteIdentity(entry.identity)} reaches it by logging in as AppRole role ${quote(name)} (it can issue that role's secret IDs).`;
}

export const WI301_SHARED_VAULT_PATH: Rule = {
  id: "WI301",
  title: "Two identities reach the same Vault secret path",
  severity: "error",
  rationale:
    "When two workloads can read or write the same secret, a compromise of either one exposes the other's " +
    "credentials, and the audit trail can no longer tell which workload used them (credential reuse).",
  fix:
    "Give each identity its own secret path (e.g. secret/data/<team>/<workload>/...), narrow globs so they " +
    "do not cover another workload's path, or, if the sharing is intended, record an approved suppression " +
    "for WI301 (reason, approver, expiry) on both identities.",
  owasp: ["NHI9", "NHI2"],
  semantics: [
    "A token carries its role's `token_policies` (names lower-cased and trimmed) plus `default` unless `token_no_default_policy` is true; a `vault_policy` named `default` is that policy rewritten (https://developer.hashicorp.com/vault/docs/concepts/policies, https://developer.hashicorp.com/vault/api-docs/system/policies-acl).",
    "Rules for one path from several policies merge and `deny` on that path wins; for each request the most specific matching rule alone applies (Vault's priority matching), so a more specific rule without a reaching capability takes its paths away from a broader glob (https://developer.hashicorp.com/vault/docs/concepts/policies#priority-matching).",
    "Reaching capabilities are create, read, update, patch, delete and sudo; `list` only names keys (https://developer.hashicorp.com/vault/docs/concepts/policies#capabilities).",
    "Policy paths are relative to the policy's namespace: the same path in two namespaces is distinct, and a parent namespace's `child/secret/...` is the child's `secret/...` (https://developer.hashicorp.com/vault/docs/enterprise/namespaces).",
    "A resource's namespace is its Vault provider configuration's `namespace` (the `provider = \"vault.<alias>\"` it names, else the default one; in a plan, its `provider_config_key`) with the resource's own `namespace` nested inside; either unknown makes the reach unknown (https://registry.terraform.io/providers/hashicorp/vault/latest/docs#namespace).",
    "KV v2 `metadata/`, `delete/`, `destroy/` and `undelete/` with a writing or deleting capability act on the secret at `data/`; reading metadata is not reach (https://developer.hashicorp.com/vault/docs/secrets/kv/kv-v2).",
    "`cubbyhole/` is private to each token and never shared (https://developer.hashicorp.com/vault/docs/secrets/cubbyhole).",
    "A templated segment (`{{identity.entity.id}}`, `{{identity.entity.name}}`, `{{identity.entity.aliases.<accessor>.name}}`) takes the token's own entity's value: compared as any value against other paths, and never shared between tokens of distinct entities (other mount, other exact subject, other AppRole or service account) (https://developer.hashicorp.com/vault/docs/concepts/policies#templated-policies, https://developer.hashicorp.com/vault/docs/concepts/identity).",
    "Policies of the token's entity and of its identity groups apply too: internal groups through `member_entity_ids` (a parent group's policies reach its member groups' entities), external groups through group aliases matched by the role's `groups_claim`; an entity alias applies to a JWT role whose `user_claim` value may equal its name. Membership not known statically is reported (https://developer.hashicorp.com/vault/docs/concepts/identity).",
    "A token that can issue an AppRole role's secret IDs (`create` or `update` on `auth/<mount>/role/<name>/secret-id` or `/custom-secret-id`), or read its `role-id` when `bind_secret_id` is false, can log in as that role and reaches what its token policies reach, to any depth. AppRole resolves role names without regard to case while policy paths match case-sensitively, so any spelling of the name a policy grants counts (https://developer.hashicorp.com/vault/docs/auth/approle, https://developer.hashicorp.com/vault/api-docs/auth/approle, hashicorp/vault#3665).",
    "Policies may be written in HCL or JSON (https://developer.hashicorp.com/vault/docs/concepts/policies#policy-syntax).",
  ],
  check({ graph }) {
    const { shares, unknown } = sharedVaultPaths(graph.identities);
    const results = shares.map(shareResult);
    for (const { identity, reasons } of unknown) {
      results.push(unknownIdentityResult(identity, "Vault policies", reasons));
    }
    return results;
  },
};
