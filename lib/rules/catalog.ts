import { ACCOUNTABILITY_RULES } from "./accountability";
import { PRIVILEGE_RULES } from "./privilege";
import type { Rule } from "./rule";
import { SHARED_RULES } from "./shared-paths";
import { STATIC_RULES } from "./static-credentials";
import { TRUST_RULES } from "./trust";

/** Every rule, in id order. IDs are stable and never reused. */
export const RULE_CATALOG: readonly Rule[] = [
  ...ACCOUNTABILITY_RULES,
  ...TRUST_RULES,
  ...SHARED_RULES,
  ...STATIC_RULES,
  ...PRIVILEGE_RULES,
].sort(byId);

/**
 * Ids are `WI` and three digits (catalog.test.ts pins them), which code-unit order sorts as
 * localeCompare does, without building ICU's collator at start-up.
 */
function byId(a: Rule, b: Rule): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function findRule(id: string): Rule | undefined {
  return RULE_CATALOG.find((rule) => rule.id === id);
}
