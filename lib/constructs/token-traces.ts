import type { ITerraformBlock } from "./terraform-block";

/**
 * Runs `make` (code that makes cdktf tokens) without formatting the stack traces cdktf records
 * for them.
 *
 * cdktf captures and formats a full stack trace for every token it makes (every reference, every
 * dependency, and the computed lists each provider class builds in its constructor), to say where
 * a token was made if it later cannot be resolved. The tokens the constructs make for themselves
 * always resolve (a reference to a resource of the same construct, a dependency on the issuer's
 * provider), and formatting their traces, one line per frame of the user's program and ours, cost
 * more than a tenth of a synthesis of 1,000 identities (issue 11). While `make` runs, traces are
 * formatted as empty, which cdktf records as no trace. V8 formats an error's trace when it is
 * first read, so an error thrown by `make` still has its full trace when the caller reads it.
 */
export function withoutTokenTraces<T>(make: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = noTrace;
  try {
    return make();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

/** A reference to an attribute of a block the constructs made, for their own use. */
export function ownReference(block: ITerraformBlock, terraformAttribute: string): string {
  return withoutTokenTraces(() => block.getStringAttribute(terraformAttribute));
}

function noTrace(): string {
  return "";
}
