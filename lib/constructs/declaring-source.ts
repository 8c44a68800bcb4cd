import { existsSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** This package's compiled or source `lib` directory: frames inside it are not the user's. */
const PACKAGE_LIB = path.resolve(__dirname, "..");
/** Frames searched for the user's: this function, the constructor, a few user wrapper constructs (cost grows with each). */
const FRAMES_SEARCHED = 12;
let repositoryRoot: string | undefined;

/**
 * `file:line` of the user code that declared a construct, relative to the repository root (the
 * nearest directory above the working directory holding `.git`, else the working directory), so
 * SARIF can point code scanning at the TypeScript line in the PR diff. Read from the V8 stack
 * trace, as cdktf does for its own `stacktrace` metadata; source-mapped paths (ts-node, tsx,
 * `--enable-source-maps`) give the `.ts` line. Undefined when no frame lies in the repository
 * (e.g. a jsii host language, or code outside the repository): no absolute path is ever recorded.
 */
export function declaringSource(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = FRAMES_SEARCHED;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  for (const line of stack.split("\n").slice(1)) {
    const frame = /\(?((?:file:\/\/)?[^()\s]+):(\d+):\d+\)?\s*$/.exec(line.trim());
    if (!frame) continue;
    const file = frame[1].startsWith("file://") ? fileURLToPath(frame[1]) : frame[1];
    if (!path.isAbsolute(file) || isLibraryFrame(file)) continue;
    const relative = path.relative(root(), file);
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
    return `${relative.split(path.sep).join("/")}:${frame[2]}`;
  }
  return undefined;
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
