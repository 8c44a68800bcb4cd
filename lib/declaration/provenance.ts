/**
 * Values of the public API (Duration, Subject, AwsGrant, VaultGrant, OidcIssuer, WorkloadIdentity)
 * are recognized by the objects this copy of the library created, never by a brand alone: a
 * `Symbol.for` brand is global, so an object of another copy or version of the package, one
 * written by hand, or a Proxy around one of ours carries it without our invariants (issue 13).
 * The brand stays on our objects only to tell such a value apart in the error message.
 */
export class Provenance {
  private readonly created = new WeakSet<object>();

  constructor(private readonly brand: symbol) {}

  /** Records `value` as made by this copy, and brands it. */
  mark(value: object): void {
    this.created.add(value);
    Object.defineProperty(value, this.brand, { value: true });
  }

  /** True only for an object this copy made (not a copy of it, not a Proxy around it). */
  madeHere(value: unknown): boolean {
    return typeof value === "object" && value !== null && this.created.has(value);
  }

  /** True for an object carrying the brand that this copy did not make. */
  isForeign(value: unknown): boolean {
    if (typeof value !== "object" || value === null || this.created.has(value)) return false;
    try {
      return this.brand in value;
    } catch {
      return false; // a Proxy whose `has` trap throws: simply not one of ours
    }
  }
}
