/**
 * Policies a token gets from Vault's identity system, on top of its role's token policies
 * (https://developer.hashicorp.com/vault/docs/concepts/identity): the policies of its entity, of
 * every internal group the entity is a member of (directly or through a member group: a parent
 * group's policies apply to its subgroups' members), and of every external group whose group alias
 * the token's groups claim matches (https://developer.hashicorp.com/vault/docs/concepts/identity#external-vs-internal-groups).
 *
 * Which roles' tokens belong to an entity: an entity alias names a mount (accessor) and an alias
 * name; a JWT role's alias name is its `user_claim` value, so the alias applies to the role when
 * the role admits that value (or does not constrain the claim). AppRole (role ID) and Kubernetes
 * (service account UID by default) alias names are not in the inputs, so an alias on such a mount
 * applies to every role there. External group aliases apply to the JWT roles of their mount that
 * read a `groups_claim`. Membership that cannot be resolved statically is reported on every role
 * it could reach, never dropped.
 */
import type { VaultPolicy } from "../model/graph";
import { isUnknown } from "../model/unknown";
import { vaultNameKey } from "../model/vault-names";
import { globMatches } from "../pattern/glob";
import { stringAt, stringListAt } from "./attribute-values";
import type { ResourceView } from "./resource-view";
import { namespaceAt } from "./vault-namespace";
import { quote } from "../model/unsafe-text";

export const IDENTITY_TYPES = new Set([
  "vault_identity_entity",
  "vault_identity_entity_alias",
  "vault_identity_entity_policies",
  "vault_identity_group",
  "vault_identity_group_alias",
  "vault_identity_group_policies",
  "vault_identity_group_member_entity_ids",
  "vault_identity_group_member_group_ids",
]);

/** What the linker needs to know about a role. */
export interface LinkableRole {
  readonly view: ResourceView;
  readonly authType: "jwt" | "kubernetes" | "approle";
  readonly backendView?: ResourceView;
  readonly namespace?: string;
  readonly policies: VaultPolicy[];
  unknownPolicySources?: string[];
}

interface Holder {
  readonly view: ResourceView;
  readonly policyNames: string[];
  namespace?: string;
}

function namespaceOf(view: ResourceView): string {
  const namespace = namespaceAt(view);
  return typeof namespace === "string" ? namespace : "";
}

/** One referenced resource, or undefined (with `unresolved` set) when the attribute is set but unresolved. */
function referenced(view: ResourceView, path: string, type: string): ResourceView | undefined | "unresolved" {
  if (view.rawAt([path]) === undefined) return undefined;
  const found = view.referencesAt([path]).find((v) => v.type === type);
  return found ?? "unresolved";
}

function referencedList(view: ResourceView, path: string, type: string): ResourceView[] | "unresolved" {
  const raw = view.rawAt([path]);
  if (raw === undefined) return [];
  const found = view.referencesAt([path]).filter((v) => v.type === type);
  const count = Array.isArray(raw) ? raw.length : 1;
  return found.length >= count ? found : "unresolved";
}

function policyNames(view: ResourceView): string[] | "unresolved" {
  const names = stringListAt(view, ["policies"]);
  if (names === undefined) return [];
  return isUnknown(names) ? "unresolved" : names;
}

export class VaultIdentityLinker {
  private readonly views: ResourceView[] = [];

  read(view: ResourceView): void {
    if (view.mode === "managed" && IDENTITY_TYPES.has(view.type)) this.views.push(view);
  }

  /** True when the inputs hold identity resources, so {@link link} has anything to add. */
  get hasIdentities(): boolean {
    return this.views.length > 0;
  }

  /**
   * Adds identity policies to the roles; `findPolicy(namespace, name)` looks a policy up as the
   * role extractor does.
   */
  link(
    roles: readonly LinkableRole[],
    findPolicy: (scopeView: ResourceView, namespace: string, name: string) => VaultPolicy | undefined,
  ): void {
    if (this.views.length === 0) return;
    const holders = new Map<ResourceView, Holder>();
    const problems: string[] = [];
    const holder = (view: ResourceView): Holder => {
      let found = holders.get(view);
      if (!found) holders.set(view, (found = { view, policyNames: [], namespace: namespaceOf(view) }));
      return found;
    };
    /** Entity views per group view (direct members), and member groups per group. */
    const members = new Map<ResourceView, Set<ResourceView>>();
    const subgroups = new Map<ResourceView, Set<ResourceView>>();
    const add = <K, V>(map: Map<K, Set<V>>, key: K, value: V) => {
      const set = map.get(key) ?? new Set<V>();
      set.add(value);
      map.set(key, set);
    };
    const aliases: Array<{ target: ResourceView; mount: ResourceView; name: string | undefined }> = [];

    for (const view of this.views) {
      const names = policyNames(view);
      const addPolicies = (target: ResourceView | undefined | "unresolved") => {
        if (target === undefined) return;
        if (target === "unresolved" || names === "unresolved") {
          problems.push(`${view.address} attaches policies that are not known statically`);
          return;
        }
        holder(target).policyNames.push(...names);
      };
      switch (view.type) {
        case "vault_identity_entity":
        case "vault_identity_group":
          addPolicies(view);
          if (view.type === "vault_identity_group") {
            const entities = referencedList(view, "member_entity_ids", "vault_identity_entity");
            const groups = referencedList(view, "member_group_ids", "vault_identity_group");
            if (entities === "unresolved" || groups === "unresolved")
              problems.push(`${view.address} has members that are not known statically`);
            else {
              for (const entity of entities) add(members, view, entity);
              for (const group of groups) add(subgroups, view, group);
            }
          }
          break;
        case "vault_identity_entity_policies":
          addPolicies(referenced(view, "entity_id", "vault_identity_entity"));
          break;
        case "vault_identity_group_policies":
          addPolicies(referenced(view, "group_id", "vault_identity_group"));
          break;
        case "vault_identity_group_member_entity_ids":
        case "vault_identity_group_member_group_ids": {
          const group = referenced(view, "group_id", "vault_identity_group");
          const entityMembers = view.type.endsWith("entity_ids");
          const listed = entityMembers
            ? referencedList(view, "member_entity_ids", "vault_identity_entity")
            : referencedList(view, "member_group_ids", "vault_identity_group");
          if (group === undefined || group === "unresolved" || listed === "unresolved")
            problems.push(`${view.address} has members that are not known statically`);
          else for (const member of listed) add(entityMembers ? members : subgroups, group, member);
          break;
        }
        case "vault_identity_entity_alias":
        case "vault_identity_group_alias": {
          const target = view
            .referencesAt(["canonical_id"])
            .find(
              (v) =>
                v.type ===
                (view.type === "vault_identity_entity_alias"
                  ? "vault_identity_entity"
                  : "vault_identity_group"),
            );
          const mount = view
            .referencesAt(["mount_accessor"])
            .find((v) => v.type === "vault_jwt_auth_backend" || v.type === "vault_auth_backend");
          const name = stringAt(view, ["name"]);
          if (!target || !mount)
            problems.push(`${view.address} names an entity, group or mount not known statically`);
          else aliases.push({ target, mount, name: typeof name === "string" ? name : undefined });
          break;
        }
      }
    }

    // Groups whose policies reach an entity: its groups and, transitively, their parent groups.
    const parentsOf = new Map<ResourceView, Set<ResourceView>>();
    for (const [group, children] of subgroups) for (const child of children) add(parentsOf, child, group);
    const withAncestors = (group: ResourceView): ResourceView[] => {
      const seen = new Set<ResourceView>([group]);
      const pending = [group];
      while (pending.length > 0) {
        const current = pending.pop() as ResourceView;
        for (const parent of parentsOf.get(current) ?? []) {
          if (!seen.has(parent)) {
            seen.add(parent);
            pending.push(parent);
          }
        }
      }
      return [...seen];
    };
    const groupsOfEntity = new Map<ResourceView, Set<ResourceView>>();
    for (const [group, entities] of members)
      for (const entity of entities) add(groupsOfEntity, entity, group);

    for (const role of roles) {
      const attached = new Set<ResourceView>();
      for (const alias of aliases) {
        if (alias.mount !== role.backendView || !aliasMayApply(role, alias.target, alias.name)) continue;
        if (alias.target.type === "vault_identity_entity") {
          attached.add(alias.target);
          for (const group of groupsOfEntity.get(alias.target) ?? [])
            for (const g of withAncestors(group)) attached.add(g);
        } else {
          for (const g of withAncestors(alias.target)) attached.add(g);
        }
      }
      for (const target of attached) {
        const found = holders.get(target);
        for (const name of found?.policyNames ?? []) {
          const policy = findPolicy(role.view, found?.namespace ?? "", vaultNameKey(name));
          if (policy && !role.policies.includes(policy)) role.policies.push(policy);
          if (!policy && vaultNameKey(name) !== "default")
            (role.unknownPolicySources ??= []).push(
              `Vault policy ${quote(name)} of ${target.address} is not in the inputs`,
            );
        }
      }
      if (problems.length > 0) (role.unknownPolicySources ??= []).push(...problems);
    }
  }
}

/**
 * True when a token of `role` may carry the alias: an entity alias when the role's `user_claim`
 * value may equal its name; a group alias when the role reads a groups claim. AppRole and
 * Kubernetes alias names are not in the inputs: any role of the mount.
 */
function aliasMayApply(role: LinkableRole, target: ResourceView, name: string | undefined): boolean {
  if (role.authType !== "jwt") return true;
  if (target.type === "vault_identity_group") {
    const groupsClaim = stringAt(role.view, ["groups_claim"]);
    return groupsClaim !== undefined && (typeof groupsClaim !== "string" || groupsClaim.trim() !== "");
  }
  if (name === undefined) return true;
  const userClaim = stringAt(role.view, ["user_claim"]);
  if (typeof userClaim !== "string") return true;
  const subject = stringAt(role.view, ["bound_subject"]);
  if (userClaim === "sub" && typeof subject === "string" && subject !== "") return subject === name;
  const claim = role.view.rawAt(["bound_claims", userClaim]);
  if (typeof claim !== "string") return true;
  const glob = stringAt(role.view, ["bound_claims_type"]) === "glob";
  return claim
    .split(",")
    .map((v) => v.trim())
    .some((value) => (glob ? globMatches(value.replace(/\?/g, "*"), name) : value === name));
}
