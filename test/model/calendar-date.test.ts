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

test.each([
  ["1900-02-29", false],
  ["2000-02-29", true],
  ["2100-02-29", false],
  ["2026-04-31", false],
  ["0099-12-31", false],
  ["0100-01-01", true],
  ["2026-00-10", false],
  ["2026-11-00", false],
  ["2026-11-27 ", false],
  ["2026-11-2x", false],
])("isIsoDate(%j) is %s (leap years, month lengths, years Date reads as 19xx)", (value, expected) => {
  expect(isIsoDate(value)).toBe(expected);
});

test("daysUntil agrees with Date.UTC on every day of four centuries", () => {
  const day = 24 * 3600 * 1000;
  const start = Date.UTC(1900, 0, 1);
  const disagreements: string[] = [];
  let checked = 0;
  for (let time = start; time < Date.UTC(2300, 0, 1); time += day, checked++) {
    const text = new Date(time).toISOString().slice(0, 10);
    if (daysUntil(text, "1970-01-01") !== time / day) disagreements.push(text);
  }
  expect(checked).toBe(146097);
  expect(disagreements).toEqual([]);
});
