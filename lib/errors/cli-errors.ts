/** A command line the CLI cannot run: unknown command or flag, missing or invalid value. Exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage line of the command concerned, printed after the message. */
    readonly usage: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** The report could not be written to `--output FILE`. Exit 2. */
export class OutputError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "OutputError";
  }
}
