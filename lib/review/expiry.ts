const DAY_MS = 24 * 3600 * 1000;

/** Whole days from `today` to `date` (both YYYY-MM-DD); negative when past; undefined if not a date. */
export function daysUntil(date: string | undefined, today: string): number | undefined {
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const target = Date.parse(`${date}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(target) || Number.isNaN(now)) return undefined;
  return Math.round((target - now) / DAY_MS);
}

/** "expired 2026-01-01", "expires 2026-12-01 (in 4 days)", or undefined when outside the window. */
export function describeExpiry(
  date: string | undefined,
  today: string,
  warningDays: number,
): string | undefined {
  const days = daysUntil(date, today);
  if (days === undefined || days > warningDays) return undefined;
  if (days <= 0) return `expired ${date}`;
  return `expires ${date} (in ${days} day${days === 1 ? "" : "s"})`;
}
