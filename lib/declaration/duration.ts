import { invalidDuration, type ValidationProblem, textOf } from "../errors/validation-errors";
import { formatSeconds, parseDurationText } from "../model/duration-text";
import { Provenance } from "./provenance";

/** The Durations this copy made (the brand alone can be forged). */
export const DURATIONS = new Provenance(Symbol.for("cdktf-workload-identity.Duration"));

/**
 * A credential lifetime. Factories never throw: an invalid amount (negative parse, fraction of a
 * second, not a number) is carried in {@link Duration.problems} and reported by the construct
 * together with every other problem of the identity.
 */
export class Duration {
  /** A whole number of seconds. */
  public static seconds(amount: number): Duration {
    return Duration.fromAmount(amount, 1, "Duration.seconds");
  }

  public static minutes(amount: number): Duration {
    return Duration.fromAmount(amount, 60, "Duration.minutes");
  }

  public static hours(amount: number): Duration {
    return Duration.fromAmount(amount, 3600, "Duration.hours");
  }

  /** Parses `"90s"`, `"30m"`, `"1h30m"`, `"2d"`, ISO-8601 `"PT1H"`, or a number of seconds as text. */
  public static parse(text: string): Duration {
    if (typeof text !== "string") {
      return new Duration(NaN, textOf(text), [invalidDuration("", text, "Duration.parse expects a string")]);
    }
    const parsed = parseDurationText(/^\s*\d+\s*$/.test(text) ? Number(text) : text);
    if ("error" in parsed) return new Duration(NaN, text, [invalidDuration("", text, parsed.error)]);
    return new Duration(parsed.seconds, text, []);
  }

  /**
   * True for a Duration this copy of the library created. An object that only carries the brand
   * (another copy or version of the package, a Proxy, a forgery) is not one: it is rejected with
   * an error saying so.
   */
  public static isDuration(value: unknown): value is Duration {
    return DURATIONS.madeHere(value);
  }

  private static fromAmount(amount: number, unitSeconds: number, factory: string): Duration {
    const seconds = typeof amount === "number" ? amount * unitSeconds : NaN;
    if (!Number.isFinite(seconds)) {
      return new Duration(NaN, `${factory}(${textOf(amount)})`, [
        invalidDuration("", amount, `${factory} expects a finite number`),
      ]);
    }
    if (!Number.isInteger(seconds)) {
      return new Duration(NaN, `${factory}(${amount})`, [
        invalidDuration("", amount, "the duration is not a whole number of seconds"),
      ]);
    }
    return new Duration(seconds, formatSeconds(seconds), []);
  }

  /** Problems found by the factory (empty when valid); fields are relative to the TTL. */
  public readonly problems: ValidationProblem[];

  private constructor(
    private readonly amountSeconds: number,
    private readonly text: string,
    problems: readonly ValidationProblem[],
  ) {
    // Frozen; typed as a plain array because jsii has no read-only array type.
    this.problems = Object.freeze([...problems]) as ValidationProblem[];
    DURATIONS.mark(this);
  }

  /** Whole seconds; NaN when the duration is invalid (see {@link Duration.problems}). */
  public toSeconds(): number {
    return this.amountSeconds;
  }

  /** Compact form such as `"1h30m"`. */
  public toString(): string {
    if (Number.isNaN(this.amountSeconds)) return this.text;
    return this.amountSeconds < 0 ? `${this.amountSeconds}s` : formatSeconds(this.amountSeconds);
  }
}
