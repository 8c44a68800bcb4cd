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
].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(id: string): Rule | undefined {
  return RULE_CATALOG.find((rule) => rule.id === id);
}
