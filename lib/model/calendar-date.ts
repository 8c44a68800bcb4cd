/** Dates in records and policies are calendar days, written YYYY-MM-DD and read as UTC. */

const DAY_MS = 24 * 3600 * 1000;

/** Day number (days since 1970-01-01 UTC) of a real calendar date written YYYY-MM-DD, else undefined. */
function dayNumber(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 2026-02-30 over into March: a real date survives the round trip.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return time / DAY_MS;
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
