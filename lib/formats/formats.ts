import { CSV_FORMAT } from "./csv-format";
import { JSON_FORMAT } from "./json-format";
import { MARKDOWN_FORMAT } from "./markdown-format";
import type { ReportFormat, ReportKind } from "./report-format";
import { SARIF_FORMAT } from "./sarif-format";
import { TABLE_FORMAT } from "./table-format";
import { TEXT_FORMAT } from "./text-format";

/**
 * Every output format; each implements the reports it supports. `text` is the terminal format of
 * every command, so the inventory's terminal table answers to `--format text` too.
 */
export const REPORT_FORMATS: readonly ReportFormat[] = [
  { ...TEXT_FORMAT, inventory: TABLE_FORMAT.inventory },
  TABLE_FORMAT,
  CSV_FORMAT,
  MARKDOWN_FORMAT,
  JSON_FORMAT,
  SARIF_FORMAT,
];

/** Names of the formats that can render a report, in the order help texts list them. */
export function formatNamesFor(kind: ReportKind): string[] {
  return REPORT_FORMATS.filter((format) => typeof format[kind] === "function").map((format) => format.name);
}

export function findFormat(kind: ReportKind, name: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((format) => format.name === name && typeof format[kind] === "function");
}
