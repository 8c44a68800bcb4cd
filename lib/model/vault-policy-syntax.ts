/**
 * Vault policy syntax both sides share: the capabilities and which paths can be written into a
 * policy without changing its meaning (https://developer.hashicorp.com/vault/docs/concepts/policies).
 * VaultGrant validates with it; the HCL renderer refuses anything else.
 */
import { hasControlCharacters, hasUnresolvedReference } from "./text-checks";

/** Vault policy capabilities, in the order they are rendered. */
export const VAULT_CAPABILITIES: readonly string[] = [
  "create",
  "read",
  "update",
  "patch",
  "delete",
  "list",
  "sudo",
  "deny",
];

/** Why a Vault policy path is unsafe or invalid, or undefined when it is fine. */
export function vaultPathProblem(path: unknown): string | undefined {
  if (typeof path !== "string" || path === "") return "it is empty";
  if (hasControlCharacters(path)) return "it contains a control character or line break";
  if (/\s/.test(path)) return "it contains whitespace";
  if (hasUnresolvedReference(path)) return "it is a Terraform reference known only after apply";
  if (/["'`]/.test(path)) return "it contains a quote";
  if (/[{}]/.test(path)) return "it contains a brace";
  if (path.startsWith("/")) return "it starts with /; Vault policy paths have no leading slash";
  if (path.includes("//")) return "it contains an empty segment (//)";
  if (path.split("/").some((segment) => segment === ".." || segment === "."))
    return "it contains a . or .. segment";
  if (path.includes("..")) return "it contains ..";
  const star = path.indexOf("*");
  if (star !== -1 && star !== path.length - 1) return "* may only be the last character";
  return undefined;
}
