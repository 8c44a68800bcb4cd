import {
  emptyList,
  invalidVaultCapability,
  invalidVaultPath,
  wrongType,
  type ValidationProblem,
  textOf,
} from "../errors/validation-errors";
import type { VaultGrantRecord } from "../model/record";
import { VAULT_CAPABILITIES, vaultPathProblem } from "../model/vault-policy-syntax";
import { Provenance } from "./provenance";
import { enumLikeValue } from "./enum-like";
import type { VaultCapability } from "./vault-capability";

export { VAULT_CAPABILITIES } from "../model/vault-policy-syntax";

/** The VaultGrants this copy made (the brand alone can be forged). */
export const VAULT_GRANTS = new Provenance(Symbol.for("cdktf-workload-identity.VaultGrant"));

/**
 * Access to one Vault API path, rendered into the identity's Vault policy. Paths that could
 * change the meaning of the policy (quotes, braces, whitespace, `..`, a `*` before the end) are
 * rejected, not escaped. Never throws: problems are carried in {@link VaultGrant.problems}.
 */
export class VaultGrant {
  /** `read` on `path`, e.g. `secret/data/payments/api/deploy` (KV v2 data lives under `MOUNT/data/`). */
  public static read(path: string): VaultGrant {
    return VaultGrant.of(path, ["read"]);
  }

  /**
   * The given capabilities on `path`, typed: `VaultGrant.allow(path, [VaultCapability.READ, VaultCapability.LIST])`.
   */
  public static allow(path: string, capabilities: VaultCapability[]): VaultGrant {
    return VaultGrant.of(
      path,
      Array.isArray(capabilities)
        ? (capabilities.map(enumLikeValue) as string[])
        : (capabilities as unknown as string[]),
    );
  }

  /**
   * The given capabilities (`create read update patch delete list sudo deny`) on `path`, as strings
   * (checked when the identity is declared; {@link VaultGrant.allow} checks them at compile time).
   */
  public static of(path: string, capabilities: string[]): VaultGrant {
    const problems: ValidationProblem[] = [];
    const reason = vaultPathProblem(path);
    if (reason !== undefined) problems.push(invalidVaultPath("path", path, reason));
    const granted: string[] = [];
    if (!Array.isArray(capabilities)) {
      problems.push(
        wrongType("capabilities", capabilities, "a list of Vault capabilities", 'pass e.g. ["read"]'),
      );
    } else if (capabilities.length === 0) {
      problems.push(emptyList("capabilities", capabilities, "Vault capability", 'pass e.g. ["read"]'));
    } else {
      // An index loop so holes of a sparse array are reported, not skipped.
      for (let i = 0; i < capabilities.length; i++) {
        const capability: unknown = capabilities[i];
        if (typeof capability !== "string" || !VAULT_CAPABILITIES.includes(capability)) {
          problems.push(invalidVaultCapability(`capabilities[${i}]`, capability, VAULT_CAPABILITIES));
        } else if (!granted.includes(capability)) granted.push(capability);
      }
    }
    const ordered = VAULT_CAPABILITIES.filter((c) => granted.includes(c));
    return new VaultGrant(typeof path === "string" ? path : textOf(path), ordered, problems);
  }

  /**
   * True for a VaultGrant this copy of the library created. An object that only carries the brand
   * (another copy or version of the package, a Proxy, a forgery) is not one: it is rejected with
   * an error saying so.
   */
  public static isVaultGrant(value: unknown): value is VaultGrant {
    return VAULT_GRANTS.madeHere(value);
  }

  public readonly path: string;
  /** Distinct capabilities in canonical order. */
  public readonly capabilities: string[];
  /** Problems found by the factory (empty when valid); fields relative to the grant. */
  public readonly problems: ValidationProblem[];

  private constructor(path: string, capabilities: readonly string[], problems: readonly ValidationProblem[]) {
    this.path = path;
    // Frozen; typed as plain arrays because jsii has no read-only array type.
    this.capabilities = Object.freeze([...capabilities]) as string[];
    this.problems = Object.freeze([...problems]) as ValidationProblem[];
    VAULT_GRANTS.mark(this);
  }

  /**
   * The grant as the engine's record type (TypeScript only: jsii has no read-only types).
   * @jsii ignore
   */
  public toRecord(): VaultGrantRecord {
    return { path: this.path, capabilities: [...this.capabilities] };
  }
}
