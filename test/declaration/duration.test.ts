import { Duration } from "../../lib/declaration/duration";

describe("Duration", () => {
  test.each([
    [Duration.seconds(90), 90, "1m30s"],
    [Duration.minutes(30), 1800, "30m"],
    [Duration.hours(2), 7200, "2h"],
    [Duration.minutes(0.5), 30, "30s"],
    [Duration.parse("1h30m"), 5400, "1h30m"],
    [Duration.parse("PT15M"), 900, "15m"],
    [Duration.parse("3600"), 3600, "1h"],
  ])("%s is %d seconds", (duration, seconds, text) => {
    expect(duration.problems).toEqual([]);
    expect(duration.toSeconds()).toBe(seconds);
    expect(duration.toString()).toBe(text);
  });

  test("a negative amount is kept (the identity rejects it) and shown as seconds", () => {
    const duration = Duration.minutes(-5);
    expect(duration.problems).toEqual([]);
    expect(duration.toSeconds()).toBe(-300);
    expect(duration.toString()).toBe("-300s");
  });

  test.each([
    ["fraction of a second", () => Duration.seconds(1.5), "not a whole number of seconds"],
    ["not finite", () => Duration.hours(Infinity), "expects a finite number"],
    [
      "not a number (JavaScript caller)",
      () => Duration.minutes("30" as unknown as number),
      "expects a finite number",
    ],
    ["unparseable text", () => Duration.parse("half an hour"), "is not a duration"],
    ["negative text", () => Duration.parse("-5m"), "is not a duration"],
  ])("%s: carries a problem instead of throwing", (_name, make, text) => {
    const duration = make();
    expect(duration.problems).toHaveLength(1);
    expect(duration.problems[0].problem).toContain(text);
    expect(Number.isNaN(duration.toSeconds())).toBe(true);
  });

  test("isDuration recognizes durations by symbol, not by shape", () => {
    expect(Duration.isDuration(Duration.hours(1))).toBe(true);
    expect(Duration.isDuration({ toSeconds: () => 3600, problems: [] })).toBe(false);
    expect(Duration.isDuration(3600)).toBe(false);
  });
});
