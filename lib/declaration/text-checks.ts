import {
  controlCharacters,
  missingText,
  unresolvedReference,
  type ValidationProblem,
} from "../errors/validation-errors";

/** C0/C1 controls, DEL and the Unicode line/paragraph separators (line breaks to some readers). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const WILDCARDS = /[*?]/;
/** How cdktf encodes an unresolved token inside a string. */
const CDKTF_TOKEN = /\$\{TfToken\[/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** True when a string carries a cdktf token (a reference resolved only at synth or apply). */
export function hasUnresolvedReference(value: string): boolean {
  return CDKTF_TOKEN.test(value);
}

export function hasWildcard(value: string): boolean {
  return WILDCARDS.test(value);
}

/**
 * Checks a required free-text field: a string, not blank, no control characters. Pushes the
 * problem and returns undefined when it fails, so callers skip format checks on bad input.
 */
export function requireText(
  problems: ValidationProblem[],
  field: string,
  value: unknown,
  allowed: string,
  fix: string,
): string | undefined {
  if (typeof value !== "string" || value.trim() === "") {
    problems.push(missingText(field, value, allowed, fix));
    return undefined;
  }
  if (hasControlCharacters(value)) {
    problems.push(controlCharacters(field, value));
    return undefined;
  }
  if (hasUnresolvedReference(value)) {
    problems.push(unresolvedReference(field, value));
    return undefined;
  }
  return value;
}

/** The same for an optional field: undefined is fine, anything else must be valid text. */
export function optionalText(
  problems: ValidationProblem[],
  field: string,
  value: unknown,
  allowed: string,
  fix: string,
): string | undefined {
  if (value === undefined) return undefined;
  return requireText(problems, field, value, allowed, fix);
}
