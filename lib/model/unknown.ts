/**
 * A value the reviewer could not determine statically: computed after apply, an unresolved
 * `${...}` reference, or content that failed to parse. Rules must report it ("unknown — needs
 * review"), never treat it as clean.
 */
export interface Unknown {
  readonly unknown: true;
  /** Why the value is not known, phrased for a reviewer, e.g. "known only after apply". */
  readonly reason: string;
}

/** A value that is either known or {@link Unknown}. */
export type Maybe<T> = T | Unknown;

export function unknown(reason: string): Unknown {
  return { unknown: true, reason };
}

export function isUnknown(value: unknown): value is Unknown {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { unknown?: unknown }).unknown === true &&
    typeof (value as { reason?: unknown }).reason === "string"
  );
}

/** True when a string still contains a Terraform interpolation (`${...}`) that was not resolved. */
export function hasInterpolation(value: string): boolean {
  return value.includes("${");
}
