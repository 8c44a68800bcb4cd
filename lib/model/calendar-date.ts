/** Dates in records and policies are calendar days, written YYYY-MM-DD and read as UTC. */

const DAY_MS = 24 * 3600 * 1000;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Whole days from `today` to `date`; negative when past; undefined when `date` is not a calendar date. */
export function daysUntil(date: string | undefined, today: string): number | undefined {
  if (!isIsoDate(date) || !isIsoDate(today)) return undefined;
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}
