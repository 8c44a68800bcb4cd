/**
 * What a Vault token can do, as Vault's ACL decides it
 * (https://developer.hashicorp.com/vault/docs/concepts/policies):
 *
 * * a token carries the policies of its role: `token_policies` (names compared lower-cased and
 *   trimmed) plus `default` unless `token_no_default_policy` is true (the extractor links them, see
 *   VaultRole.policies; a built-in `default` that is not rewritten in the inputs reaches nothing
 *   shared: its paths are the token's own `cubbyhole/` and self-lookups);
 * * rules for the same path from several policies merge: capabilities add up, and `deny` on that
 *   path wins over everything;
 * * reaching capabilities are VAULT_SECRET_CAPABILITIES (lib/model/secret-material);
 * * for a request path Vault applies ONE rule: the most specific one that matches, by the
 *   documented priority order ("Priority matching"; lib/pattern/vault-path compareVaultPathPriority).
 *   So a rule grants its paths minus those of every higher-priority rule; a higher-priority rule
 *   without the capability (or with `deny`) takes those paths away. Reach entries carry these
 *   exclusions and comparisons subtract them exactly (lib/pattern/pattern-difference);
 * * paths are relative to the policy's namespace: the entries hold absolute paths
 *   (`ns1/ns2/secret/...`), so the same path in two namespaces is distinct and a parent namespace's
 *   `ns2/secret/x` is its child's `secret/x` (https://developer.hashicorp.com/vault/docs/enterprise/namespaces);
 * * `cubbyhole/` is private to each token (https://developer.hashicorp.com/vault/docs/secrets/cubbyhole),
 *   so it is never shared;
 * * KV v2 keeps a secret's versions under `<mount>/data/<key>`; `metadata/`, `delete/`, `destroy/`
 *   and `undelete/` act on that same secret (delete or destroy versions, shrink `max_versions`),
 *   so a rule there with a writing or deleting capability reaches `<mount>/data/<key>` instead;
 *   reading or listing metadata exposes no secret material and reaches nothing
 *   (https://developer.hashicorp.com/vault/docs/secrets/kv/kv-v2, /vault/api-docs/secret/kv/kv-v2).
 *   Mounts are not typed in the inputs, so every mount is read as KV v2 here;
 * * a templated segment (`{{identity.entity.id}}`) takes one value per token: reach widens it to
 *   any value, and it neither subtracts from nor is subtracted by other rules (both widen reach).
 *
 * A policy named by a role but absent from the inputs, unknown rules, namespaces or token policies
 * make the reach unknown (reported, never passed).
 */
import type { Identity, VaultPolicy, VaultPolicyRule, VaultRole } from "../model/graph";
import { isUnknown } from "../model/unknown";
import { missingVaultPolicyNames } from "../model/vault-names";
import { VAULT_SECRET_CAPABILITIES } from "../model/secret-material";
import { compareVaultPathPriority, vaultPathsOverlap } from "../pattern/vault-path";
import { quote } from "./quote";
import { AnalysisMemo } from "./analysis-memo";

/** Capabilities by which a KV v2 control path acts on the secret's versions. */
const KV_ACTING_CAPABILITIES: ReadonlySet<string> = new Set(["create", "update", "patch", "delete", "sudo"]);
const KV_CONTROL_SEGMENTS = new Set(["metadata", "delete", "destroy", "undelete"]);

export interface VaultReachPath {
  /** Absolute path pattern compared across identities (namespace prefix, leading `/` removed). */
  readonly path: string;
  /** The path as written in the policy. */
  readonly written: string;
  readonly capabilities: readonly string[];
  readonly policy: VaultPolicy;
  readonly role: VaultRole;
  /** Absolute patterns whose paths a more specific rule (or cubbyhole privacy) takes away. */
  readonly excluded: readonly string[];
  /**
   * For a rule whose first templated segment is a whole segment naming the token's entity
   * (`{{identity.entity.id}}`, `{{identity.entity.name}}`, `{{identity.entity.aliases.<accessor>.name}}`):
   * the absolute path before that segment and the template. Two tokens of distinct entities never
   * meet on such a segment.
   */
  readonly entityTemplate?: { readonly before: string; readonly expression: string };
}

export interface VaultReach {
  readonly paths: readonly VaultReachPath[];
  /** Why part of the reach could not be determined; empty when fully known. */
  readonly unknownReasons: readonly string[];
}

export function normalizeVaultPath(path: string): string {
  return path.startsWith("/") ? path.replace(/^\/+/, "") : path;
}

function isTemplated(path: string): boolean {
  return path.includes("{{");
}

/**
 * The paths a templated rule can reach, as one pattern: from the templated segment on, a prefix
 * glob, which covers every value the template can take.
 */
function widenTemplate(path: string): string {
  const template = path.indexOf("{{");
  if (template < 0) return path;
  return `${path.slice(0, path.lastIndexOf("/", template) + 1)}*`;
}

/** Template parameters that take a value of the token's own entity (templated policies page). */
const ENTITY_TEMPLATE =
  /^\{\{\s*(identity\.entity\.(?:id|name)|identity\.entity\.aliases\.[^.{}\s]+\.name)\s*\}\}$/;

function entityTemplateOf(path: string): VaultReachPath["entityTemplate"] {
  const segments = path.split("/");
  const index = segments.findIndex((segment) => segment.includes("{{"));
  const match = index >= 0 ? ENTITY_TEMPLATE.exec(segments[index]) : null;
  if (!match) return undefined;
  return { before: segments.slice(0, index).join("/"), expression: match[1] };
}

/** The absolute form of a policy path: `<namespace>/<path>`. */
export function absoluteVaultPath(namespace: string | undefined, path: string): string {
  const relative = normalizeVaultPath(path);
  return namespace ? `${namespace}/${relative}` : relative;
}

/** One path rule of a token after merging every policy's rules for that path. */
interface MergedRule {
  readonly path: string;
  readonly written: string;
  readonly capabilities: readonly string[];
  readonly policy: VaultPolicy;
  readonly templated: boolean;
}

const MERGED = new AnalysisMemo<readonly VaultPolicy[], readonly MergedRule[]>();

/** A role's merged rules, once per list of policies (WI301 and WI307 both read every role's). */
function mergeRules(policies: readonly VaultPolicy[]): readonly MergedRule[] {
  let rules = MERGED.get(policies);
  if (!rules) MERGED.set(policies, (rules = mergeRulesOf(policies)));
  return rules;
}

function mergeRulesOf(policies: readonly VaultPolicy[]): MergedRule[] {
  if (policies.length === 1) {
    const policy = policies[0];
    if (isUnknown(policy.rules) || isUnknown(policy.namespace)) return [];
    if (policy.rules.length === 1) return [mergedRule(policy, policy.rules[0])];
  }
  const merged = new Map<string, { written: string; capabilities: Set<string>; policy: VaultPolicy }>();
  for (const policy of policies) {
    if (isUnknown(policy.rules) || isUnknown(policy.namespace)) continue;
    for (const rule of policy.rules) {
      const path = absoluteVaultPath(policy.namespace, rule.path);
      let entry = merged.get(path);
      if (!entry) merged.set(path, (entry = { written: rule.path, capabilities: new Set(), policy }));
      for (const capability of rule.capabilities) entry.capabilities.add(capability.toLowerCase());
    }
  }
  return [...merged].map(([path, { written, capabilities, policy }]) => ({
    path,
    written,
    // `deny` on a path overrides every other capability for that path.
    capabilities: capabilities.has("deny") ? ["deny"] : [...capabilities],
    policy,
    templated: isTemplated(path),
  }));
}

/** The one rule of a policy for its path, as merging leaves it (the common case: one policy, one path). */
function mergedRule(policy: VaultPolicy, rule: VaultPolicyRule): MergedRule {
  const path = absoluteVaultPath(policy.namespace as string | undefined, rule.path);
  const capabilities = lowerCaseDistinct(rule.capabilities);
  return {
    path,
    written: rule.path,
    capabilities: capabilities.includes("deny") ? ["deny"] : capabilities,
    policy,
    templated: isTemplated(path),
  };
}

/**
 * The capabilities lower-cased, each once, in order: the written list itself when it is so already
 * (the common case), else a copy. Indexed: this runs per rule, unoptimized.
 */
function lowerCaseDistinct(written: readonly string[]): readonly string[] {
  let copy: string[] | undefined;
  for (let i = 0; i < written.length; i++) {
    const lower = written[i].toLowerCase();
    if (copy === undefined) {
      // Those before `i` are lower-case and distinct: one equal to it is a repeat.
      if (lower === written[i] && written.indexOf(lower) === i) continue;
      copy = written.slice(0, i);
    }
    if (!copy.includes(lower)) copy.push(lower);
  }
  return copy ?? written;
}

function grants(rule: MergedRule, wanted: ReadonlySet<string>): boolean {
  // Indexed, no closure: this runs per rule pair, unoptimized.
  const capabilities = rule.capabilities;
  for (let i = 0; i < capabilities.length; i++) if (wanted.has(capabilities[i])) return true;
  return false;
}

/** Adds to `reasons` why a role's token policies cannot all be read from the inputs. */
function addUnknownPoliciesOf(role: VaultRole, reasons: string[]): void {
  const label = typeof role.roleName === "string" ? role.roleName : role.location.address;
  if (isUnknown(role.tokenPolicies)) {
    reasons.push(`token policies of Vault role ${quote(label)} are unknown (${role.tokenPolicies.reason})`);
    return;
  }
  if (isUnknown(role.namespace)) {
    reasons.push(`the namespace of Vault role ${quote(label)} is unknown (${role.namespace.reason})`);
    return;
  }
  // Indexed loops, no closures: this runs per role, unoptimized, where each iterator step allocates.
  const sources = role.unknownPolicySources;
  if (sources !== undefined) for (let i = 0; i < sources.length; i++) reasons.push(sources[i]);
  const policies = role.policies;
  let allNamed = true;
  for (let i = 0; i < policies.length && allNamed; i++) allNamed = typeof policies[i].name === "string";
  if (allNamed) {
    // A name written as a present policy's is present; only the others are compared as Vault does.
    let others: string[] | undefined;
    const tokenPolicies = role.tokenPolicies;
    for (let i = 0; i < tokenPolicies.length; i++) {
      const name = tokenPolicies[i];
      let present = false;
      for (let j = 0; j < policies.length && !present; j++) present = policies[j].name === name;
      if (!present) (others ??= []).push(name);
    }
    if (others !== undefined) {
      const present = policies.map((p) => p.name as string);
      for (const name of missingVaultPolicyNames(others, present))
        reasons.push(`Vault policy ${quote(name)} of role ${quote(label)} is not in the inputs`);
    }
  }
  for (let i = 0; i < policies.length; i++) {
    const policy = policies[i];
    if (isUnknown(policy.rules))
      reasons.push(
        `rules of Vault policy ${quote(policyLabel(policy))} are unknown (${policy.rules.reason})`,
      );
    else if (isUnknown(policy.namespace))
      reasons.push(
        `the namespace of Vault policy ${quote(policyLabel(policy))} is unknown (${policy.namespace.reason})`,
      );
  }
}

/**
 * The path patterns a role's token is granted one of the `wanted` capabilities on, each with the
 * patterns of the more specific rules that take paths away from it.
 */
export function grantedVaultPaths(role: VaultRole, wanted: ReadonlySet<string>): VaultReachPath[] {
  const rules = mergeRules(role.policies);
  const namespace = typeof role.namespace === "string" ? role.namespace : undefined;
  const privateToToken = absoluteVaultPath(namespace, "cubbyhole/*");
  const entries: VaultReachPath[] = [];
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    if (!grants(rule, wanted)) continue;
    if (rule.templated) {
      const entityTemplate = entityTemplateOf(rule.path);
      entries.push({
        written: rule.written,
        capabilities: rule.capabilities,
        policy: rule.policy,
        role,
        path: widenTemplate(rule.path),
        excluded: [privateToToken],
        ...(entityTemplate ? { entityTemplate } : {}),
      });
      continue;
    }
    // One pass, no intermediate arrays: a role has mostly one rule, and then its list is made to
    // size (a list grown from empty allocates room for 16).
    let taken: string[] | undefined;
    for (let o = 0; o < rules.length; o++) {
      const other = rules[o];
      if (
        !other.templated &&
        !grants(other, wanted) &&
        compareVaultPathPriority(other.path, rule.path) > 0 &&
        vaultPathsOverlap(other.path, rule.path)
      )
        (taken ??= []).push(other.path);
    }
    const excluded = taken === undefined ? [privateToToken] : taken.concat(privateToToken);
    entries.push({
      written: rule.written,
      capabilities: rule.capabilities,
      policy: rule.policy,
      role,
      path: rule.path,
      excluded,
    });
  }
  return entries;
}

/** Replaces segment `index` of a pattern (trailing glob kept) by `segment`. */
function withSegment(pattern: string, index: number, segment: string): string {
  const parts = pattern.split("/");
  parts[index] = segment;
  return parts.join("/");
}

function kvControlSegment(path: string): number {
  // A control segment is neither the first nor the last: it sits between two slashes.
  if (
    !path.includes("/metadata/") &&
    !path.includes("/delete/") &&
    !path.includes("/destroy/") &&
    !path.includes("/undelete/")
  )
    return -1;
  const segments = path.split("/");
  return segments.findIndex(
    (segment, i) => i > 0 && i < segments.length - 1 && KV_CONTROL_SEGMENTS.has(segment),
  );
}

/** True for `<mount>/metadata|delete|destroy|undelete/<key>` paths. */
function isKvV2ControlPath(path: string): boolean {
  return kvControlSegment(path) >= 0;
}

/**
 * The KV v2 data path a control-path rule acts on (`secret/metadata/app/*` -> `secret/data/app/*`),
 * with its exclusions carried over where they constrain the same segment (`+` or the same control
 * word); other exclusions are dropped, which can only widen reach.
 */
function kvV2DataForm(entry: VaultReachPath): VaultReachPath | undefined {
  if (!entry.capabilities.some((c) => KV_ACTING_CAPABILITIES.has(c))) return undefined;
  const index = kvControlSegment(entry.path);
  if (index < 0) return undefined;
  const control = entry.path.split("/")[index];
  const excluded: string[] = [];
  for (const pattern of entry.excluded) {
    const segment = pattern.split("/")[index];
    if (segment === control) excluded.push(withSegment(pattern, index, "data"));
    else if (segment === "+") excluded.push(pattern);
  }
  const template = entry.entityTemplate;
  const entityTemplate =
    template && template.before.split("/").length > index
      ? { ...template, before: withSegment(template.before, index, "data") }
      : undefined;
  return {
    ...entry,
    path: withSegment(entry.path, index, "data"),
    excluded,
    entityTemplate,
  };
}

/**
 * Where a token of each of the identity's Vault roles can read or change secret material, and a
 * token of each role in `loginRoles` (roles it can log in as, lib/analysis/vault-approle-login).
 */
export function vaultReachOf(identity: Identity, loginRoles: readonly VaultRole[] = []): VaultReach {
  const unknownReasons: string[] = [];
  const paths: VaultReachPath[] = [];
  const add = (role: VaultRole) => {
    addUnknownPoliciesOf(role, unknownReasons);
    const granted = grantedVaultPaths(role, VAULT_SECRET_CAPABILITIES);
    for (let g = 0; g < granted.length; g++) {
      const entry = granted[g];
      if (!isKvV2ControlPath(entry.path)) paths.push(entry);
      else {
        const data = kvV2DataForm(entry);
        if (data) paths.push(data);
      }
    }
  };
  for (let r = 0; r < identity.vaultRoles.length; r++) add(identity.vaultRoles[r]);
  for (let r = 0; r < loginRoles.length; r++) add(loginRoles[r]);
  return { paths, unknownReasons };
}

export function policyLabel(policy: VaultPolicy): string {
  return typeof policy.name === "string" ? policy.name : policy.location.address;
}

/** The auth mount a role logs in through: namespace and path (entity aliases are per mount accessor). */
function mountKey(role: VaultRole): string | undefined {
  if (typeof role.backendPath !== "string" || isUnknown(role.namespace)) return undefined;
  return `${role.namespace ?? ""}\u0000${role.backendPath}`;
}

function exactValues(values: unknown): readonly string[] | undefined {
  return Array.isArray(values) && values.every((v) => typeof v === "string" && !v.includes("*"))
    ? (values as string[])
    : undefined;
}

/**
 * True when tokens of the two roles always belong to different entities. Vault creates one entity
 * per alias, and an alias is (mount accessor, alias name) (https://developer.hashicorp.com/vault/docs/concepts/identity):
 * roles on different mounts get different aliases; on one mount the alias name is the
 * `user_claim` value (JWT), the role ID (AppRole) or the service account (Kubernetes), so exact,
 * different subjects or service accounts, or different AppRoles, give different entities.
 * Entities merged by hand (`vault_identity_entity_alias`) are not modelled: those inputs name the
 * entity explicitly and WI301 then compares templated paths as any value.
 */
export function rolesHaveDistinctEntities(a: VaultRole, b: VaultRole): boolean {
  const mountA = mountKey(a);
  const mountB = mountKey(b);
  if (mountA === undefined || mountB === undefined) return false;
  if (mountA !== mountB) return true;
  if (a.authType !== b.authType) return false;
  if (a.authType === "approle")
    return typeof a.roleName === "string" && typeof b.roleName === "string" && a.roleName !== b.roleName;
  if (a.authType === "kubernetes") {
    const names = [exactValues(a.boundServiceAccountNames), exactValues(b.boundServiceAccountNames)];
    const namespaces = [
      exactValues(a.boundServiceAccountNamespaces),
      exactValues(b.boundServiceAccountNamespaces),
    ];
    const disjoint = (x?: readonly string[], y?: readonly string[]) =>
      x !== undefined && y !== undefined && !x.some((v) => y.includes(v));
    return disjoint(names[0], names[1]) || disjoint(namespaces[0], namespaces[1]);
  }
  const subjectA = a.boundSubject;
  const subjectB = b.boundSubject;
  return (
    a.userClaim === "sub" &&
    b.userClaim === "sub" &&
    typeof subjectA === "string" &&
    typeof subjectB === "string" &&
    subjectA !== "" &&
    subjectB !== "" &&
    subjectA !== subjectB
  );
}

/**
 * What sets a role's entity apart, as {@link rolesHaveDistinctEntities} reads it: roles on
 * different mounts, or on one mount with one auth type and different `alias`, never share an
 * entity. An undefined mount or alias may share with any role (of the mount).
 */
function entityKeyOf(role: VaultRole): { mount?: string; alias?: string } {
  const mount = mountKey(role);
  if (mount === undefined) return {};
  const scoped = `${mount}\u0000${role.authType}`;
  let alias: string | undefined;
  if (role.authType === "approle") alias = typeof role.roleName === "string" ? role.roleName : undefined;
  else if (role.authType === "kubernetes") {
    const names = exactValues(role.boundServiceAccountNames);
    alias = names?.length === 1 ? names[0] : undefined;
  } else if (role.userClaim === "sub" && typeof role.boundSubject === "string" && role.boundSubject !== "")
    alias = role.boundSubject;
  return { mount: scoped, ...(alias !== undefined ? { alias } : {}) };
}

/**
 * Every pair of entries whose roles may share an entity (a superset of the pairs for which
 * {@link rolesHaveDistinctEntities} is false), found through buckets rather than all pairs, so
 * 5,000 roles holding one entity-templated policy cost what their shared entities cost.
 */
export function pairsThatMayShareAnEntity<E extends { readonly role: VaultRole }>(
  entries: readonly E[],
): Array<[E, E]> {
  const pairs: Array<[E, E]> = [];
  const seen = new Set<string>();
  const pair = (i: number, j: number) => {
    if (i === j) return;
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push(i < j ? [entries[i], entries[j]] : [entries[j], entries[i]]);
  };
  const push = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  const anyMount: number[] = [];
  const byMount = new Map<string, number[]>();
  const byAlias = new Map<string, number[]>();
  const anyAlias = new Map<string, number[]>();
  const mountsOfPath = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    const { mount, alias } = entityKeyOf(entry.role);
    if (mount === undefined) {
      anyMount.push(i);
      return;
    }
    push(byMount, mount, i);
    // Roles of different auth types on one mount are not told apart: compare them all.
    push(mountsOfPath, mountKey(entry.role) as string, i);
    if (alias === undefined) push(anyAlias, mount, i);
    else push(byAlias, `${mount}\u0000${alias}`, i);
  });
  for (const i of anyMount) entries.forEach((_, j) => pair(i, j));
  for (const list of byAlias.values()) for (const i of list) for (const j of list) pair(i, j);
  for (const [mount, list] of anyAlias)
    for (const i of list) for (const j of byMount.get(mount) ?? []) pair(i, j);
  for (const list of mountsOfPath.values()) {
    const types = new Set(list.map((i) => entries[i].role.authType));
    if (types.size > 1)
      for (const i of list)
        for (const j of list) if (entries[i].role.authType !== entries[j].role.authType) pair(i, j);
  }
  return pairs;
}

/**
 * True when two reach entries are the same entity-templated segment under the same path, held by
 * tokens of distinct entities: the template takes a different value for each, so no path is shared.
 */
export function separatedByEntityTemplate(a: VaultReachPath, b: VaultReachPath): boolean {
  return (
    a.entityTemplate !== undefined &&
    b.entityTemplate !== undefined &&
    a.entityTemplate.before === b.entityTemplate.before &&
    a.entityTemplate.expression === b.entityTemplate.expression &&
    rolesHaveDistinctEntities(a.role, b.role)
  );
}
