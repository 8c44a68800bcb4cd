import { csvRow } from "./escape-csv";
import type { InventoryReport, ReportFormat } from "./report-format";
import { INVENTORY_COLUMNS } from "./table-format";

/** RFC 4180 CSV (CRLF line ends), safe to open in a spreadsheet. */
export const CSV_FORMAT: ReportFormat = {
  name: "csv",
  inventory(report: InventoryReport): string {
    const rows = [
      csvRow(INVENTORY_COLUMNS.map((c) => c.header)),
      ...report.rows.map((row) => csvRow(INVENTORY_COLUMNS.map((c) => c.value(row)))),
    ];
    return `${rows.join("\r\n")}\r\n`;
  },
};
