/**
 * Vault paths whose write access lets a token make itself any identity: it can rewrite the
 * policies every token carries, create or rebind auth roles, reconfigure what an auth mount trusts,
 * or add itself to entities and groups that hold other identities' policies.
 */
import type { IdentityGraph, VaultRole } from "../model/graph";
import { isUnknown } from "../model/unknown";
import { vaultPathsOverlap, vaultPathsOverlapOutside } from "../pattern/vault-path";
import { VAULT_WRITING_CAPABILITIES } from "../model/secret-material";
import { absoluteVaultPath, grantedVaultPaths, type VaultReachPath } from "./vault-reach";
import { ownCredentialPaths } from "./vault-approle-login";

/** Each family with the documentation of the endpoint that changes who can reach what. */
export const TAKEOVER_PATHS: ReadonlyArray<{ readonly pattern: string; readonly what: string }> = [
  // https://developer.hashicorp.com/vault/api-docs/system/policy and /system/policies
  { pattern: "sys/policy/*", what: "rewrite any ACL policy" },
  { pattern: "sys/policies/acl/*", what: "rewrite any ACL policy" },
  // https://developer.hashicorp.com/vault/api-docs/system/auth
  { pattern: "sys/auth/*", what: "enable or retune auth methods" },
  // https://developer.hashicorp.com/vault/api-docs/auth/token (allowed_policies of token roles)
  { pattern: "auth/token/roles/*", what: "create token roles with any policy" },
  // https://developer.hashicorp.com/vault/api-docs/secret/identity (entities, aliases, groups)
  { pattern: "identity/entity*", what: "attach policies or aliases to entities" },
  { pattern: "identity/group*", what: "change identity groups and their policies" },
];

/**
 * Families under an auth mount, `auth/<mount>/<suffix>`
 * (https://developer.hashicorp.com/vault/api-docs/auth/jwt, /auth/kubernetes, /auth/approle): roles
 * (and AppRole secret IDs under them) and the mount's trust configuration. A mount path may have
 * several segments (`ci/github/jwt`), and a policy's `+` stands for exactly one: the families are
 * checked at every mount path of the inputs, and at `auth/+/` for single-segment mounts the
 * inputs do not show (every default mount path — jwt, oidc, kubernetes, approle — is one segment).
 */
export const MOUNT_TAKEOVER_PATHS: ReadonlyArray<{ readonly suffix: string; readonly what: string }> = [
  { suffix: "role/*", what: "create or rebind auth roles" },
  { suffix: "config", what: "change which issuer or keys an auth mount trusts" },
];

/** The auth mount path segment (or `+`) every namespace is checked with, besides the known mounts. */
const ANY_SINGLE_SEGMENT_MOUNT = "+";

/** Takeover targets as absolute patterns, grouped by family (one finding per family and role). */
export function vaultTakeoverTargets(
  graph: IdentityGraph,
): ReadonlyArray<{ readonly what: string; readonly targets: readonly string[] }> {
  const namespaces = knownVaultNamespaces(graph);
  const mounts = knownAuthMounts(graph);
  return [
    ...TAKEOVER_PATHS.map(({ pattern, what }) => ({
      what,
      targets: namespaces.map((namespace) => absoluteVaultPath(namespace, pattern)),
    })),
    ...MOUNT_TAKEOVER_PATHS.map(({ suffix, what }) => ({
      what,
      // Known mounts first, so a finding names the mount it reaches.
      targets: [
        ...mounts.map((mount) => `${mount}/${suffix}`),
        ...namespaces.map((namespace) =>
          absoluteVaultPath(namespace, `auth/${ANY_SINGLE_SEGMENT_MOUNT}/${suffix}`),
        ),
      ],
    })),
  ];
}

/** `auth/<mount path>` of every auth mount of the inputs, absolute (namespace prefix). */
function knownAuthMounts(graph: IdentityGraph): string[] {
  const mounts = new Set<string>();
  const add = (namespace: unknown, path: unknown) => {
    if (typeof path !== "string" || path === "" || isUnknown(namespace)) return;
    mounts.add(absoluteVaultPath(typeof namespace === "string" ? namespace : undefined, `auth/${path}`));
  };
  for (const backend of graph.vaultAuthBackends) add(backend.namespace, backend.path);
  // Indexed over every identity's roles: this runs unoptimized, where each iterator step allocates.
  const identities = graph.identities;
  for (let i = 0; i < identities.length; i++) {
    const roles = identities[i].vaultRoles;
    for (let r = 0; r < roles.length; r++) add(roles[r].namespace, roles[r].backendPath);
  }
  return [...mounts].sort();
}

/** Namespaces named anywhere in the inputs, and the root (""). */
export function knownVaultNamespaces(graph: IdentityGraph): string[] {
  const namespaces = new Set<string>([""]);
  const add = (value: unknown) => {
    if (typeof value === "string" && !isUnknown(value)) namespaces.add(value);
  };
  for (const policy of graph.vaultPolicies) add(policy.namespace);
  for (const backend of graph.vaultAuthBackends) add(backend.namespace);
  // Indexed over every identity's roles: this runs unoptimized, where each iterator step allocates.
  const identities = graph.identities;
  for (let i = 0; i < identities.length; i++) {
    const roles = identities[i].vaultRoles;
    for (let r = 0; r < roles.length; r++) add(roles[r].namespace);
  }
  return [...namespaces].sort();
}

export interface VaultTakeover {
  readonly grant: VaultReachPath;
  /** The takeover path family reached, absolute (namespace prefix). */
  readonly target: string;
  readonly what: string;
}

/**
 * The first takeover path a role's token can write, per family, after most-specific-rule
 * subtraction. Issuing the AppRole secret IDs of `ownRoles` (the identity's own roles, and the
 * role whose token is checked) is no takeover (lib/analysis/vault-approle-login ownCredentialPaths).
 */
export function vaultTakeoversOf(
  role: VaultRole,
  families: ReturnType<typeof vaultTakeoverTargets>,
  ownRoles: readonly VaultRole[] = [role],
): VaultTakeover[] {
  const found: VaultTakeover[] = [];
  const grants = grantedVaultPaths(role, VAULT_WRITING_CAPABILITIES);
  if (grants.length === 0) return found;
  const own = ownRoles.flatMap(ownCredentialPaths);
  for (const { what, targets } of families) {
    for (const target of targets) {
      const grant = grants.find(
        (g) =>
          vaultPathsOverlap(g.path, target) &&
          vaultPathsOverlapOutside(
            g.path,
            target,
            [...g.excluded, ...own].filter((e) => vaultPathsOverlap(e, target)),
          ),
      );
      if (grant) {
        found.push({ grant, target, what });
        break;
      }
    }
  }
  return found;
}
