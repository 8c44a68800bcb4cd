import type { SourceLocation } from "../model/location";

/**
 * Gives `location` a `line` read on demand: a file is indexed for lines only when a location in it
 * is printed (most resources never are), and at most once.
 */
export function withLazyLine(location: SourceLocation, lineOf: () => number | undefined): SourceLocation {
  let line: number | undefined | null = null;
  return Object.defineProperty(location, "line", {
    enumerable: true,
    get: () => (line === null ? (line = lineOf()) : line),
  });
}

/**
 * Best-effort line numbers for locations. Each lookup searches forward from a cursor, so reading a
 * whole document costs one pass over its text, never one pass per resource.
 */
export class LineIndex {
  /** Offsets where lines start; built on the first {@link lineAt} (finding keys needs none). */
  private lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** 1-based line of a character offset. */
  lineAt(offset: number): number {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** Offset of `needle` at or after `from`, or -1. */
  find(needle: string, from = 0): number {
    return from < 0 ? -1 : this.text.indexOf(needle, from);
  }

  /**
   * Offset of the JSON object key `key` at or after `from`. The key is matched as JSON writes it
   * (quoted, escaped) and followed by a colon.
   */
  findKey(key: string, from = 0): number {
    const needle = JSON.stringify(key);
    let at = this.find(needle, from);
    while (at >= 0) {
      const after = this.text.slice(at + needle.length, at + needle.length + 16).trimStart();
      if (after.startsWith(":")) return at;
      at = this.find(needle, at + needle.length);
    }
    return -1;
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  return starts;
}

/** First line on which each plan `"address": "..."` appears (planned_values come first). */
export function planAddressLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const pattern = /"address"\s*:\s*("(?:[^"\\]|\\.)*")/g;
  let line = 1;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    for (let i = last; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = match.index;
    let address: string;
    try {
      address = JSON.parse(match[1]) as string;
    } catch {
      continue;
    }
    if (!lines.has(address)) lines.set(address, line);
  }
  return lines;
}
