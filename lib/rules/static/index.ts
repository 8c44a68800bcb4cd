import type { Rule } from "../rule";

/** The static rules, in id order. */
export const STATIC_RULES: readonly Rule[] = [];
