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
 * A location whose `line` is read from `line` on demand, as {@link withLazyLine} gives it (an own,
 * enumerable property), built for a fraction of its cost: every instance shares one accessor, so
 * all of them have one shape, where a getter made per location gives each object a shape of its
 * own. The keys are those of the plain location (`stack` and `constructPath` only when set), then
 * `line`.
 */
export function locationWithLine<K>(
  file: string,
  stack: string | undefined,
  address: string,
  constructPath: string | undefined,
  lines: LineSource<K>,
  key: K,
): SourceLocation {
  return new LineLocation(file, stack, address, constructPath, lines as LineSource<unknown>, key);
}

/** Lines of one file by what they belong to (`key`), e.g. the resource blocks of a file. */
export interface LineSource<K> {
  lineOf(key: K): number | undefined;
}

class LineLocation implements SourceLocation {
  declare readonly file: string;
  declare readonly stack?: string;
  declare readonly address: string;
  declare readonly constructPath?: string;
  declare readonly line?: number;
  readonly #lines: LineSource<unknown>;
  readonly #key: unknown;
  static readonly #lineProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: LineLocation) {
      return this.#lines.lineOf(this.#key);
    },
  };

  constructor(
    file: string,
    stack: string | undefined,
    address: string,
    constructPath: string | undefined,
    lines: LineSource<unknown>,
    key: unknown,
  ) {
    this.file = file;
    if (stack !== undefined) this.stack = stack;
    this.address = address;
    if (constructPath !== undefined) this.constructPath = constructPath;
    this.#lines = lines;
    this.#key = key;
    Object.defineProperty(this, "line", LineLocation.#lineProperty);
  }
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
    return findKey(this.text, key, from);
  }
}

/**
 * Offset of the JSON object key `key` at or after `from` in `text`, or -1: the key as JSON writes
 * it (quoted, escaped), then a colon within the next 16 characters, only white space between.
 */
export function findKey(text: string, key: string, from: number): number {
  if (from < 0) return -1;
  const needle = JSON.stringify(key);
  for (let at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    const end = Math.min(text.length, at + needle.length + 16);
    for (let i = at + needle.length; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === 58 /* : */) return at;
      if (!isWhiteSpace(code)) break;
    }
  }
  return -1;
}

/** What `String.prototype.trim` removes: JSON's white space and the other Unicode spaces. */
function isWhiteSpace(code: number): boolean {
  if (code === 32 || code === 10 || code === 13 || code === 9) return true;
  return code > 127 || code === 11 || code === 12 ? /\s/.test(String.fromCharCode(code)) : false;
}

/**
 * 1-based lines of offsets asked in any order, counted from the previous answer (or from the start,
 * when nearer): offsets that mostly move forward cost one pass over the text in all, and no table
 * of line starts.
 */
export class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    const text = this.text;
    // Far behind the last answer, counting again from the start is shorter.
    if (offset < this.offset - offset) {
      this.offset = 0;
      this.line = 1;
    }
    let line = this.line;
    if (offset >= this.offset) {
      for (let at = text.indexOf("\n", this.offset); at >= 0 && at < offset; at = text.indexOf("\n", at + 1))
        line++;
    } else {
      for (let at = this.offset - 1; at >= offset; at--) {
        at = text.lastIndexOf("\n", at);
        if (at < offset) break;
        line--;
      }
    }
    this.offset = offset;
    this.line = line;
    return line;
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
