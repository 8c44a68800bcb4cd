import { readdirSync } from "node:fs";
import { join } from "node:path";
import { RULE_CATALOG } from "../../lib/rules/catalog";

/**
 * Rule ids are a public contract (suppressions, severity overrides and SARIF results name them):
 * this pins every id with its default severity and OWASP NHI mapping. Changing one is a breaking
 * change; ids are never reused.
 */
const PINNED: readonly (readonly [string, string, readonly string[]])[] = [
  ["WI101", "error", ["NHI1"]],
  ["WI102", "error", ["NHI1", "NHI5"]],
  ["WI103", "error", ["NHI5"]],
  ["WI104", "error", ["NHI1"]],
  ["WI105", "warning", ["NHI1"]],
  ["WI106", "warning", ["NHI7"]],
  ["WI107", "error", ["NHI7"]],
  ["WI108", "error", ["NHI2", "NHI5"]],
  ["WI109", "warning", ["NHI1", "NHI5"]],
  ["WI110", "error", ["NHI5"]],
  ["WI111", "error", ["NHI1", "NHI9"]],
  ["WI112", "error", ["NHI1"]],
  ["WI113", "error", ["NHI5"]],
  ["WI201", "error", ["NHI6", "NHI4"]],
  ["WI202", "error", ["NHI6", "NHI9"]],
  ["WI203", "error", ["NHI6", "NHI9"]],
  ["WI204", "error", ["NHI6"]],
  ["WI205", "warning", ["NHI6"]],
  ["WI206", "error", ["NHI6", "NHI5"]],
  ["WI207", "error", ["NHI6", "NHI4"]],
  ["WI208", "error", ["NHI6", "NHI9"]],
  ["WI209", "error", ["NHI6", "NHI9"]],
  ["WI210", "warning", ["NHI9"]],
  ["WI211", "error", ["NHI3", "NHI6"]],
  ["WI212", "warning", ["NHI6"]],
  ["WI213", "warning", ["NHI6"]],
  ["WI214", "error", ["NHI6"]],
  ["WI301", "error", ["NHI9", "NHI2"]],
  ["WI302", "error", ["NHI9", "NHI2", "NHI5"]],
  ["WI303", "error", ["NHI9", "NHI6"]],
  ["WI304", "error", ["NHI9"]],
  ["WI305", "error", ["NHI9", "NHI5"]],
  ["WI306", "error", ["NHI5", "NHI9"]],
  ["WI307", "error", ["NHI5", "NHI9"]],
  ["WI308", "error", ["NHI5", "NHI9"]],
  ["WI401", "error", ["NHI7", "NHI2"]],
  ["WI402", "error", ["NHI10", "NHI7"]],
  ["WI403", "error", ["NHI7", "NHI2"]],
  ["WI404", "error", ["NHI7", "NHI2"]],
  ["WI405", "error", ["NHI7"]],
  ["WI406", "error", ["NHI7"]],
  ["WI407", "error", ["NHI2", "NHI7"]],
  ["WI501", "error", ["NHI5"]],
  ["WI502", "warning", ["NHI5"]],
  ["WI503", "error", ["NHI5"]],
  ["WI504", "warning", ["NHI5"]],
  ["WI505", "error", ["NHI5"]],
  ["WI506", "error", ["NHI5", "NHI7"]],
  ["WI507", "warning", ["NHI5"]],
  ["WI508", "error", ["NHI5"]],
  ["WI509", "error", ["NHI5"]],
  ["WI510", "note", ["NHI5"]],
];

const CATEGORY_FOLDERS: Readonly<Record<string, string>> = {
  "1": "accountability",
  "2": "trust",
  "3": "shared-paths",
  "4": "static-credentials",
  "5": "privilege",
};

test("the catalog holds exactly the pinned rules, ids with their severity and OWASP NHI mapping", () => {
  expect(RULE_CATALOG.map((r) => [r.id, r.severity, r.owasp])).toEqual(PINNED);
});

test("every rule explains itself: a title, a rationale and a fix", () => {
  for (const rule of RULE_CATALOG) {
    expect({
      id: rule.id,
      title: rule.title.length > 10,
      rationale: rule.rationale.length > 40,
      fix: rule.fix.length > 20,
    }).toEqual({ id: rule.id, title: true, rationale: true, fix: true });
  }
});

test("one rule per file, in its category's folder, named after its id", () => {
  const rulesDir = join(__dirname, "..", "..", "lib", "rules");
  const files = Object.values(CATEGORY_FOLDERS).flatMap((folder) =>
    readdirSync(join(rulesDir, folder))
      .filter((file) => /^wi\d{3}-.+\.ts$/.test(file))
      .map((file) => `${folder}/${file.slice(0, 5).toUpperCase()}`),
  );
  expect(files.sort()).toEqual(RULE_CATALOG.map((r) => `${CATEGORY_FOLDERS[r.id[2]]}/${r.id}`).sort());
});
