import { daysUntil } from "../model/calendar-date";

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
