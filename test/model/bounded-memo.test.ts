import { boundedMemo } from "../../lib/model/bounded-memo";

describe("boundedMemo", () => {
  it("works a key out once and returns the same value after", () => {
    const calls: string[] = [];
    const upper = boundedMemo(10, (key) => {
      calls.push(key);
      return { upper: key.toUpperCase() };
    });
    const first = upper("a");
    expect(upper("a")).toBe(first);
    expect(upper("b")).toEqual({ upper: "B" });
    expect(calls).toEqual(["a", "b"]);
  });

  it("remembers undefined as an answer", () => {
    let calls = 0;
    const nothing = boundedMemo(10, () => {
      calls += 1;
      return undefined;
    });
    expect(nothing("x")).toBeUndefined();
    expect(nothing("x")).toBeUndefined();
    expect(calls).toBe(1);
  });

  it("keeps at most `limit` keys and works the others out on every call", () => {
    const calls: string[] = [];
    const length = boundedMemo(2, (key) => {
      calls.push(key);
      return key.length;
    });
    for (const key of ["a", "bb", "ccc", "ccc", "a", "bb"]) length(key);
    expect(calls).toEqual(["a", "bb", "ccc", "ccc"]);
  });
});
