// PLACEHOLDER (owned by the lead): enables whole-app enforcement at synth.
import type { IConstruct } from "constructs";

/** Turns synth-time enforcement on for the app that contains `scope` (idempotent). */
export function enableEnforcement(scope: IConstruct): void {
  void scope;
}
