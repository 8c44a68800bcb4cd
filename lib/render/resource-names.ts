import { createHash } from "node:crypto";

/** AWS IAM role names: 1-64 characters of `[A-Za-z0-9+=,.@_-]` (IAM quotas page). */
export const IAM_ROLE_NAME_MAX = 64;
const IAM_ROLE_NAME = /^[A-Za-z0-9+=,.@_-]{1,64}$/;
const IAM_DISALLOWED = /[^A-Za-z0-9+=,.@_-]/g;

/**
 * Vault role and policy names. Vault lowercases policy names, so generated names are lowercase
 * (no perpetual diff) and limited to characters that are safe in API paths.
 */
export const VAULT_NAME_MAX = 128;
const VAULT_NAME = /^[a-z0-9_.-]{1,128}$/;
const VAULT_DISALLOWED = /[^a-z0-9_.-]/g;
const HASH_LENGTH = 8;

export function isValidIamRoleName(name: string): boolean {
  return IAM_ROLE_NAME.test(name);
}

/** Vault names are compared after lowercasing (what Vault stores). */
export function isValidVaultName(name: string): boolean {
  return VAULT_NAME.test(name.toLowerCase());
}

/** Short, stable hash of the full identity path: keeps shortened or rewritten names distinct. */
function shortHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, HASH_LENGTH);
}

/**
 * Makes a name from an identity (construct) path: `/` becomes `-`, other disallowed characters
 * become `-`. When that loses information (other characters replaced, case folded) or the result
 * is too long, a hash of the original path is appended, so two paths never share a name.
 */
function nameFromPath(path: string, disallowed: RegExp, max: number, fold: (s: string) => string): string {
  const joined = path.replace(/\//g, "-");
  const sanitized = fold(joined).replace(disallowed, "-");
  const lossy = sanitized !== joined;
  if (!lossy && sanitized.length <= max && sanitized.length > 0) return sanitized;
  const hash = shortHash(path);
  const room = max - HASH_LENGTH - 1;
  const head = sanitized.slice(0, room).replace(/-+$/, "");
  return head === "" ? hash : `${head}-${hash}`;
}

/** IAM role name for an identity path, e.g. `deploy-stack-deploy-api`. */
export function iamRoleNameFor(identityPath: string): string {
  return nameFromPath(identityPath, IAM_DISALLOWED, IAM_ROLE_NAME_MAX, (s) => s);
}

/** Vault JWT role and policy name for an identity path (lowercase). */
export function vaultNameFor(identityPath: string): string {
  return nameFromPath(identityPath, VAULT_DISALLOWED, VAULT_NAME_MAX, (s) => s.toLowerCase());
}
