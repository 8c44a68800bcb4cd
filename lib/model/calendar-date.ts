/** Dates in records and policies are calendar days, written YYYY-MM-DD and read as UTC. */

/**
 * Day number (days since 1970-01-01 UTC) of a real calendar date written YYYY-MM-DD, else undefined.
 * Years before 100 are refused, as `Date.UTC` reads them as 19xx. Computed from the digits (every
 * finding on every identity compares dates, so no RegExp or Date per call).
 */
function dayNumber(value: string): number | undefined {
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

const DASH = 45;

/** The number written by the ASCII digits in [from, to), or -1 when any is not a digit. */
function digits(value: string, from: number, to: number): number {
  let number = 0;
  for (let i = from; i < to; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 in the proleptic Gregorian calendar (the calendar `Date` uses). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && dayNumber(value) !== undefined;
}

/** Whole days from `today` to `date`; negative when past; undefined when either is not a calendar date. */
export function daysUntil(date: string | undefined, today: string): number | undefined {
  const end = date === undefined ? undefined : dayNumber(date);
  const start = dayNumber(today);
  return end === undefined || start === undefined ? undefined : end - start;
}
