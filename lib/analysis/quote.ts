import { describeLocation, type SourceLocation } from "../model/location";
import { quote } from "../model/unsafe-text";

export { quote };

/** A location as messages name it: construct path or address, quoted. */
export function quoteLocation(location: SourceLocation): string {
  return quote(describeLocation(location));
}
