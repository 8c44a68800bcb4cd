/**
 * Who can log in as an AppRole role, and so carries its token policies
 * (https://developer.hashicorp.com/vault/docs/auth/approle,
 * https://developer.hashicorp.com/vault/api-docs/auth/approle): a login presents the role's
 * `role_id` and, unless `bind_secret_id` is false, a `secret_id`. The role ID is an identifier,
 * not a secret, so a token that can generate secret IDs for the role — `create` or `update` on
 * `auth/<mount>/role/<name>/secret-id` or `.../custom-secret-id` — can log in as it; with
 * `bind_secret_id = false`, reading `.../role-id` is enough. Logging in as a role that can log in
 * as another goes on to that one, to any depth.
 *
 * Role names are matched without regard to case (see nameSpellings). Each target path is matched against the token's grants after Vault's most-specific-rule
 * subtraction (lib/analysis/vault-reach grantedVaultPaths), through the path-segment index.
 */
import type { Identity, VaultRole } from "../model/graph";
import { isUnknown } from "../model/unknown";
import { vaultPathsOverlap, vaultPathsOverlapOutside } from "../pattern/vault-path";
import { VaultPathIndex } from "../pattern/vault-path-index";
import { type VaultReachPath, absoluteVaultPath, grantedVaultPaths } from "./vault-reach";
import { AnalysisMemo } from "./analysis-memo";

/** Capabilities with which a request to the secret-id endpoints issues a secret ID (POST). */
const SECRET_ID_CAPABILITIES: ReadonlySet<string> = new Set(["create", "update"]);
const ROLE_ID_CAPABILITIES: ReadonlySet<string> = new Set(["read"]);

interface LoginTarget {
  readonly role: VaultRole;
  readonly capabilities: ReadonlySet<string>;
  /** `<namespace>/auth/<mount>/role/` */
  readonly base: string;
  readonly name: string;
  /** `secret-id`, `custom-secret-id` or `role-id` */
  readonly endpoint: string;
}

function pathOf(target: LoginTarget, spelling: string): string {
  return `${target.base}${spelling}/${target.endpoint}`;
}

const NO_TARGETS: readonly LoginTarget[] = [];

function loginTargets(role: VaultRole): readonly LoginTarget[] {
  if (role.authType !== "approle") return NO_TARGETS;
  const { roleName, backendPath, namespace } = role;
  if (typeof roleName !== "string" || typeof backendPath !== "string" || isUnknown(namespace)) return [];
  const base = absoluteVaultPath(namespace, `auth/${backendPath}/role/`);
  const target = (endpoint: string, capabilities: ReadonlySet<string>) => ({
    role,
    capabilities,
    base,
    name: roleName,
    endpoint,
  });
  return [
    target("secret-id", SECRET_ID_CAPABILITIES),
    target("custom-secret-id", SECRET_ID_CAPABILITIES),
    ...(role.bindSecretId === false ? [target("role-id", ROLE_ID_CAPABILITIES)] : []),
  ];
}

/**
 * Spellings of the role name a request may use. AppRole resolves role names without regard to
 * case (hashicorp/vault#3665, Vault 0.9.1) while ACL paths match case-sensitively, so a caller
 * picks whichever spelling a policy grants and no more specific rule takes away: the spelling the
 * grant writes, and lower, upper and capitalized for a grant with a wildcard there.
 */
function nameSpellings(target: LoginTarget, grantPath = ""): string[] {
  const lower = target.name.toLowerCase();
  const written = grantPath.split("/")[target.base.split("/").length - 1];
  return [
    ...new Set([
      target.name,
      lower,
      target.name.toUpperCase(),
      lower.charAt(0).toUpperCase() + lower.slice(1),
      ...(written !== undefined && written.toLowerCase() === lower ? [written] : []),
    ]),
  ];
}

/** True when the grant reaches the target endpoint in some spelling of the role name. */
function grantReaches(grant: VaultReachPath, target: LoginTarget): boolean {
  return nameSpellings(target, grant.path).some((spelling) => {
    const path = pathOf(target, spelling);
    const excluded = grant.excluded.filter((e) => vaultPathsOverlap(e, path));
    return vaultPathsOverlap(grant.path, path) && vaultPathsOverlapOutside(grant.path, path, excluded);
  });
}

/**
 * The endpoints through which a holder of an AppRole role obtains or manages that role's own
 * credentials (`secret-id*`, `custom-secret-id`, `role-id`): writing them for a role the identity
 * already is (or can log in as) gives it nothing new, unlike writing the role itself.
 */
export function ownCredentialPaths(role: VaultRole): string[] {
  const [target] = loginTargets(role);
  if (!target) return [];
  return nameSpellings(target).flatMap((spelling) => [
    `${target.base}${spelling}/secret-id*`,
    `${target.base}${spelling}/custom-secret-id`,
    `${target.base}${spelling}/role-id`,
  ]);
}

const LOGINS = new AnalysisMemo<readonly Identity[], VaultLogins>();

export class VaultLogins {
  /** One per identity list (the graph's), shared by every rule of an evaluation. */
  static of(identities: readonly Identity[]): VaultLogins {
    let logins = LOGINS.get(identities);
    if (!logins) LOGINS.set(identities, (logins = new VaultLogins(identities)));
    return logins;
  }

  /** Role -> AppRole roles its token can log in as directly. */
  private readonly edges = new Map<VaultRole, VaultRole[]>();

  private constructor(identities: readonly Identity[]) {
    // Indexed lower-cased: a grant meets a target in some spelling only if their lower-cased forms meet.
    const index = new VaultPathIndex<LoginTarget>();
    let targets = 0;
    // Indexed over every identity's roles: this runs unoptimized, where each iterator step allocates.
    for (let i = 0; i < identities.length; i++) {
      const roles = identities[i].vaultRoles;
      for (let r = 0; r < roles.length; r++) {
        const roleTargets = loginTargets(roles[r]);
        for (let t = 0; t < roleTargets.length; t++) {
          const target = roleTargets[t];
          index.insert(pathOf(target, target.name).toLowerCase(), target);
          targets++;
        }
      }
    }
    if (targets === 0) return;
    for (const identity of identities) {
      for (const role of identity.vaultRoles) {
        const reached: VaultRole[] = [];
        for (const wanted of [SECRET_ID_CAPABILITIES, ROLE_ID_CAPABILITIES]) {
          for (const grant of grantedVaultPaths(role, wanted)) {
            for (const { item: target } of index.candidateEntries(grant.path.toLowerCase())) {
              if (target.capabilities !== wanted || target.role === role || reached.includes(target.role))
                continue;
              if (grantReaches(grant, target)) reached.push(target.role);
            }
          }
        }
        if (reached.length > 0) this.edges.set(role, reached);
      }
    }
  }

  /** AppRole roles a token of the identity can log in as, directly or through other logins, not its own. */
  rolesBecomableBy(identity: Identity): VaultRole[] {
    if (this.edges.size === 0) return [];
    const own = new Set(identity.vaultRoles);
    const seen = new Set<VaultRole>(identity.vaultRoles);
    const pending = [...identity.vaultRoles];
    const found: VaultRole[] = [];
    while (pending.length > 0) {
      const role = pending.pop() as VaultRole;
      for (const next of this.edges.get(role) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        if (!own.has(next)) found.push(next);
        pending.push(next);
      }
    }
    return found;
  }
}
