import {
  endDeclarationRun,
  withoutOptimizingCompiler,
  withoutOptimizingCompilerInDeclarationRun,
} from "../../lib/model/run-once-compilation";

const flagsSet: string[] = [];
jest.mock("node:v8", () => ({
  ...jest.requireActual<object>("node:v8"),
  setFlagsFromString: (flags: string) => flagsSet.push(flags),
}));

describe("the optimizing compiler held back, in nested calls", () => {
  beforeEach(() => flagsSet.splice(0));

  it("turns it off once and back on only when the outermost call ends", () => {
    const result = withoutOptimizingCompiler(() => {
      const inner = withoutOptimizingCompiler(() => "inner", false);
      expect(flagsSet).toEqual(["--no-turbofan"]);
      return inner;
    }, false);
    expect(result).toBe("inner");
    expect(flagsSet).toEqual(["--no-turbofan", "--turbofan"]);
  });

  it("turns it back on when the work throws, and a later call turns it off again", () => {
    expect(() =>
      withoutOptimizingCompiler(() => {
        throw new Error("invalid declaration");
      }, false),
    ).toThrow("invalid declaration");
    withoutOptimizingCompiler(() => undefined, false);
    expect(flagsSet).toEqual(["--no-turbofan", "--turbofan", "--no-turbofan", "--turbofan"]);
  });

  it("leaves the compiler alone when the user chose its flags", () => {
    expect(withoutOptimizingCompiler(() => 1, true)).toBe(1);
    expect(flagsSet).toEqual([]);
  });
});

describe("the optimizing compiler held back over a run of declarations", () => {
  beforeEach(() => {
    endDeclarationRun();
    flagsSet.splice(0);
  });

  it("turns it off at the first declaration and on when the run ends, not around each one", () => {
    expect(withoutOptimizingCompilerInDeclarationRun(() => "a", false)).toBe("a");
    expect(withoutOptimizingCompilerInDeclarationRun(() => "b", false)).toBe("b");
    expect(flagsSet).toEqual(["--no-turbofan"]);
    endDeclarationRun();
    endDeclarationRun();
    expect(flagsSet).toEqual(["--no-turbofan", "--turbofan"]);
  });

  it("ends the run when the running JavaScript returns to the event loop", async () => {
    withoutOptimizingCompilerInDeclarationRun(() => undefined, false);
    await Promise.resolve();
    expect(flagsSet).toEqual(["--no-turbofan", "--turbofan"]);
  });

  it("keeps the run going when a declaration throws", () => {
    expect(() =>
      withoutOptimizingCompilerInDeclarationRun(() => {
        throw new Error("invalid declaration");
      }, false),
    ).toThrow("invalid declaration");
    expect(flagsSet).toEqual(["--no-turbofan"]);
    endDeclarationRun();
    expect(flagsSet).toEqual(["--no-turbofan", "--turbofan"]);
  });

  it("ends the run before the synth-time check, whose own call turns the compiler back on", () => {
    withoutOptimizingCompilerInDeclarationRun(() => undefined, false);
    withoutOptimizingCompiler(() => undefined, false);
    expect(flagsSet).toEqual(["--no-turbofan", "--turbofan", "--no-turbofan", "--turbofan"]);
  });

  it("leaves the compiler alone when the user chose its flags", () => {
    expect(withoutOptimizingCompilerInDeclarationRun(() => 1, true)).toBe(1);
    expect(flagsSet).toEqual([]);
  });
});
