import type { SourceLocation } from "../model/location";
import type {
  Accountability,
  StaticCredential,
  VaultAuthBackend,
  VaultPolicy,
  VaultPolicyRule,
  VaultRole,
} from "../model/graph";
import { type Maybe, hasInterpolation, isUnknown, unknown } from "../model/unknown";
import { accountabilityFromVaultPolicy } from "../model/vault-policy-header";
import { DEFAULT_POLICY_NAME, vaultNameKey } from "../model/vault-names";
import {
  blockPaths,
  booleanAt,
  numberAt,
  stringAt,
  stringListAt,
  stringMapAt,
  trimSlashes,
  unknownAt,
} from "./attribute-values";
import { shorten } from "./document-reading";
import { NameIndex } from "./name-index";
import type { ResourceView } from "./resource-view";
import { topLevelPaths } from "./aws-assembly";
import { VaultIdentityLinker } from "./vault-identity-groups";
import { namespaceAt } from "./vault-namespace";
import { parseVaultPolicy } from "./vault-policy-hcl";
import { lookupTable } from "../model/lookup-table";
import { quote } from "../model/unsafe-text";

const AT = topLevelPaths([
  "role_name",
  "period",
  "type",
  "path",
  "bound_issuer",
  "oidc_discovery_url",
  "jwks_url",
  "jwt_validation_pubkeys",
  "name",
  "policy",
  "backend",
  "token_policies",
  "policies",
  "token_no_default_policy",
  "bound_claims_type",
  "role_type",
  "bound_audiences",
  "bound_subject",
  "bound_claims",
  "user_claim",
  "bound_service_account_names",
  "bound_service_account_namespaces",
  "token_ttl",
  "token_max_ttl",
  "token_explicit_max_ttl",
  "token_period",
  "token_num_uses",
  "token_type",
  "bind_secret_id",
  "rule",
]);

const ROLE_TYPES = lookupTable<{ authType: VaultRole["authType"]; defaultMount: string }>({
  vault_jwt_auth_backend_role: { authType: "jwt", defaultMount: "jwt" },
  vault_kubernetes_auth_backend_role: { authType: "kubernetes", defaultMount: "kubernetes" },
  vault_approle_auth_backend_role: { authType: "approle", defaultMount: "approle" },
});
const BACKEND_TYPES = new Set(["jwt", "oidc", "kubernetes", "approle"]);

interface PolicyEntry extends VaultPolicy {
  attachedTo: string[];
}
interface RoleEntry extends VaultRole {
  policies: VaultPolicy[];
  unknownPolicySources?: string[];
}

/** Builds the Vault side: auth mounts, policies (HCL parsed here), roles and static tokens. */
export class VaultAssembly {
  readonly backends: VaultAuthBackend[] = [];
  readonly policies: PolicyEntry[] = [];
  readonly roles = new Map<ResourceView, RoleEntry>();
  readonly staticCredentials: StaticCredential[] = [];
  private readonly backendViews = new Map<ResourceView, VaultAuthBackend>();
  private readonly backendPaths = new NameIndex<VaultAuthBackend>();
  private readonly policyNames = new NameIndex<PolicyEntry>();
  private readonly approleRoles = new NameIndex<ResourceView>();
  private readonly identity = new VaultIdentityLinker();

  /** Pass 1: mounts and policies. */
  read(view: ResourceView): void {
    if (view.mode !== "managed") return;
    this.identity.read(view);
    if (view.type === "vault_jwt_auth_backend" || view.type === "vault_auth_backend") this.readBackend(view);
    else if (view.type === "vault_policy") this.readPolicy(view);
    else if (view.type === "vault_approle_auth_backend_role") {
      const name = stringAt(view, AT.role_name);
      if (typeof name === "string") this.approleRoles.add(view.scope, name, view);
    }
  }

  /** Pass 2: roles (linked to mounts and policies) and tokens. */
  link(view: ResourceView): void {
    if (view.mode !== "managed") return;
    const roleType = ROLE_TYPES.get(view.type);
    if (roleType) return this.readRole(view, roleType.authType, roleType.defaultMount);
    if (view.type === "vault_token") {
      const period = stringAt(view, AT.period);
      const renewable =
        typeof period === "string" && period !== "" && period !== "0"
          ? "; periodic (renewable without limit)"
          : "";
      this.staticCredentials.push({
        location: view.location,
        kind: "vault-token",
        detail: `a Vault token created by Terraform; the token is stored in state${renewable}`,
      });
    } else if (view.type === "vault_approle_auth_backend_role_secret_id") {
      const role =
        view.referencesAt(AT.role_name).find((v) => v.type === "vault_approle_auth_backend_role") ??
        this.findApprole(view);
      this.staticCredentials.push({
        location: view.location,
        kind: "vault-approle-secret-id",
        ...(role ? { principal: role.address } : {}),
        detail: "an AppRole secret ID created by Terraform; the secret is stored in state",
      });
    }
  }

  /** Pass 3: policies from identity entities and groups (vault-identity-groups). */
  finish(): void {
    // Most inputs declare no identity entities or groups: then no role gains a policy here.
    if (!this.identity.hasIdentities) return;
    const viewOfBackend = new Map<VaultAuthBackend, ResourceView>();
    for (const [view, backend] of this.backendViews) viewOfBackend.set(backend, view);
    const roles = [...this.roles].map(([view, role]) => ({
      view,
      authType: role.authType,
      ...(role.backend ? { backendView: viewOfBackend.get(role.backend) } : {}),
      policies: role.policies,
      get unknownPolicySources() {
        return role.unknownPolicySources;
      },
      set unknownPolicySources(value: string[] | undefined) {
        role.unknownPolicySources = value;
      },
    }));
    this.identity.link(roles, (scopeView, namespace, name) =>
      this.policyNames.find(scopeView.scope, namespacedName(namespace || undefined, name)),
    );
  }

  private findApprole(view: ResourceView): ResourceView | undefined {
    const name = stringAt(view, AT.role_name);
    return typeof name === "string" ? this.approleRoles.find(view.scope, name) : undefined;
  }

  private readBackend(view: ResourceView): void {
    const declared = stringAt(view, AT.type);
    const fallback = view.type === "vault_jwt_auth_backend" ? "jwt" : undefined;
    const typeName = typeof declared === "string" ? declared : fallback;
    const type = (typeName && BACKEND_TYPES.has(typeName) ? typeName : "other") as VaultAuthBackend["type"];
    const path = stringAt(view, AT.path) ?? typeName ?? unknown("the mount path is not set");
    const boundIssuer = view.type === "vault_jwt_auth_backend" ? stringAt(view, AT.bound_issuer) : undefined;
    const jwt = view.type === "vault_jwt_auth_backend";
    const discoveryUrl = jwt ? stringAt(view, AT.oidc_discovery_url) : undefined;
    const jwksUrl = jwt ? stringAt(view, AT.jwks_url) : undefined;
    const pubkeys = jwt ? stringListAt(view, AT.jwt_validation_pubkeys) : undefined;
    const namespace = namespaceAt(view);
    const backend: VaultAuthBackend = {
      location: view.location,
      type,
      path: typeof path === "string" ? trimSlashes(path) : path,
      ...(boundIssuer !== undefined ? { boundIssuer } : {}),
      ...(discoveryUrl !== undefined ? { oidcDiscoveryUrl: discoveryUrl } : {}),
      ...(jwksUrl !== undefined ? { jwksUrl } : {}),
      ...(pubkeys !== undefined ? { jwtValidationPubkeys: pubkeys } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
    };
    this.backends.push(backend);
    this.backendViews.set(view, backend);
    if (typeof backend.path === "string")
      this.backendPaths.add(view.scope, namespacedName(namespace, backend.path), backend);
  }

  private readPolicy(view: ResourceView): void {
    const name = stringAt(view, AT.name) ?? unknown("the policy has no name");
    const { rules, text } = this.policyRules(view);
    const namespace = namespaceAt(view);
    const policy = new PolicyObject(view.location, name, rules, text);
    put(policy, "namespace", namespace);
    policy.attachedTo = [];
    this.policies.push(policy);
    if (typeof name === "string")
      this.policyNames.add(view.scope, namespacedName(namespace, vaultNameKey(name)), policy);
  }

  /** The policy's rules, and its text when it is literal (the text may carry a header). */
  private policyRules(view: ResourceView): { rules: Maybe<VaultPolicyRule[]>; text?: string } {
    const raw = view.rawAt(AT.policy);
    if (raw === undefined) return { rules: unknown("the policy has no text in the input") };
    // Terraform JSON refers to other resources only inside `${...}`: literal text needs no scan.
    const documents =
      view.scope.format === "terraform-json" && typeof raw === "string" && !raw.includes("${")
        ? []
        : view.referencesAt(AT.policy).filter((v) => v.mode === "data" && v.type === "vault_policy_document");
    const text = typeof raw === "string" ? view.scope.resolveText(raw, view) : undefined;
    const computed = isUnknown(raw) || (text !== undefined && /^\s*\$\{[^{}]*\}\s*$/.test(text));
    if (computed) {
      if (documents.length === 1) return { rules: renderVaultPolicyDocument(documents[0]) };
      if (isUnknown(raw)) return { rules: unknownAt(view, AT.policy, `the policy text is ${raw.reason}`) };
      return {
        rules: unknown(
          `the policy text is the Terraform expression ${shorten(text ?? "")}, which is not evaluated statically`,
        ),
      };
    }
    if (text === undefined) return { rules: unknown("the policy text is not a string") };
    return { rules: parseVaultPolicy(text), text };
  }

  private readRole(view: ResourceView, authType: VaultRole["authType"], defaultMount: string): void {
    // Indexed loops here and in attach: this runs unoptimized for every role, where each for-of
    // step allocates.
    let referenced: VaultAuthBackend | undefined;
    const backendTargets = view.referencesAt(AT.backend);
    for (let i = 0; i < backendTargets.length; i++) {
      referenced = this.backendViews.get(backendTargets[i]);
      if (referenced !== undefined) break;
    }
    // The written mount counts only when no backend of the input is referenced.
    const mount = referenced ? undefined : (stringAt(view, AT.backend) ?? defaultMount);
    const backendPath =
      referenced?.path ?? (typeof mount === "string" ? trimSlashes(mount) : (mount as Maybe<string>));
    const namespace = namespaceAt(view);
    const backend =
      referenced ??
      (typeof backendPath === "string"
        ? this.backendPaths.find(view.scope, namespacedName(namespace, backendPath))
        : undefined);
    const tokenPolicies = stringListAt(view, AT.token_policies) ?? stringListAt(view, AT.policies) ?? [];
    const noDefaultPolicy = booleanAt(view, AT.token_no_default_policy);
    // Made with its first policy (most roles hold one): a list pushed to from empty reserves room
    // for 17, and the graph keeps it.
    let policies: VaultPolicy[] | undefined;
    if (!isUnknown(tokenPolicies))
      for (let i = 0; i < tokenPolicies.length; i++)
        policies = this.attach(view, namespace, tokenPolicies[i], policies);
    // Every token carries the `default` policy unless token_no_default_policy is true; a rewritten
    // `default` in the inputs therefore reaches for this role too
    // (https://developer.hashicorp.com/vault/docs/concepts/policies#default-policy). An unknown
    // flag keeps it (the reach it may add is reported rather than dropped).
    if (noDefaultPolicy !== true) policies = this.attach(view, namespace, DEFAULT_POLICY_NAME, policies);
    const claimsType = stringAt(view, AT.bound_claims_type);
    // Built key by key in the order the graph has always listed them (optional keys only when set),
    // without a spread per key.
    const role = new RoleObject(
      view.location,
      authType,
      stringAt(view, AT.role_name) ?? unknown("the role has no name"),
      backendPath,
    ) as Mutable<RoleEntry>;
    if (backend) role.backend = backend;
    put(role, "roleType", stringAt(view, AT.role_type));
    put(role, "boundAudiences", stringListAt(view, AT.bound_audiences));
    put(role, "boundSubject", stringAt(view, AT.bound_subject));
    put(role, "boundClaims", stringMapAt(view, AT.bound_claims));
    if (claimsType !== undefined)
      role.boundClaimsType =
        typeof claimsType === "string" && (claimsType === "string" || claimsType === "glob")
          ? claimsType
          : typeof claimsType === "string"
            ? unknown(`bound_claims_type ${quote(shorten(claimsType, 40))} is not string or glob`)
            : claimsType;
    put(role, "userClaim", stringAt(view, AT.user_claim));
    put(role, "boundServiceAccountNames", stringListAt(view, AT.bound_service_account_names));
    put(role, "boundServiceAccountNamespaces", stringListAt(view, AT.bound_service_account_namespaces));
    role.tokenPolicies = tokenPolicies;
    put(role, "tokenTtl", numberAt(view, AT.token_ttl));
    put(role, "tokenMaxTtl", numberAt(view, AT.token_max_ttl));
    put(role, "tokenExplicitMaxTtl", numberAt(view, AT.token_explicit_max_ttl));
    put(role, "tokenPeriod", numberAt(view, AT.token_period));
    put(role, "tokenNumUses", numberAt(view, AT.token_num_uses));
    put(role, "tokenType", stringAt(view, AT.token_type));
    put(role, "tokenNoDefaultPolicy", noDefaultPolicy);
    if (authType === "approle") put(role, "bindSecretId", booleanAt(view, AT.bind_secret_id));
    put(role, "namespace", namespace);
    role.policies = policies ?? [];
    this.roles.set(view, role);
  }

  /**
   * Adds the policies a token policy name designates to the role's `policies`. Vault stores policy
   * names lower-cased and trimmed, so `App` and `app` are one policy holding whichever text
   * Terraform applied last (https://developer.hashicorp.com/vault/api-docs/system/policies-acl):
   * the token may carry either, so it carries both here. Returns the role's policies, made when
   * the first one is found.
   */
  private attach(
    view: ResourceView,
    namespace: Maybe<string> | undefined,
    name: string,
    policies: VaultPolicy[] | undefined,
  ): VaultPolicy[] | undefined {
    const found = this.policyNames.findAll(view.scope, namespacedName(namespace, vaultNameKey(name)));
    for (let i = 0; i < found.length; i++) {
      const policy = found[i];
      if (policies === undefined) policies = [policy];
      else if (policies.includes(policy)) continue;
      else policies.push(policy);
      // The first role replaces the policy's empty list by one of its own size (see above).
      if (policy.attachedTo.length === 0) policy.attachedTo = [view.address];
      else if (!policy.attachedTo.includes(view.address)) policy.attachedTo.push(view.address);
    }
    return policies;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A vault_policy; readPolicy adds its namespace and roles. Its header (the accountability comment
 * of generated policies) is parsed when first read: only for a role whose identity has no record,
 * which no role of our constructs is, so a synthesized app never parses one.
 */
class PolicyObject implements PolicyEntry {
  // Declared only: readPolicy sets them, in the order the graph has always listed its keys.
  declare namespace?: Maybe<string>;
  declare attachedTo: string[];
  #text: string | undefined;
  #header: Accountability | undefined;

  constructor(
    readonly location: SourceLocation,
    readonly name: Maybe<string>,
    readonly rules: Maybe<readonly VaultPolicyRule[]>,
    text: string | undefined,
  ) {
    this.#text = text;
  }

  get header(): Accountability | undefined {
    if (this.#text !== undefined) {
      this.#header = accountabilityFromVaultPolicy(this.#text);
      this.#text = undefined;
    }
    return this.#header;
  }
}

/**
 * The first keys of a Vault role; readRole adds the others. A class rather than an object literal
 * so that roles get a map (hidden class) of their own: in a cdktf app so many `{}` objects gain a
 * first key (resource names, construct ids) that V8's shared root map for small literals runs out
 * of transitions, and then each role built from a literal made a chain of a dozen maps of its own,
 * in the old generation (about 15 MB at 5,000 identities for the GC to copy and mark).
 */
class RoleObject {
  constructor(
    readonly location: SourceLocation,
    readonly authType: VaultRole["authType"],
    readonly roleName: Maybe<string>,
    readonly backendPath: Maybe<string>,
  ) {}
}

/** Sets an optional key when its value is set. */
function put<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** Lookup key of a policy name or mount path inside its namespace. */
function namespacedName(namespace: Maybe<string> | undefined, name: string): string {
  return typeof namespace === "string"
    ? `${namespace}\u0000${name}`
    : isUnknown(namespace)
      ? `?\u0000${name}`
      : name;
}

/** `data.vault_policy_document`: `rule { path, capabilities }` blocks. */
export function renderVaultPolicyDocument(view: ResourceView): Maybe<VaultPolicyRule[]> {
  const rules: VaultPolicyRule[] = [];
  for (const path of blockPaths(view, AT.rule)) {
    const rulePath = stringAt(view, [...path, "path"]);
    const capabilities = stringListAt(view, [...path, "capabilities"]);
    if (rulePath === undefined || isUnknown(rulePath)) {
      return unknown(`${view.address}: a rule path is ${rulePath ? rulePath.reason : "missing"}`);
    }
    if (capabilities !== undefined && isUnknown(capabilities))
      return unknown(`${view.address}: capabilities are ${capabilities.reason}`);
    if (hasInterpolation(rulePath))
      return unknown(`${view.address}: the rule path ${shorten(rulePath, 60)} is not known statically`);
    rules.push({ path: rulePath, capabilities: capabilities ?? [] });
  }
  return rules;
}
