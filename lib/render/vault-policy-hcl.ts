import type { IdentityRecord, VaultGrantRecord } from "../model/record";
import { vaultPolicyHeader } from "../model/vault-policy-header";
import { VAULT_CAPABILITIES, vaultPathProblem } from "../model/vault-policy-syntax";

const HCL_PLAIN = /^[ !#&'()*+,\-./0-9:;<=>?@A-Z[\]^_`a-z{|}~]*$/;

/**
 * A double-quoted HCL string that no input can end early: backslash and quote are escaped,
 * `${` and `%{` are escaped so nothing is interpolated, control characters become escapes.
 */
export function hclString(value: string): string {
  // Printable ASCII without `\\`, `"`, `$` and `%` needs no escape (paths and capabilities nearly always).
  if (HCL_PLAIN.test(value)) return `"${value}"`;
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, () => "%%{")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    .replace(
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  return `"${escaped}"`;
}

/** Grants merged per path (capabilities united, canonical order), paths in first-seen order. */
export function mergeVaultGrants(grants: readonly VaultGrantRecord[]): VaultGrantRecord[] {
  const byPath = new Map<string, Set<string>>();
  for (const grant of grants) {
    const capabilities = byPath.get(grant.path) ?? new Set<string>();
    for (const capability of grant.capabilities) capabilities.add(capability);
    byPath.set(grant.path, capabilities);
  }
  return [...byPath].map(([path, capabilities]) => ({
    path,
    capabilities: VAULT_CAPABILITIES.filter((c) => capabilities.has(c)),
  }));
}

/**
 * The identity's Vault policy: the accountability header comment (one line, JSON-encoded), then
 * one `path` block per granted path. Paths and capabilities are validated again here (a record
 * could be built by hand) and rendered as escaped HCL strings, so no input can close a block or
 * add a path. Free-text fields (owner, description, contact) appear only in the header comment.
 */
export function renderVaultPolicy(record: IdentityRecord): string {
  for (const grant of record.scope.vault) {
    const problem = vaultPathProblem(grant.path);
    if (problem !== undefined)
      throw new Error(`refusing to render Vault path ${JSON.stringify(grant.path)}: ${problem}`);
    const unknownCapability = grant.capabilities.find((c) => !VAULT_CAPABILITIES.includes(c));
    if (unknownCapability !== undefined) {
      throw new Error(`refusing to render Vault capability ${JSON.stringify(unknownCapability)}`);
    }
  }
  const lines = [vaultPolicyHeader(record)];
  for (const grant of mergeVaultGrants(record.scope.vault)) {
    lines.push(`path ${hclString(grant.path)} {`);
    lines.push(`  capabilities = [${grant.capabilities.map(hclString).join(", ")}]`);
    lines.push("}");
  }
  return `${lines.join("\n")}\n`;
}
