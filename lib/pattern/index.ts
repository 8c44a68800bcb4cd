export * from "./arn";
export * from "./condition-values";
export * from "./glob";
export * from "./pattern-automaton";
export * from "./prefix-index";
export * from "./vault-path";
