/**
 * A Vault policy capability, as an enum-like class (jsii-shaped: a typo is a compile error in
 * every language). https://developer.hashicorp.com/vault/docs/concepts/policies#capabilities
 */
export class VaultCapability {
  /** Create data at a path that does not exist yet (POST/PUT). */
  public static readonly CREATE = new VaultCapability("create");
  /** Read data (GET). */
  public static readonly READ = new VaultCapability("read");
  /** Change data at an existing path (POST/PUT). */
  public static readonly UPDATE = new VaultCapability("update");
  /** Partially update data (PATCH). */
  public static readonly PATCH = new VaultCapability("patch");
  /** Delete data (DELETE). */
  public static readonly DELETE = new VaultCapability("delete");
  /** List keys (LIST); returns names only, not values. */
  public static readonly LIST = new VaultCapability("list");
  /** Root-protected endpoints; reported by WI505. */
  public static readonly SUDO = new VaultCapability("sudo");
  /** Deny access; takes precedence over every other capability. */
  public static readonly DENY = new VaultCapability("deny");

  /** The capability as Vault policies spell it. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    Object.freeze(this);
  }

  public toString(): string {
    return this.value;
  }
}
