import type { Accountability } from "./graph";
import type { IdentityRecord } from "./record";

/**
 * The first line of every generated Vault policy: a comment carrying the accountability record,
 * so a Terraform plan (which has only the policy text) still shows who owns and approved it.
 * The payload is JSON on one line; JSON.stringify escapes CR and LF, so no value can end the
 * comment and start a policy block.
 */
export const VAULT_HEADER_PREFIX = "# cdktf-workload-identity v1: ";

interface HeaderPayload {
  id: string;
  owner: { team: string; contact: string };
  issuerOwner: { team: string; contact: string };
  approver: { name: string; reference: string; expiresOn?: string };
  secretsApprover?: { name: string; reference: string; expiresOn?: string };
  ttlSeconds: number;
  description: string;
}

export function vaultPolicyHeader(record: IdentityRecord): string {
  const payload: HeaderPayload = {
    id: record.id,
    owner: { team: record.owner.team, contact: record.owner.contact },
    issuerOwner: { team: record.issuer.owner.team, contact: record.issuer.owner.contact },
    approver: { ...record.approver },
    secretsApprover: record.secretsApprover ? { ...record.secretsApprover } : undefined,
    ttlSeconds: record.ttlSeconds,
    description: record.description,
  };
  // U+2028/U+2029 are escaped too: some HCL readers treat them as line breaks.
  const json = JSON.stringify(payload)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `${VAULT_HEADER_PREFIX}${json}`;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function person(value: unknown): Record<string, string | undefined> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  // Nearly always every value is a non-empty string, kept as it is. The object was just parsed
  // from the header and nothing else holds it, so it is that map itself, without a copy.
  if (!Array.isArray(value) && allNonEmptyTexts(value as Record<string, unknown>))
    return value as Record<string, string>;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, stringOrUndefined(v)]);
  return Object.fromEntries(entries);
}

function allNonEmptyTexts(record: Record<string, unknown>): boolean {
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    if (typeof value !== "string" || value === "") return false;
  }
  return true;
}

/** Reads the header back; undefined when the policy has no (valid) header. */
export function accountabilityFromVaultPolicy(policyText: string): Accountability | undefined {
  // The prefix holds no line break, so a text that does not start with it has no header line.
  if (!policyText.startsWith(VAULT_HEADER_PREFIX)) return undefined;
  // The first line, as split(/\r?\n/, 1) cuts it: up to the first LF, less one CR before it.
  const end = policyText.indexOf("\n");
  const firstLine =
    end < 0 ? policyText : policyText.slice(0, end > 0 && policyText[end - 1] === "\r" ? end - 1 : end);
  let payload: unknown;
  try {
    payload = JSON.parse(firstLine.slice(VAULT_HEADER_PREFIX.length));
  } catch {
    return undefined;
  }
  if (typeof payload !== "object" || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  return {
    source: "vault-policy-header",
    owner: person(p.owner),
    issuerOwner: person(p.issuerOwner),
    approver: person(p.approver),
    secretsApprover: person(p.secretsApprover),
    ttlSeconds: typeof p.ttlSeconds === "number" && p.ttlSeconds > 0 ? p.ttlSeconds : undefined,
    description: stringOrUndefined(p.description),
  };
}
