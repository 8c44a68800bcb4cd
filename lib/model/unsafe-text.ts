/**
 * Characters that must never leave the tool raw, whatever the output: C0 controls (ESC starts
 * ANSI sequences, CR/LF forge extra lines), DEL, C1 controls (0x9B is a one-byte CSI), bidi
 * embeddings, overrides and isolates ("Trojan Source", CVE-2021-42574), zero-width characters,
 * line/paragraph separators and the BOM. One home for every escaper: rule messages (quote),
 * terminal text, Markdown, CSV, JSON, SARIF and the synth-blocking message.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** The unsafe characters above C0, which JSON.stringify leaves raw. */
export const UNSAFE_ABOVE_ASCII_CONTROLS = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** `\uXXXX`: valid in JSON and JavaScript strings, readable in every other output. */
export function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * JSON text with every unsafe character inside its strings written as a `\u` escape. JSON.stringify
 * escapes C0 controls but leaves DEL, C1, bidi and invisible characters raw; outside strings it
 * writes none of them, so the replacement never touches the document's structure.
 */
export function safeJsonStringify(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_ABOVE_ASCII_CONTROLS, unicodeEscape);
}

/**
 * An attacker-controlled string as rule messages show it: JSON-quoted (quotes and backslashes
 * escaped), with every unsafe character a `\u` escape, so the message stays one line and reads the
 * way the value is stored. The one quoting helper for messages.
 */
export function quote(value: string): string {
  return safeJsonStringify(value);
}
