import { setFlagsFromString } from "node:v8";

/**
 * How V8 compiles the review and the constructs' declarations, which run most of their code a few
 * thousand times over one input (issue 11). V8's optimizing compiler (TurboFan) compiles a function
 * once it has run enough bytecode; for this code that cost more CPU, on background threads, than
 * the optimized code saved: about 1 s of a `check` of 5,000 identities, and a sixth of a synth of
 * 1,000 identities. With it held back, the reports are the same and cost less. Flags the user gave
 * node are left alone.
 */

/** The CLI's budget of bytecode before V8 optimizes a function (V8's own is 67,584 in Node.js 20). */
export const CLI_INTERRUPT_BUDGET = 1_000_000;

/** Flags of node's command line or NODE_OPTIONS this module would override or conflict with. */
const COMPILER_FLAGS =
  /^--(no-)?(interrupt-budget|turbofan|opt|max-opt|always-turbofan|always-opt|jitless)(=|$)/;

/** True when the user chose how V8 compiles (their choice is kept). */
export function compilerChosenByUser(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? "",
): boolean {
  const userFlags = [...execArgv, ...nodeOptions.split(/\s+/)];
  return userFlags.some((flag) => COMPILER_FLAGS.test(flag.replace(/_/g, "-")));
}

/**
 * For the CLI process, which runs one review and exits: only the hottest loops are optimized.
 * The 5,000-identity benchmark `check` took about a third less CPU, 10,000 identities a quarter less.
 */
export function useCliCompileBudget(chosenByUser = compilerChosenByUser()): boolean {
  if (chosenByUser) return false;
  setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
  return true;
}

/** The process's answer of {@link compilerChosenByUser} (its flags do not change while it runs). */
let processCompilerChosen: boolean | undefined;

/** Calls of {@link withoutOptimizingCompiler} running, nested in one another. */
let depth = 0;

/**
 * Runs `work` (the synth-time check: code an app runs once, over a few thousand identities at most,
 * in the user's process) with the optimizing compiler off, and turns it back on when the outermost
 * call ends: TurboFan is on by default in every Node.js, so that is the state it had. Code V8
 * already optimized stays optimized; the app's own code is optimized as usual before and after.
 * Synth of the benchmark app took about a sixth less CPU at 1,000 and 5,000 identities with the
 * check run so, and about 4 % less again at 1,000 with the constructs' declarations too (now in a
 * declaration run, below). A declaration run going on ends first.
 */
export function withoutOptimizingCompiler<T>(
  work: () => T,
  chosenByUser = (processCompilerChosen ??= compilerChosenByUser()),
): T {
  if (chosenByUser || depth > 0) return work();
  endDeclarationRun();
  setFlagsFromString("--no-turbofan");
  depth++;
  try {
    return work();
  } finally {
    depth--;
    setFlagsFromString("--turbofan");
  }
}

/** True from a declaration run's first declaration until the run ends (the compiler is off). */
let inDeclarationRun = false;

/**
 * Runs `work` (a construct's declaration) with the optimizing compiler off, as
 * {@link withoutOptimizingCompiler} does, but leaves it off for the declarations that follow: an
 * app declares its identities one after another and then synthesizes, and setting V8's flags twice
 * per declaration cost 0.18 s of the 3 s of declaring 10,000 identities. The run ends, and the
 * compiler is on again, when the JavaScript running now returns to the event loop (a microtask) or
 * when {@link endDeclarationRun} is called (`app.synth()` starting), whichever comes first.
 */
export function withoutOptimizingCompilerInDeclarationRun<T>(
  work: () => T,
  chosenByUser = (processCompilerChosen ??= compilerChosenByUser()),
): T {
  if (chosenByUser || depth > 0 || inDeclarationRun) return work();
  setFlagsFromString("--no-turbofan");
  inDeclarationRun = true;
  queueMicrotask(endDeclarationRun);
  return work();
}

/** Ends the declaration run, if one is going: the optimizing compiler is on again. */
export function endDeclarationRun(): void {
  if (!inDeclarationRun) return;
  inDeclarationRun = false;
  setFlagsFromString("--turbofan");
}
