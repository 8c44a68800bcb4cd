import type { Rule } from "../rule";

/** The accountability rules, in id order. */
export const ACCOUNTABILITY_RULES: readonly Rule[] = [];
