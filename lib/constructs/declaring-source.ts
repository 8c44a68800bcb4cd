import { existsSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** This package's compiled or source `lib` directory: frames inside it are not the user's. */
const PACKAGE_LIB = path.resolve(__dirname, "..");
/** Frames searched for the user's: the constructor's, then a few user wrapper constructs (cost grows with each). */
const FRAMES_SEARCHED = 11;
/** Frames read first: the constructor's caller is nearly always among them. */
const FIRST_FRAMES = 4;
let repositoryRoot: string | undefined;

/** A frame's file and line as the formatted stack trace shows them; undefined for a frame without a position. */
type Frame = readonly [file: string, line: string] | undefined;

/**
 * The frame the formatted stack trace shows for each raw V8 position (`file:line:column` as V8
 * compiled it) seen so far. Formatting a trace (a string per frame, source-mapped when source maps
 * are on) costs more than the rest of a construct; the raw positions are cheap to read, and the
 * formatted frame of a position is always the same, so each position is formatted once.
 */
const formattedAt = new Map<string, Frame>();
/** The formatter and source-map setting {@link formattedAt} was filled under (a change empties it). */
let formattedUnder: { prepare: unknown; sourceMaps: unknown } = { prepare: undefined, sourceMaps: undefined };
/** Per file of a frame: its repository-relative path, `null` outside the repository, `false` for a library frame. */
const placeOfFile = new Map<string, string | null | false>();

/**
 * `file:line` of the user code that declared a construct, relative to the repository root (the
 * nearest directory above the working directory holding `.git`, else the working directory), so
 * SARIF can point code scanning at the TypeScript line in the PR diff. Read from the V8 stack
 * trace, as cdktf does for its own `stacktrace` metadata; source-mapped paths (ts-node, tsx,
 * `--enable-source-maps`) give the `.ts` line. Undefined when no frame lies in the repository
 * (e.g. a jsii host language, or code outside the repository): no absolute path is ever recorded.
 */
export function declaringSource(): string | undefined {
  const prepare = Error.prepareStackTrace;
  const sourceMaps = (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled;
  if (formattedUnder.prepare !== prepare || formattedUnder.sourceMaps !== sourceMaps) {
    formattedAt.clear();
    formattedUnder = { prepare, sourceMaps };
  }
  // Most declarations are found in the first frames (the constructor's caller): those are read
  // first, and the rest only when they are all library frames.
  const first = callSites(FIRST_FRAMES);
  let known = first === undefined ? UNKNOWN : rememberedPlace(first);
  if (known === FURTHER && first!.length === FIRST_FRAMES) {
    const all = callSites(FRAMES_SEARCHED);
    known = all === undefined ? UNKNOWN : rememberedPlace(all);
  }
  if (known === FURTHER) return undefined;
  if (known !== UNKNOWN) return known;
  const sites = callSites(FRAMES_SEARCHED);
  const frames = formattedFrames();
  // One line per frame (a formatter that writes otherwise is read each time, not remembered).
  if (sites !== undefined && frames.length === sites.length)
    sites.forEach((site, i) => {
      const position = rawPosition(site);
      if (position !== undefined) formattedAt.set(position, frames[i]);
    });
  for (const frame of frames) {
    const place = placeOfFrame(frame);
    if (place !== false) return place;
  }
  return undefined;
}

const UNKNOWN = Symbol("a position not formatted yet");
const FURTHER = Symbol("only library frames");

/** The place the remembered frames give, {@link FURTHER} when none of them is the user's, {@link UNKNOWN} at a new position. */
function rememberedPlace(
  sites: readonly NodeJS.CallSite[],
): string | undefined | typeof UNKNOWN | typeof FURTHER {
  for (const site of sites) {
    const position = rawPosition(site);
    if (position === undefined) continue;
    const frame = formattedAt.get(position);
    if (frame === undefined && !formattedAt.has(position)) return UNKNOWN;
    const place = placeOfFrame(frame);
    if (place !== false) return place;
  }
  return FURTHER;
}

/** The caller's frames as V8 call sites (whatever formatter is installed), or undefined when V8 gives none. */
function callSites(frames: number): NodeJS.CallSite[] | undefined {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_error, sites) => sites;
  Error.stackTraceLimit = frames;
  try {
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, declaringSource);
    return Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : undefined;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/**
 * The position V8 knows for a frame; undefined for a frame without a file (native or eval'd code),
 * which no trace writes as a `file:line` of the repository.
 */
function rawPosition(site: NodeJS.CallSite): string | undefined {
  const file = site.getFileName();
  if (!file || site.isEval()) return undefined;
  return `${file}:${site.getLineNumber()}:${site.getColumnNumber()}`;
}

/** The caller's frames as the installed formatter writes them: each line's last `file:line:column`. */
function formattedFrames(): Frame[] {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = FRAMES_SEARCHED;
  const holder: { stack?: unknown } = {};
  try {
    Error.captureStackTrace(holder, declaringSource);
  } finally {
    Error.stackTraceLimit = limit;
  }
  const stack = typeof holder.stack === "string" ? holder.stack : "";
  return stack
    .split("\n")
    .slice(1)
    .map((line) => {
      const frame = /\(?((?:file:\/\/)?[^()\s]+):(\d+):\d+\)?\s*$/.exec(line.trim());
      return frame ? ([frame[1], frame[2]] as const) : undefined;
    });
}

/** `file:line` for the user's frame, `undefined` when it lies outside the repository, `false` to look further. */
function placeOfFrame(frame: Frame): string | undefined | false {
  if (frame === undefined) return false;
  let place = placeOfFile.get(frame[0]);
  if (place === undefined) placeOfFile.set(frame[0], (place = placeOf(frame[0])));
  if (place === false) return false;
  return place === null ? undefined : `${place}:${frame[1]}`;
}

function placeOf(name: string): string | null | false {
  const file = name.startsWith("file://") ? fileURLToPath(name) : name;
  if (!path.isAbsolute(file) || isLibraryFrame(file)) return false;
  const relative = path.relative(root(), file);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join("/");
}

function isLibraryFrame(file: string): boolean {
  return (
    file.startsWith(PACKAGE_LIB + path.sep) ||
    file.split(path.sep).includes("node_modules") ||
    file.startsWith("node:")
  );
}

function root(): string {
  if (repositoryRoot === undefined) {
    const cwd = process.cwd();
    let dir = cwd;
    while (!existsSync(path.join(dir, ".git")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    repositoryRoot = existsSync(path.join(dir, ".git")) ? dir : cwd;
  }
  return repositoryRoot;
}
