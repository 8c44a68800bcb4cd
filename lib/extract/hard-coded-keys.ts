import type { StaticCredential } from "../model/graph";
import type { SourceLocation } from "../model/location";

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
 * Collects hard-coded AWS access key IDs in every string under `value`, one credential per key
 * and attribute path. `seen` de-duplicates across passes (planned values, then configuration).
 */
export function scanForAccessKeys(
  value: unknown,
  location: SourceLocation,
  seen: Set<string>,
  out: StaticCredential[],
  path = "",
): void {
  if (typeof value === "string") {
    for (const keyId of accessKeyIdsIn(value)) {
      const identity = `${location.stack ?? ""}|${location.address}|${keyId}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      out.push({
        location,
        kind: "hard-coded-aws-key",
        detail: `AWS access key ID ${maskKeyId(keyId)} is written in ${path || "the configuration"}`,
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => scanForAccessKeys(item, location, seen, out, `${path}[${index}]`));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === "//") continue;
      scanForAccessKeys(item, location, seen, out, path ? `${path}.${key}` : key);
    }
  }
}
