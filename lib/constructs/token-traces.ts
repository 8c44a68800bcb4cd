import type { ITerraformBlock } from "./terraform-block";

/**
 * Runs `make` (code that makes cdktf tokens) without capturing the stack traces cdktf records for
 * them.
 *
 * cdktf captures a full stack trace (every frame, whatever `Error.stackTraceLimit` says) for every
 * token it makes: every reference, every dependency, and the computed lists each provider class
 * builds in its constructor, to say where a token was made if it later cannot be resolved. The
 * tokens the constructs make for themselves always resolve (a reference to a resource of the same
 * construct, a dependency on the issuer's provider), and capturing their traces cost about a tenth
 * of our constructs' own time (issue 11). A trace captures no frames while `Error.stackTraceLimit`
 * is not a number (https://nodejs.org/api/errors.html#errorstacktracelimit), and V8 reads it as a
 * plain value, without calling an accessor: while `make` runs it is an accessor that reads as
 * before and ignores assignments, so nothing is captured and cdktf records no trace. An error
 * thrown out of `make` is given the trace of the place it leaves it.
 */
export function withoutTokenTraces<T>(make: () => T): T {
  // Nested (a construct's side, then each block and reference of it): the outermost call decides.
  if (depth > 0) return make();
  const limit = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit");
  if (limit === undefined || !limit.configurable) return make();
  Object.defineProperty(Error, "stackTraceLimit", {
    configurable: true,
    enumerable: limit.enumerable,
    get: () => limit.value as unknown,
    set: () => {},
  });
  depth++;
  try {
    return make();
  } catch (error) {
    Object.defineProperty(Error, "stackTraceLimit", limit);
    if (isObject(error) && error.stack === undefined) traceFromHere(error);
    throw error;
  } finally {
    depth--;
    Object.defineProperty(Error, "stackTraceLimit", limit);
  }
}

/** How many {@link withoutTokenTraces} calls are running (nested ones, on this thread). */
let depth = 0;

function isObject(value: unknown): value is { stack?: unknown } {
  return typeof value === "object" && value !== null;
}

function traceFromHere(error: object): void {
  try {
    Error.captureStackTrace(error, withoutTokenTraces);
  } catch {
    // A frozen error keeps no trace; it is thrown as it is.
  }
}

/** A reference to an attribute of a block the constructs made, for their own use. */
export function ownReference(block: ITerraformBlock, terraformAttribute: string): string {
  return withoutTokenTraces(() => block.getStringAttribute(terraformAttribute));
}
