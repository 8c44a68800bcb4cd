import type { Rule } from "../rule";

/** The shared rules, in id order. */
export const SHARED_RULES: readonly Rule[] = [];
