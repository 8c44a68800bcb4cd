import {
  controlCharacters,
  missingText,
  unresolvedReference,
  type ValidationProblem,
} from "../errors/validation-errors";
import { hasControlCharacters, hasUnresolvedReference } from "../model/text-checks";

export { hasControlCharacters, hasUnresolvedReference, hasWildcard } from "../model/text-checks";

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
