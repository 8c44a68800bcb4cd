import type { IdentityGraph, VaultAuthBackend, VaultRole } from "../model/graph";
import { isUnknown, type Maybe } from "../model/unknown";
import { normalizeIssuer } from "../model/issuer";

/** The auth backend a role is mounted on: the linked resource, else the one with the same path and stack. */
export function backendOf(role: VaultRole, graph: IdentityGraph): VaultAuthBackend | undefined {
  if (role.backend) return role.backend;
  if (isUnknown(role.backendPath)) return undefined;
  const path = role.backendPath.replace(/^\/+|\/+$/g, "");
  const stack = role.location.stack ?? "";
  return graph.vaultAuthBackends.find(
    (backend) =>
      !isUnknown(backend.path) &&
      backend.path.replace(/^\/+|\/+$/g, "") === path &&
      (backend.location.stack ?? "") === stack,
  );
}

export type VaultIssuer =
  | { readonly kind: "issuer"; readonly issuer: string }
  | { readonly kind: "unknown"; readonly reason: string }
  /** The backend validates signatures only (JWKS URL or public keys) without pinning `iss`. */
  | { readonly kind: "unpinned" };

function known(value: Maybe<string> | undefined): string | undefined {
  return value !== undefined && !isUnknown(value) && value.trim() !== "" && !value.includes("${")
    ? value
    : undefined;
}

/** The issuer a Vault JWT role accepts tokens from: the backend's bound_issuer, else its discovery URL. */
export function vaultIssuerOf(role: VaultRole, graph: IdentityGraph): VaultIssuer {
  const backend = backendOf(role, graph);
  if (!backend) return { kind: "unknown", reason: "its auth backend is not in the inputs" };
  const issuer = known(backend.boundIssuer) ?? known(backend.oidcDiscoveryUrl);
  if (issuer) return { kind: "issuer", issuer: normalizeIssuer(issuer) };
  if (isUnknown(backend.boundIssuer) || isUnknown(backend.oidcDiscoveryUrl)) {
    return { kind: "unknown", reason: "the issuer of its auth backend is not known" };
  }
  // Without an issuer the mount accepts whatever its keys verify: unknown keys leave that open.
  const jwks = backend.jwksUrl;
  const keys = backend.jwtValidationPubkeys;
  if (
    (jwks !== undefined && (isUnknown(jwks) || jwks.includes("${"))) ||
    (keys !== undefined && (isUnknown(keys) || keys.some((key) => key.includes("${"))))
  )
    return { kind: "unknown", reason: "the verification keys of its auth backend are not known" };
  return { kind: "unpinned" };
}

/** JWT roles that workloads log in with (`role_type = "oidc"` is the browser flow for people). */
export function isWorkloadJwtRole(role: VaultRole): boolean {
  return (
    role.authType === "jwt" &&
    (role.roleType === undefined || isUnknown(role.roleType) || role.roleType !== "oidc")
  );
}

function unknownOrInterpolated(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (typeof value === "string") return value.includes("${");
  if (Array.isArray(value)) return value.some(unknownOrInterpolated);
  if (typeof value === "object" && value !== null)
    return Object.entries(value).some(([k, v]) => k.includes("${") || unknownOrInterpolated(v));
  return false;
}

/**
 * Trust fields of a Vault role that are not statically known. WI214 reports the role once and
 * every other trust rule skips it.
 */
export function unknownVaultTrustFields(role: VaultRole): string[] {
  const fields: Array<[string, unknown]> =
    role.authType === "jwt"
      ? [
          ["role_type", role.roleType],
          ["bound_audiences", role.boundAudiences],
          ["bound_subject", role.boundSubject],
          ["bound_claims", role.boundClaims],
          ["bound_claims_type", role.boundClaimsType],
          ["user_claim", role.userClaim],
        ]
      : role.authType === "kubernetes"
        ? [
            ["bound_service_account_names", role.boundServiceAccountNames],
            ["bound_service_account_namespaces", role.boundServiceAccountNamespaces],
          ]
        : [];
  return fields.filter(([, value]) => unknownOrInterpolated(value)).map(([name]) => name);
}
