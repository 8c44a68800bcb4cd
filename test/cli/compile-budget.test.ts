import { useCliCompileBudget } from "../../lib/cli/compile-budget";

describe("the CLI's compile budget", () => {
  it("is set when the user chose none", () => {
    expect(useCliCompileBudget([])).toBe(true);
  });

  it("leaves a budget the user gave node alone", () => {
    expect(useCliCompileBudget(["--interrupt-budget=5000"])).toBe(false);
    expect(useCliCompileBudget(["--stack-size=900", "--interrupt-budget", "5000"])).toBe(false);
  });
});
