import type {
  CheckReport,
  InventoryReport,
  RenderOptions,
  ReportFormat,
  ReportKind,
  ReviewReport,
  RulesReport,
} from "./report-format";

/**
 * How to load each format, and the reports it implements. A command renders one format, so the
 * others are not loaded at all (start-up of the CLI, issue 11); formats.test.ts checks these kinds
 * against what each loaded format implements.
 */
const FORMAT_LOADERS: ReadonlyArray<{
  readonly name: string;
  readonly kinds: readonly ReportKind[];
  readonly load: () => ReportFormat;
}> = [
  {
    name: "text",
    kinds: ["check", "review", "rules", "inventory"],
    // `text` is the terminal format of every command, so the inventory's terminal table answers to `--format text` too.
    load: () => ({ ...loadTextFormat().TEXT_FORMAT, inventory: loadTableFormat().TABLE_FORMAT.inventory }),
  },
  { name: "table", kinds: ["inventory"], load: () => loadTableFormat().TABLE_FORMAT },
  {
    name: "csv",
    kinds: ["inventory"],
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    load: () => (require("./csv-format") as typeof import("./csv-format")).CSV_FORMAT,
  },
  {
    name: "markdown",
    kinds: ["check", "review", "inventory", "rules"],
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    load: () => (require("./markdown-format") as typeof import("./markdown-format")).MARKDOWN_FORMAT,
  },
  {
    name: "json",
    kinds: ["check", "review", "inventory", "rules"],
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    load: () => (require("./json-format") as typeof import("./json-format")).JSON_FORMAT,
  },
  {
    name: "sarif",
    kinds: ["check", "review"],
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    load: () => (require("./sarif-format") as typeof import("./sarif-format")).SARIF_FORMAT,
  },
];

function loadTextFormat(): typeof import("./text-format") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./text-format") as typeof import("./text-format");
}

function loadTableFormat(): typeof import("./table-format") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./table-format") as typeof import("./table-format");
}

/** A format whose module is loaded when it first renders a report. */
function loadedOnFirstUse(entry: (typeof FORMAT_LOADERS)[number]): ReportFormat {
  let loaded: ReportFormat | undefined;
  const format = () => (loaded ??= entry.load());
  const has = (kind: ReportKind) => entry.kinds.includes(kind);
  return Object.freeze({
    name: entry.name,
    ...(has("check") && {
      check: (report: CheckReport, options: RenderOptions) => format().check!(report, options),
    }),
    ...(has("review") && {
      review: (report: ReviewReport, options: RenderOptions) => format().review!(report, options),
    }),
    ...(has("inventory") && {
      inventory: (report: InventoryReport, options: RenderOptions) => format().inventory!(report, options),
    }),
    ...(has("rules") && {
      rules: (report: RulesReport, options: RenderOptions) => format().rules!(report, options),
    }),
  });
}

/** Every output format; each implements the reports it supports. */
export const REPORT_FORMATS: readonly ReportFormat[] = FORMAT_LOADERS.map(loadedOnFirstUse);

/** The formats as their modules define them, all loaded (for tests that compare them with the list above). */
export function loadedFormats(): ReportFormat[] {
  return FORMAT_LOADERS.map((entry) => entry.load());
}

/** Names of the formats that can render a report, in the order help texts list them. */
export function formatNamesFor(kind: ReportKind): string[] {
  return REPORT_FORMATS.filter((format) => typeof format[kind] === "function").map((format) => format.name);
}

export function findFormat(kind: ReportKind, name: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((format) => format.name === name && typeof format[kind] === "function");
}
