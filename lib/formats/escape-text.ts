import { UNSAFE_CHARACTERS as UNSAFE } from "../model/unsafe-text";

/** How a terminal line shows an unsafe character: `\n`, `\x1b`, `\u202e`. */
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
