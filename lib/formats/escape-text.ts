/**
 * Characters that must never reach a terminal or a one-line log raw: C0 controls (ESC starts
 * ANSI sequences, CR/LF forge extra lines), DEL, C1 controls (0x9B is a one-byte CSI), bidi
 * overrides/isolates ("Trojan Source"), zero-width and line/paragraph separators, BOM.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** An untrusted string made safe for a terminal line: every control or invisible character shown escaped. */
export function escapeText(value: string): string {
  return value.replace(UNSAFE, visible);
}

/** True when the string holds a character {@link escapeText} would rewrite. */
export function hasUnsafeText(value: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(value);
  UNSAFE.lastIndex = 0;
  return found;
}
