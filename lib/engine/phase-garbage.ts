import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * The synth-time check runs in the user's app, between cdktf preparing the stacks and writing them,
 * with the whole construct tree still alive (issue 11). When it ends, the graph and the working
 * values of extraction and of the rules are garbage. V8 collects old-space garbage only when the
 * heap reaches a limit set from its last collection, so without help that garbage stays until after
 * cdktf has written every stack, and it can set the app's peak memory. One full collection there
 * took the benchmark app's peak from about 265 to 245 MB at 5,000 identities (hand-written: 235 MB)
 * for 0.1 s of CPU. At 10,000 identities V8 happened to collect on its own while cdktf wrote, and
 * the peak was 435 MB either way (hand-written: 390 MB) for 0.18 s: when V8 collects depends on the
 * app's heap, so the check does not leave its garbage to chance. A second collection, after
 * extraction, returned 20 MB more at 5,000 identities and nothing at 10,000, for as much CPU again:
 * not made.
 */

/**
 * Resources (of all stacks) from which the synth-time check collects when it ends. A collection
 * costs in proportion to the live heap, the whole construct tree included: at 1,000 identities
 * (about 4,000 resources) collecting returned 12 MB of 146, not worth its CPU.
 */
export const COLLECT_FROM_RESOURCES = 8_000;

let fullCollection: (() => void) | undefined;

/**
 * V8's full collection. Node.js exposes it only with `--expose-gc`: when the app was not started so,
 * the flag is set just long enough to create one context that has `gc`, then cleared, so no other
 * context (the app's, a test runner's) gets a `gc` global.
 */
function collector(): () => void {
  if (fullCollection) return fullCollection;
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === "function") return (fullCollection = exposed as () => void);
  setFlagsFromString("--expose-gc");
  try {
    fullCollection = runInNewContext("gc") as () => void;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
  return fullCollection;
}

/** Collects the heap's garbage now (V8's full, compacting collection). */
export function collectGarbage(): void {
  collector()();
}
