import * as fs from "node:fs";
import { resolvePolicy } from "../model/resolve-policy";
import { describeFileSystemError, InputError } from "../errors/input-errors";
import { describeJsonSyntaxError } from "./load-inputs";
import type { ResolvedPolicy } from "../model/org-policy";
import { throwIfTooDeep } from "./load-inputs";

const MAX_POLICY_BYTES = 1024 * 1024;

/** The organisation policy from `--policy FILE` (same keys as in code), or the defaults. Throws InputError or PolicyError. */
export function loadPolicy(file: string | undefined): ResolvedPolicy {
  if (file === undefined) return resolvePolicy({}, "default policy");
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_POLICY_BYTES)
      throw new InputError(file, "is larger than 1 MiB; a policy file is a small JSON object");
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, describeFileSystemError(error));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(
      file,
      text.trim() === "" ? "is empty (expected a JSON policy object)" : describeJsonSyntaxError(text),
    );
  }
  throwIfTooDeep(file, json);
  return resolvePolicy(json, file);
}
