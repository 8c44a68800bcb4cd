/**
 * A failure inside the reviewer while it read or checked the named inputs: a bug, never a verdict.
 * The CLI names the inputs (exit 2), so the report can say which file to attach.
 */
export class InternalError extends Error {
  constructor(
    readonly inputs: readonly string[],
    readonly cause: unknown,
  ) {
    const first = cause instanceof Error ? cause.message.split("\n", 1)[0] : String(cause);
    super(first.length > 200 ? `${first.slice(0, 199)}…` : first);
    this.name = "InternalError";
  }
}
