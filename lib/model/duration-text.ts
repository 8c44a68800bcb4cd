/**
 * Parses the duration forms accepted everywhere (code, cdktf.json context, the CLI policy file):
 * a number of seconds, `90s`, `30m`, `1h`, `1h30m`, `2d`, or ISO-8601 `PT1H30M` / `P1D`.
 * Returns whole seconds, or an error sentence naming what is allowed.
 */
export function parseDurationText(value: string | number): { seconds: number } | { error: string } {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 0
      ? { seconds: value }
      : { error: `expected a whole, non-negative number of seconds, got ${value}` };
  }
  const text = value.trim();
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text);
  if (iso && text.toUpperCase() !== "P" && !/T$/i.test(text)) {
    const [, d, h, m, s] = iso;
    return { seconds: Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0) };
  }
  const short = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i.exec(text);
  if (short && text !== "") {
    const [, d, h, m, s] = short;
    return { seconds: Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0) };
  }
  return {
    error: `"${text}" is not a duration; use seconds (3600), "30m", "1h", "1h30m", or ISO-8601 "PT1H"`,
  };
}

/** Compact human form used in messages and reports: 5400 -> "1h30m". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds === 0) return "0s";
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.join("");
}
