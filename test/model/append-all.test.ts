import { appendAll } from "../../lib/model/append-all";

test("appendAll appends half a million items, where push(...items) throws a RangeError", () => {
  const items = Array.from({ length: 500_000 }, (_, i) => i);
  expect(() => [0].push(...items)).toThrow(RangeError);
  const target = appendAll([-1], items);
  expect(target).toHaveLength(500_001);
  expect(target[0]).toBe(-1);
  expect(target[500_000]).toBe(499_999);
});
