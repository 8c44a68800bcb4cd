/**
 * Best-effort line numbers for locations. Each lookup searches forward from a cursor, so reading a
 * whole document costs one pass over its text, never one pass per resource.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line of a character offset. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
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
