import type { InventoryRow } from "../review/inventory";
import { escapeText } from "./escape-text";
import type { InventoryReport, ReportFormat } from "./report-format";

const MISSING = "-";

/** The inventory columns every tabular format shows, in order. */
export const INVENTORY_COLUMNS: readonly {
  readonly header: string;
  readonly value: (row: InventoryRow) => string | undefined;
}[] = [
  { header: "identity", value: (r) => r.id },
  { header: "kind", value: (r) => r.kind },
  { header: "stack", value: (r) => r.stack },
  { header: "owner team", value: (r) => r.ownerTeam },
  { header: "owner contact", value: (r) => r.ownerContact },
  { header: "issuer", value: (r) => r.issuer },
  { header: "issuer owner", value: (r) => r.issuerOwner },
  { header: "approver", value: (r) => r.approver },
  { header: "approval ref", value: (r) => r.approvalReference },
  { header: "approval expires", value: (r) => r.approvalExpires },
  { header: "secrets approver", value: (r) => r.secretsApprover },
  { header: "secrets approval ref", value: (r) => r.secretsApprovalReference },
  { header: "secrets approval expires", value: (r) => r.secretsApprovalExpires },
  { header: "ttl", value: (r) => r.ttl },
  { header: "subject", value: (r) => (r.subjects.length > 0 ? r.subjects.join(", ") : undefined) },
  { header: "scope", value: (r) => (r.scope.length > 0 ? r.scope.join("; ") : undefined) },
  { header: "source", value: (r) => r.source },
];

function approval(name?: string, reference?: string, expires?: string): string | undefined {
  if (name === undefined && reference === undefined) return undefined;
  return `${name ?? MISSING} ${reference ?? MISSING}${expires ? ` until ${expires}` : ""}`;
}

/** The terminal table folds related fields into one column each, so it fits a screen. */
const TABLE_COLUMNS: typeof INVENTORY_COLUMNS = [
  { header: "identity", value: (r) => r.id },
  {
    header: "owner",
    value: (r) =>
      r.ownerTeam || r.ownerContact ? `${r.ownerTeam ?? MISSING} <${r.ownerContact ?? MISSING}>` : undefined,
  },
  { header: "approver", value: (r) => approval(r.approver, r.approvalReference, r.approvalExpires) },
  {
    header: "secrets approver",
    value: (r) => approval(r.secretsApprover, r.secretsApprovalReference, r.secretsApprovalExpires),
  },
  { header: "ttl", value: (r) => r.ttl },
  {
    header: "trust",
    value: (r) =>
      `${r.issuer ?? MISSING} (issuer owner ${r.issuerOwner ?? MISSING}) sub ${r.subjects.join(", ") || MISSING}`,
  },
  { header: "scope", value: (r) => (r.scope.length > 0 ? r.scope.join("; ") : undefined) },
];

/** A terminal line is at most this wide; longer values end in `…` (the JSON and CSV formats have them whole). */
export const TABLE_MAX_WIDTH = 120;
const COLUMN_GAP = "  ";
/** No column is narrowed below this, so every column keeps a readable start. */
const MIN_COLUMN_WIDTH = 6;

/** Column widths that fit `max`: the widest column gives up a character until the line fits. */
function fittedWidths(natural: readonly number[], max: number): number[] {
  const widths = [...natural];
  const total = () => widths.reduce((sum, w) => sum + w, 0) + COLUMN_GAP.length * (widths.length - 1);
  while (total() > max) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= MIN_COLUMN_WIDTH) break;
    widths[widest] -= 1;
  }
  return widths;
}

function truncate(value: string, width: number): string {
  const chars = [...value];
  return chars.length <= width ? value : `${chars.slice(0, width - 1).join("")}…`;
}

/** Aligned plain-text columns for a terminal, at most {@link TABLE_MAX_WIDTH} characters wide. */
export const TABLE_FORMAT: ReportFormat = {
  name: "table",
  inventory(report: InventoryReport): string {
    if (report.rows.length === 0) return "No identities found.\n";
    const cells = report.rows.map((row) => TABLE_COLUMNS.map((c) => escapeText(c.value(row) ?? MISSING)));
    const headers = TABLE_COLUMNS.map((c) => c.header.toUpperCase());
    const natural = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => [...row[i]].length)));
    const widths = fittedWidths(natural, TABLE_MAX_WIDTH);
    const line = (values: readonly string[]) =>
      values
        .map((v, i) => {
          const cell = truncate(v, widths[i]);
          return cell + " ".repeat(widths[i] - [...cell].length);
        })
        .join(COLUMN_GAP)
        .trimEnd();
    const lines = [line(headers), ...cells.map(line)];
    if (widths.some((w, i) => w < natural[i]))
      lines.push("", "Values ending in … are cut to fit the terminal: --format json or csv has them whole.");
    return `${lines.join("\n")}\n`;
  },
};
