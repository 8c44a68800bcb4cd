import { createHash } from "node:crypto";
import type { RuleResult } from "../model/finding";

/**
 * Stable identity of a finding across runs, machines and base/head of a PR: rule id, the
 * (stack-qualified) addresses and identity ids involved, and the rule's discriminator key.
 * Messages and line numbers are deliberately left out: they change without the finding changing.
 */
export function fingerprint(ruleId: string, result: RuleResult): string {
  const where = (l: RuleResult["location"]) => `${l.stack ?? ""}:${l.address}`;
  const parts = [
    ruleId,
    where(result.location),
    ...(result.related ?? []).map(where).sort(),
    ...[...(result.identityIds ?? [])].sort(),
    result.key ?? "",
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}
