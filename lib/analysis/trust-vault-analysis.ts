import type { IdentityGraph, VaultAuthBackend, VaultRole } from "../model/graph";
import { isUnknown, type Maybe } from "../model/unknown";
import { normalizeIssuer } from "../model/issuer";
import { AnalysisMemo } from "./analysis-memo";

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
  if (value === undefined) return false;
  if (typeof value === "string") return value.includes("${");
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(unknownOrInterpolated);
  if (typeof value === "object" && value !== null) {
    for (const k in value) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
      if (k.includes("${") || unknownOrInterpolated((value as Record<string, unknown>)[k])) return true;
    }
  }
  return false;
}

const UNKNOWN_FIELDS = new AnalysisMemo<VaultRole, readonly string[]>();
const NO_FIELDS: readonly string[] = Object.freeze([]);

/**
 * Trust fields of a Vault role that are not statically known. WI214 reports the role once and
 * every other trust rule skips it. Worked out once per role (every Vault trust rule asks; shared
 * and frozen: do not modify).
 */
export function unknownVaultTrustFields(role: VaultRole): readonly string[] {
  let fields = UNKNOWN_FIELDS.get(role);
  if (fields === undefined) {
    fields = findUnknownFields(role);
    UNKNOWN_FIELDS.set(role, fields);
  }
  return fields;
}

function findUnknownFields(role: VaultRole): readonly string[] {
  const fields: string[] = [];
  if (role.authType === "jwt") {
    if (unknownOrInterpolated(role.roleType)) fields.push("role_type");
    if (unknownOrInterpolated(role.boundAudiences)) fields.push("bound_audiences");
    if (unknownOrInterpolated(role.boundSubject)) fields.push("bound_subject");
    if (unknownOrInterpolated(role.boundClaims)) fields.push("bound_claims");
    if (unknownOrInterpolated(role.boundClaimsType)) fields.push("bound_claims_type");
    if (unknownOrInterpolated(role.userClaim)) fields.push("user_claim");
  } else if (role.authType === "kubernetes") {
    if (unknownOrInterpolated(role.boundServiceAccountNames)) fields.push("bound_service_account_names");
    if (unknownOrInterpolated(role.boundServiceAccountNamespaces))
      fields.push("bound_service_account_namespaces");
  }
  return fields.length > 0 ? Object.freeze(fields) : NO_FIELDS;
}
