import * as fs from "node:fs";
import * as path from "node:path";
import { InternalError } from "../errors/internal-error";
import { OutputError, UsageError } from "../errors/cli-errors";
import { InputError, describeFileSystemError } from "../errors/input-errors";
import { PolicyError } from "../errors/policy-errors";
import { escapeText } from "../formats/escape-text";
import { lookupTable } from "../model/lookup-table";
import { processIo, type CliIo } from "./cli-io";
import { runCheck, runInventory, runReview, runRules, type CommandOutcome } from "./commands";
import { toolVersion } from "./tool-version";
import { HELP, PROGRAM, USAGE } from "./usage";

export const EXIT_OK = 0;
export const EXIT_BLOCKING = 1;
export const EXIT_ERROR = 2;

const COMMANDS = lookupTable<(args: readonly string[]) => CommandOutcome>({
  check: runCheck,
  review: runReview,
  inventory: runInventory,
  rules: runRules,
});

/**
 * Runs the CLI in-process and returns the exit code: 0 no blocking findings, 1 blocking findings,
 * 2 usage, input or internal error. Never throws; every error is one line on stderr (no stack
 * trace), with untrusted text escaped.
 */
export function main(argv: readonly string[], io: CliIo = processIo()): number {
  const fail = (message: string, usage?: string): number => {
    io.stderr.write(`${PROGRAM}: ${escapeText(boundedLine(message))}\n${usage ? `${usage}\n` : ""}`);
    return EXIT_ERROR;
  };
  let inputs: readonly string[] = [];
  try {
    const [command, ...args] = argv;
    if (command === undefined) return fail("no command given", USAGE.main);
    if (command === "--help" || command === "-h" || command === "help") {
      io.stdout.write(HELP.main);
      return EXIT_OK;
    }
    if (command === "--version") {
      io.stdout.write(`${toolVersion()}\n`);
      return EXIT_OK;
    }
    const run = COMMANDS.get(command);
    if (!run) return fail(`unknown command "${command}"`, USAGE.main);

    const outcome = run(args);
    if ("help" in outcome) {
      io.stdout.write(outcome.help);
      return EXIT_OK;
    }
    inputs = outcome.inputs ?? [];
    const color = outcome.output === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR;
    const report = outcome.render({ toolVersion: toolVersion(), cwd: io.cwd, color });
    if (outcome.output !== undefined) {
      const overwritten = inputs.find((input) => sameFile(input, outcome.output!));
      if (overwritten !== undefined)
        throw new OutputError(
          outcome.output,
          `is the input ${overwritten}; refusing to overwrite it with the report`,
        );
      try {
        io.writeFile(outcome.output, report);
      } catch (error) {
        throw new OutputError(outcome.output, `cannot write the report: ${describeFileSystemError(error)}`);
      }
      io.stdout.write(`${escapeText(outcome.output)}: ${outcome.summary}\n`);
    } else {
      io.stdout.write(report);
    }
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message, error.usage);
    if (error instanceof InputError) return fail(`cannot read input ${error.message}`);
    if (error instanceof OutputError) return fail(error.message);
    if (error instanceof PolicyError)
      return fail(`invalid policy ${error.source}: ${error.problems.join("; ")}`);
    if (error instanceof InternalError) inputs = error.inputs;
    const message = error instanceof Error ? error.message.split("\n", 1)[0] : String(error);
    const where = inputs.length > 0 ? ` while reading ${inputs.join(", ")}` : "";
    return fail(
      `internal error${where}: ${message} — this is a bug, please report it with the command you ran${inputs.length > 0 ? " and these inputs" : ""}`,
    );
  }
}

/** Longest error line: a message may quote input (a path, a pattern), never at length. */
const MAX_ERROR_LINE = 500;

function boundedLine(message: string): string {
  return message.length > MAX_ERROR_LINE ? `${message.slice(0, MAX_ERROR_LINE - 1)}…` : message;
}

/** Whether two paths name one file (the same device and inode, so links count), or one path. */
function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const first = fs.statSync(a);
    const second = fs.statSync(b);
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}
