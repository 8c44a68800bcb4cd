import { createHash } from "node:crypto";
import type { RuleResult } from "../model/finding";

/**
 * Stable identity of a finding across runs, machines and base/head of a PR: rule id, the
 * (stack-qualified) addresses and identity ids involved, and the rule's discriminator key; never
 * file names or argument order.
 * Messages and line numbers are deliberately left out: they change without the finding changing.
 */
export function fingerprint(ruleId: string, result: RuleResult): string {
  const where = (l: RuleResult["location"]) => `${l.stack ?? ""}:${l.address}`;
  const parts = [
    ruleId,
    // The primary location and the related ones as one sorted set: which side of a pair a rule
    // reports first depends on the order the inputs were given, the finding does not.
    ...[where(result.location), ...(result.related ?? []).map(where)].sort(),
    ...[...(result.identityIds ?? [])].sort(),
    result.key ?? "",
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}
