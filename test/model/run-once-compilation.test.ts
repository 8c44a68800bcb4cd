import {
  compilerChosenByUser,
  useCliCompileBudget,
  withoutOptimizingCompiler,
} from "../../lib/model/run-once-compilation";

describe("how V8 compiles the review", () => {
  it("sees a compiler flag the user gave node, on its command line or in NODE_OPTIONS", () => {
    expect(compilerChosenByUser([], "")).toBe(false);
    expect(compilerChosenByUser(["--stack-size=900"], "--max-old-space-size=4096")).toBe(false);
    expect(compilerChosenByUser(["--interrupt-budget=5000"], "")).toBe(true);
    expect(compilerChosenByUser(["--no-opt"], "")).toBe(true);
    expect(compilerChosenByUser(["--max_opt=2"], "")).toBe(true);
    expect(compilerChosenByUser([], "--jitless")).toBe(true);
    expect(compilerChosenByUser(["--turbofan"], "")).toBe(true);
    expect(compilerChosenByUser(["--optimize-for-size"], "")).toBe(false);
  });

  it("sets the CLI's budget only when the user chose nothing", () => {
    expect(useCliCompileBudget(false)).toBe(true);
    expect(useCliCompileBudget(true)).toBe(false);
  });

  it("returns what the review returns and passes on what it throws", () => {
    expect(withoutOptimizingCompiler(() => 42, false)).toBe(42);
    expect(withoutOptimizingCompiler(() => 7, true)).toBe(7);
    expect(() =>
      withoutOptimizingCompiler(() => {
        throw new Error("blocked");
      }, false),
    ).toThrow("blocked");
  });
});
