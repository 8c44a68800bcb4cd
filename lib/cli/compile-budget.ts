import { setFlagsFromString } from "node:v8";

/**
 * How much bytecode a function runs before V8 optimizes it, for the CLI process only (the library
 * never changes its host's flags). `check` runs most of its code a few thousand times over one
 * input and exits: with V8's default budget (67,584) its optimizing compiler spent about 1 s of CPU
 * on background threads (issue 11) for code that ran only a little faster. With this budget only
 * the hottest loops are optimized: `check` on the 5,000-identity benchmark output took about a
 * third less CPU, 10,000 identities a quarter less, with the same report.
 */
export const CLI_INTERRUPT_BUDGET = 1_000_000;

/** Sets the budget unless the user chose one (`node --interrupt-budget=N`). */
export function useCliCompileBudget(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => arg.startsWith("--interrupt-budget"))) return false;
  setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
  return true;
}
