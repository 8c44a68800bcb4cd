/**
 * An input the reviewer cannot read or does not understand. The message is one line that names
 * the file and the problem; the CLI prints it and exits 2 (never a clean verdict).
 */
export class InputError extends Error {
  constructor(
    /** The path as given or as found (e.g. inside a cdktf.out directory). */
    readonly file: string,
    /** What is wrong, without the file name, e.g. "not valid JSON at line 3, column 7". */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "InputError";
  }
}

/** Why a file system call failed, in words a reviewer can act on. */
export function describeFileSystemError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "does not exist";
    case "EACCES":
    case "EPERM":
      return "cannot be read (permission denied)";
    case "EISDIR":
      return "is a directory, expected a JSON file";
    case "ENOTDIR":
      return "a parent of this path is not a directory";
    case "ELOOP":
      return "has too many levels of symbolic links";
    case "EMFILE":
    case "ENFILE":
      return "cannot be opened (too many open files)";
    default: {
      const message = error instanceof Error ? error.message.split("\n", 1)[0] : String(error);
      return `cannot be read (${typeof code === "string" ? code : message})`;
    }
  }
}
