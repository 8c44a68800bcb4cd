import { describeLocation, type SourceLocation } from "../model/location";

/**
 * An attacker-controlled string as messages show it: JSON-quoted, so quotes and control characters
 * are escaped; line/paragraph separators and bidirectional overrides too, so the message stays one
 * line and reads the way it is stored.
 */
export function quote(value: string): string {
  return JSON.stringify(value).replace(
    /[\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A location as messages name it: construct path or address, quoted. */
export function quoteLocation(location: SourceLocation): string {
  return quote(describeLocation(location));
}
