import { MAX_NESTING_DEPTH, tooDeepPath } from "../../lib/model/json-depth";

/** `depth` arrays around "x", built as text so building it cannot overflow the stack either. */
function nestedArrays(depth: number): unknown {
  return JSON.parse(`${"[".repeat(depth)}"x"${"]".repeat(depth)}`);
}

describe("tooDeepPath", () => {
  test("a value exactly at the limit is accepted, one level more is not", () => {
    expect(tooDeepPath(nestedArrays(MAX_NESTING_DEPTH))).toBeUndefined();
    expect(tooDeepPath(nestedArrays(MAX_NESTING_DEPTH + 1))).toMatch(/^\$\[0\]\[0\]/);
  });

  test("the path names object keys and array indexes on the way down", () => {
    const value = { a: [{ "b c": { d: [[1]] } }], flat: [1, 2, 3] };
    // Six containers deep: the root, a, a[0], "b c", d and d[0].
    expect(tooDeepPath(value, 6)).toBeUndefined();
    expect(tooDeepPath(value, 5)).toBe('$.a[0]["b c"].d[0]');
    expect(tooDeepPath(value, 4)).toBe('$.a[0]["b c"].d');
  });

  test("a value 200,000 levels deep is measured without recursion, and the path is cut short", () => {
    const path = tooDeepPath(nestedArrays(200_000));
    expect(path!.length).toBeLessThan(140);
    expect(path).toMatch(/… \(\d+ levels\)$/);
  });

  test("scalars and empty containers are depth 0 and 1", () => {
    expect(tooDeepPath("x", 0)).toBeUndefined();
    expect(tooDeepPath([], 0)).toBe("$");
    expect(tooDeepPath({}, 1)).toBeUndefined();
  });

  test("inherited keys are not measured: not Object.prototype's when it has some, nor a class prototype's", () => {
    const deep = { a: { b: { c: {} } } };
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.pollutedForTest = deep;
    try {
      expect(tooDeepPath({ x: 1 }, 2)).toBeUndefined();
      expect(tooDeepPath({ x: { y: 1 } }, 2)).toBeUndefined();
    } finally {
      delete prototype.pollutedForTest;
    }
    const withInherited = Object.create({ inherited: deep }) as Record<string, unknown>;
    withInherited.own = 1;
    expect(tooDeepPath(withInherited, 2)).toBeUndefined();
    expect(tooDeepPath({ x: 1 }, 1)).toBeUndefined();
  });
});
