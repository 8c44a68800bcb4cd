// PLACEHOLDER (owned by the extraction work): the signature is the contract.
import type { InputDocument } from "./input-document";

/**
 * Reads CLI inputs: a cdktf.out directory (manifest.json, every stack), a `*.tf.json` file, or
 * plan JSON. Throws `InputError` (lib/errors/input-errors.ts) with one clear line on bad input.
 */
export function loadInputs(paths: readonly string[]): InputDocument[] {
  throw new Error(`not implemented: loadInputs(${paths.join(", ")})`);
}
