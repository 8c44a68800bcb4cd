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

/**
 * The account ID of an ARN the input does not know yet: the account the app deploys to, which
 * resources it creates get at apply and the caller identity data source reads. One value for the
 * whole app; compared with a literal account as `*` (it may be that account).
 */
export const UNKNOWN_ACCOUNT = "<account>";

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

/**
 * IAM policy variables (`${aws:username}`, `${token.actions.githubusercontent.com:sub}`, and the
 * escapes `${*}`, `${?}`, `${$}`) are evaluated by AWS, not Terraform: they are not unknowns.
 */
const IAM_POLICY_VARIABLE = /^\$\{(?:[A-Za-z0-9.\-/]+:[A-Za-z0-9_.\-/]+|\*|\?|\$)\}$/;

/**
 * True when a string still contains a Terraform interpolation (`${...}`) that was not resolved.
 * `$${` is Terraform's escape for a literal `${`; IAM policy variables are not interpolations.
 */
export function hasInterpolation(value: string): boolean {
  for (let start = value.indexOf("${"); start >= 0; start = value.indexOf("${", start + 2)) {
    let dollars = 1;
    while (start - dollars >= 0 && value[start - dollars] === "$") dollars += 1;
    if (dollars % 2 === 0) continue; // `$${` is an escaped, literal `${`
    const end = value.indexOf("}", start);
    if (end < 0 || !IAM_POLICY_VARIABLE.test(value.slice(start, end + 1))) return true;
  }
  return false;
}
