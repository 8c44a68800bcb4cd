import { declaringSource } from "../../lib/constructs/declaring-source";

/**
 * declaringSource formats each code position's stack frame once and reads later calls from the
 * same positions through V8's raw call sites: what it returns must always be what the installed
 * formatter (source maps, ts-node, jest) writes for the position, never the raw position.
 */
const THIS_FILE = "test/constructs/declaring-source.test.ts";

function declared(): string | undefined {
  return declaringSource();
}

/** A formatter that writes every frame's line shifted by `shift`, as source maps shift them. */
function shiftingFormatter(shift: number, calls: string[]) {
  return (error: Error, sites: NodeJS.CallSite[]) => {
    calls.push("formatted");
    return [
      String(error),
      ...sites.map(
        (site) =>
          `    at ${site.getFunctionName() ?? "<anonymous>"} (${site.getFileName()}:${(site.getLineNumber() ?? 0) + shift}:1)`,
      ),
    ].join("\n");
  };
}

function withFormatter<T>(formatter: unknown, read: () => T): T {
  const saved = Error.prepareStackTrace;
  (Error as { prepareStackTrace?: unknown }).prepareStackTrace = formatter;
  try {
    return read();
  } finally {
    Error.prepareStackTrace = saved;
  }
}

describe("declaringSource", () => {
  test("repeated calls from one position give the formatted file:line, formatting it once", () => {
    const calls: string[] = [];
    const places = withFormatter(shiftingFormatter(1000, calls), () => [1, 2, 3].map(() => declared()));
    const line = Number(/:(\d+)$/.exec(places[0] ?? "")?.[1]);
    expect(places[0]).toBe(`${THIS_FILE}:${line}`);
    expect(line).toBeGreaterThan(1000);
    expect(places).toEqual([places[0], places[0], places[0]]);
    expect(calls).toEqual(["formatted"]);
  });

  test("another formatter installed later is what is read, also for positions seen before", () => {
    const read = () => declared();
    const first = withFormatter(shiftingFormatter(1000, []), read);
    const second = withFormatter(shiftingFormatter(2000, []), read);
    const lineOf = (place: string | undefined) => Number(/:(\d+)$/.exec(place ?? "")?.[1]);
    expect(lineOf(second) - lineOf(first)).toBe(1000);
  });

  test("a declaration below more library frames than are read first is found, also when remembered", () => {
    // The first five frames with a file written as a dependency's, the sixth as this file's line 777.
    const formatter = (error: Error, sites: NodeJS.CallSite[]) => {
      let files = 0;
      const lines = sites.map((site) => {
        if (!site.getFileName()) return "    at native (<anonymous>)";
        files += 1;
        return files === 6
          ? `    at user (${process.cwd()}/${THIS_FILE}:777:1)`
          : `    at wrapper (${process.cwd()}/node_modules/wrapper/index.js:${files}:1)`;
      });
      return [String(error), ...lines].join("\n");
    };
    const places = withFormatter(formatter, () => [1, 2].map(() => declared()));
    expect(places).toEqual([`${THIS_FILE}:777`, `${THIS_FILE}:777`]);
  });

  test("without a formatter, the default trace's file:line (the same on every call)", () => {
    const places = withFormatter(undefined, () => [1, 2].map(() => declared()));
    expect(places[0]).toMatch(new RegExp(`^${THIS_FILE.replace(/\./g, "\\.")}:[1-9]\\d*$`));
    expect(places[1]).toBe(places[0]);
  });
});
