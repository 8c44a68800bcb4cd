/**
 * Looks up principals (roles, users, groups, Vault roles) by address and the identities they
 * belong to, so a rule reporting on a policy can name what the policy is attached to.
 * Addresses are stack-local: the same address in two stacks is two resources.
 */
import type { AwsGroup, AwsPolicy, Identity, IdentityGraph, VaultPolicy } from "../model/graph";
import type { SourceLocation } from "../model/location";
import { isUnknown } from "../model/unknown";
import { appendAll } from "../model/append-all";
import { AnalysisMemo } from "./analysis-memo";

interface PrincipalEntry {
  readonly location: SourceLocation;
  readonly identityIds: Set<string>;
}

/** What a finding about a policy carries besides its own location. */
export interface PolicyContext {
  /** Principals the policy is attached to, then the data sources it was rendered from. */
  readonly related: SourceLocation[];
  /** Identities holding a principal the policy is attached to, sorted. */
  readonly identityIds: string[];
}

function key(stack: string | undefined, address: string): string {
  return `${stack ?? ""}\u0000${address}`;
}

/** A principal policy reaching an identity, with the principal that carries it. */
export interface HeldAwsPolicy {
  readonly policy: AwsPolicy;
  readonly principal: SourceLocation;
}

const NO_HELD_POLICIES: readonly HeldAwsPolicy[] = Object.freeze([]);

const DIRECTORIES = new AnalysisMemo<IdentityGraph, PrincipalDirectory>();

/** Which identities hold each principal and policy: needed only to describe a finding, so built on first use. */
interface Holdings {
  readonly principals: Map<string, PrincipalEntry>;
  readonly awsPolicyHolders: Map<AwsPolicy, Set<string>>;
  readonly vaultPolicyHolders: Map<VaultPolicy, Set<string>>;
}

export class PrincipalDirectory {
  /** One directory per graph, shared by every rule of an evaluation (graphs are immutable). */
  static of(graph: IdentityGraph): PrincipalDirectory {
    let directory = DIRECTORIES.get(graph);
    if (!directory) DIRECTORIES.set(graph, (directory = new PrincipalDirectory(graph)));
    return directory;
  }

  private readonly groupsByKey = new Map<string, AwsGroup>();
  private holdings: Holdings | undefined;
  /** Each identity's effective policies, listed once: several rules walk them. */
  private readonly heldByIdentity = new Map<Identity, readonly HeldAwsPolicy[]>();

  private constructor(private readonly graph: IdentityGraph) {
    for (const group of graph.awsGroups) {
      this.groupsByKey.set(key(group.location.stack, group.location.address), group);
      if (typeof group.name === "string") this.groupsByKey.set(key(group.location.stack, group.name), group);
    }
  }

  private holdingsOf(): Holdings {
    if (this.holdings) return this.holdings;
    const holdings: Holdings = {
      principals: new Map(),
      awsPolicyHolders: new Map(),
      vaultPolicyHolders: new Map(),
    };
    const entry = (location: SourceLocation) => this.entry(holdings.principals, location);
    for (const group of this.graph.awsGroups) entry(group.location);
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const identities = this.graph.identities;
    for (let i = 0; i < identities.length; i++) {
      const identity = identities[i];
      const awsRoles = identity.awsRoles;
      for (let r = 0; r < awsRoles.length; r++) {
        const role = awsRoles[r];
        entry(role.location).identityIds.add(identity.id);
        for (const policy of role.policies) this.holders(holdings.awsPolicyHolders, policy).add(identity.id);
      }
      const users = identity.awsUsers;
      for (let u = 0; u < users.length; u++) {
        const user = users[u];
        entry(user.location).identityIds.add(identity.id);
        for (const held of this.userPolicies(user.location.stack, user.policies, user.groups)) {
          this.holders(holdings.awsPolicyHolders, held.policy).add(identity.id);
        }
        for (const group of this.groupsOf(user.location.stack, user.groups)) {
          entry(group.location).identityIds.add(identity.id);
        }
      }
      const vaultRoles = identity.vaultRoles;
      for (let r = 0; r < vaultRoles.length; r++) {
        const role = vaultRoles[r];
        entry(role.location).identityIds.add(identity.id);
        for (const policy of role.policies)
          this.holders(holdings.vaultPolicyHolders, policy).add(identity.id);
      }
    }
    return (this.holdings = holdings);
  }

  /**
   * Every AWS permission policy reaching the identity: role and user policies, and group policies
   * of its users (listed once per identity; shared and frozen: do not modify).
   */
  awsPoliciesOf(identity: Identity): readonly HeldAwsPolicy[] {
    let held = this.heldByIdentity.get(identity);
    if (held === undefined) {
      // Made to the size of the role policies (kept until the rules end; a list grown by a push
      // keeps room for 17); user and group policies, rarer, are appended.
      const roles = identity.awsRoles;
      let rolePolicies = 0;
      for (let i = 0; i < roles.length; i++) rolePolicies += roles[i].policies.length;
      const found = new Array<HeldAwsPolicy>(rolePolicies);
      let count = 0;
      // Indexed: it runs per identity, mostly before V8 optimizes it (`for...of` allocates there).
      for (let i = 0; i < roles.length; i++) {
        const role = roles[i];
        for (let j = 0; j < role.policies.length; j++)
          found[count++] = { policy: role.policies[j], principal: role.location };
      }
      const users = identity.awsUsers;
      for (let u = 0; u < users.length; u++) {
        const user = users[u];
        appendAll(found, this.userPolicies(user.location.stack, user.policies, user.groups, user.location));
      }
      held = found.length > 0 ? Object.freeze(found) : NO_HELD_POLICIES;
      this.heldByIdentity.set(identity, held);
    }
    return held;
  }

  awsPolicyContext(policy: AwsPolicy): PolicyContext {
    const documentSources = policy.documentSources.map((address): SourceLocation => ({
      file: policy.location.file,
      stack: policy.location.stack,
      address,
    }));
    return this.policyContext(
      this.holdingsOf().awsPolicyHolders.get(policy),
      policy.location,
      policy.attachedTo,
      documentSources,
    );
  }

  vaultPolicyContext(policy: VaultPolicy): PolicyContext {
    return this.policyContext(
      this.holdingsOf().vaultPolicyHolders.get(policy),
      policy.location,
      policy.attachedTo,
      [],
    );
  }

  /** The identities holding a policy and the principals it is attached to, as related locations. */
  private policyContext(
    holders: Iterable<string> | undefined,
    location: SourceLocation,
    attachedTo: readonly string[],
    sources: readonly SourceLocation[],
  ): PolicyContext {
    const principals = this.holdingsOf().principals;
    const ids = new Set(holders);
    const related: SourceLocation[] = [];
    for (const address of attachedTo) {
      const entry = principals.get(key(location.stack, address));
      related.push(entry?.location ?? { ...location, address, constructPath: undefined, line: undefined });
      for (const id of entry?.identityIds ?? []) ids.add(id);
    }
    appendAll(related, sources);
    return { related: dedupeLocations(related), identityIds: [...ids].sort() };
  }

  private userPolicies(
    stack: string | undefined,
    policies: readonly AwsPolicy[],
    groups: readonly string[],
    principal?: SourceLocation,
  ): HeldAwsPolicy[] {
    const held: HeldAwsPolicy[] = [];
    for (const policy of policies) held.push({ policy, principal: principal ?? policy.location });
    for (const group of this.groupsOf(stack, groups)) {
      for (const policy of group.policies) held.push({ policy, principal: group.location });
    }
    return held;
  }

  /** Groups named by a user, by name or by address (whichever the extractor recorded). */
  private groupsOf(stack: string | undefined, groups: readonly string[]): AwsGroup[] {
    const found = new Set<AwsGroup>();
    for (const name of groups) {
      const group = this.groupsByKey.get(key(stack, name));
      if (group) found.add(group);
    }
    return [...found];
  }

  private entry(principals: Map<string, PrincipalEntry>, location: SourceLocation): PrincipalEntry {
    const k = key(location.stack, location.address);
    let entry = principals.get(k);
    if (!entry) {
      entry = { location, identityIds: new Set() };
      principals.set(k, entry);
    }
    return entry;
  }

  private holders<P>(map: Map<P, Set<string>>, policy: P): Set<string> {
    let set = map.get(policy);
    if (!set) {
      set = new Set();
      map.set(policy, set);
    }
    return set;
  }
}

/** Locations without repeats (by stack and address), first occurrence kept. */
export function dedupeLocations(locations: readonly SourceLocation[]): SourceLocation[] {
  const seen = new Set<string>();
  return locations.filter((location) => {
    const k = key(location.stack, location.address);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** True when an AWS policy is an AWS-managed one (content not in the inputs; judged by name). */
export function isAwsManaged(policy: AwsPolicy): boolean {
  if (policy.kind === "aws-managed") return true;
  const arn = policy.arn;
  return typeof arn === "string" && /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);
}

/** The AWS-managed policy's name (last ARN segment), when known. */
export function awsManagedPolicyName(policy: AwsPolicy): string | undefined {
  if (typeof policy.arn === "string" && !isUnknown(policy.arn)) {
    const name = policy.arn.split("/").pop();
    if (name) return name;
  }
  return typeof policy.name === "string" ? policy.name : undefined;
}
