import { daysUntil, isIsoDate } from "../../lib/model/calendar-date";

test.each([
  ["2026-11-27", true],
  ["2024-02-29", true],
  ["2026-02-29", false],
  ["2026-02-30", false],
  ["2026-13-01", false],
  ["2026-1-01", false],
  ["27/11/2026", false],
  ["", false],
])("isIsoDate(%j) is %s", (value, expected) => {
  expect(isIsoDate(value)).toBe(expected);
});

test("daysUntil counts whole calendar days, negative when past, undefined for non-dates", () => {
  expect(daysUntil("2026-12-10", "2026-11-27")).toBe(13);
  expect(daysUntil("2026-11-27", "2026-11-27")).toBe(0);
  expect(daysUntil("2026-11-01", "2026-11-27")).toBe(-26);
  expect(daysUntil("2027-03-01", "2027-02-28")).toBe(1);
  expect(daysUntil("2026-02-30", "2026-11-27")).toBeUndefined();
  expect(daysUntil(undefined, "2026-11-27")).toBeUndefined();
});
