import type { StaticCredential } from "../model/graph";
import type { SourceLocation } from "../model/location";
import type { ModuleSource } from "./input-document";

/** AWS access key IDs: long-term (AKIA) and temporary (ASIA) keys are 20 upper-case characters. */
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;

/** Shows enough of a key ID to find it, never the whole value. */
export function maskKeyId(keyId: string): string {
  return `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
}

/** The key IDs that appear in a string. */
export function accessKeyIdsIn(text: string): string[] {
  return text.match(ACCESS_KEY_ID) ?? [];
}

/**
 * False when no string of the JSON document `text` can hold a key ID, so that nothing parsed from it
 * needs {@link scanForAccessKeys}: neither prefix is written in it, and it has no `\u` escape (the
 * only JSON escape that gives a letter or digit, so without one a prefix in a string is written in
 * the text as it is). Three substring searches of the text cost less than walking every value.
 */
export function jsonTextMayHoldAccessKeys(text: string): boolean {
  return text.includes("AKIA") || text.includes("ASIA") || text.includes("\\u");
}

/**
 * {@link jsonTextMayHoldAccessKeys} for every file of a module and of the local modules it calls
 * (where all resource blocks read from it are written); true when a file has no text to check.
 */
export function moduleMayHoldAccessKeys(source: ModuleSource, seen = new Set<ModuleSource>()): boolean {
  if (seen.has(source)) return false;
  seen.add(source);
  for (const file of source.files)
    if (file.text === undefined || jsonTextMayHoldAccessKeys(file.text)) return true;
  for (const child of source.children.values())
    if ("files" in child && moduleMayHoldAccessKeys(child, seen)) return true;
  return false;
}

/**
 * Collects hard-coded AWS access key IDs in every string under `value`, one credential per key
 * and attribute path. `seen` de-duplicates across passes (planned values, then configuration).
 * The attribute path is kept as segments and written out only for a key found: most strings hold
 * none, so neither a path string nor a regular-expression scan is made for them.
 */
export function scanForAccessKeys(
  value: unknown,
  location: SourceLocation,
  seen: Set<string>,
  out: StaticCredential[],
  path: (string | number)[] = [],
): void {
  if (typeof value === "string") {
    if (mayHoldKeyId(value)) addKeys(value, location, seen, out, path);
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      // Strings, nearly every leaf, are looked at here: no call, no path step for them.
      if (typeof item === "string") {
        if (!mayHoldKeyId(item)) continue;
        path.push(index);
        addKeys(item, location, seen, out, path);
        path.pop();
      } else if (typeof item === "object" && item !== null) {
        path.push(index);
        scanForAccessKeys(item, location, seen, out, path);
        path.pop();
      }
    }
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (key === "//" || !Object.hasOwn(record, key)) continue;
      const item = record[key];
      if (typeof item === "string") {
        if (!mayHoldKeyId(item)) continue;
        path.push(key);
        addKeys(item, location, seen, out, path);
        path.pop();
      } else if (typeof item === "object" && item !== null) {
        path.push(key);
        scanForAccessKeys(item, location, seen, out, path);
        path.pop();
      }
    }
  }
}

/** A key ID is 20 characters: shorter strings (most of them), or those without its prefix, hold none. */
function mayHoldKeyId(text: string): boolean {
  return text.length >= 20 && (text.includes("AKIA") || text.includes("ASIA"));
}

function addKeys(
  text: string,
  location: SourceLocation,
  seen: Set<string>,
  out: StaticCredential[],
  path: readonly (string | number)[],
): void {
  for (const keyId of accessKeyIdsIn(text)) {
    const identity = `${location.stack ?? ""}|${location.address}|${keyId}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    out.push({
      location,
      kind: "hard-coded-aws-key",
      detail: `AWS access key ID ${maskKeyId(keyId)} is written in ${pathText(path) || "the configuration"}`,
    });
  }
}

/** `a.b[0].c`, as the attribute path is shown in findings. */
function pathText(path: readonly (string | number)[]): string {
  let text = "";
  for (const segment of path)
    text += typeof segment === "number" ? `[${segment}]` : text ? `.${segment}` : segment;
  return text;
}
