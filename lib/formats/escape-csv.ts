import { escapeText } from "./escape-text";

/** Leading characters that make spreadsheets evaluate a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * One RFC 4180 field from an untrusted string: control characters shown escaped, a leading
 * formula character neutralised with `'`, always quoted, quotes doubled.
 */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? "" : escapeText(String(value));
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(fields: readonly (string | number | undefined)[]): string {
  return fields.map(csvField).join(",");
}
