import type { Rule } from "../rule";

/** The trust rules, in id order. */
export const TRUST_RULES: readonly Rule[] = [];
