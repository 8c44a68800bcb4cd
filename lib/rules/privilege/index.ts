import type { Rule } from "../rule";

/** The privilege rules, in id order. */
export const PRIVILEGE_RULES: readonly Rule[] = [];
