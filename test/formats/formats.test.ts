import { REPORT_FORMATS, formatNamesFor, loadedFormats } from "../../lib/formats/formats";
import type { ReportFormat } from "../../lib/formats/report-format";

const KINDS = ["check", "review", "inventory", "rules"] as const;
const kindsOf = (format: ReportFormat) => KINDS.filter((kind) => typeof format[kind] === "function");

test("each format offers exactly the reports its module implements (the list loads modules on first use)", () => {
  const loaded = loadedFormats();
  expect(REPORT_FORMATS.map((format) => [format.name, kindsOf(format)])).toEqual(
    loaded.map((format) => [format.name, kindsOf(format)]),
  );
});

test("the formats, in the order help texts list them", () => {
  expect(formatNamesFor("check")).toEqual(["text", "markdown", "json", "sarif"]);
  expect(formatNamesFor("inventory")).toEqual(["text", "table", "csv", "markdown", "json"]);
});

test("a listed format renders what its module renders", () => {
  const rules = { rules: [] };
  const options = { toolVersion: "1.2.3" };
  const loaded = loadedFormats();
  for (const [i, format] of REPORT_FORMATS.entries()) {
    if (format.rules) expect(format.rules(rules, options)).toBe(loaded[i].rules!(rules, options));
  }
});
