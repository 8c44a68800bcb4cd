import { InputError } from "../errors/input-errors";
import { InternalError } from "../errors/internal-error";
import { PolicyError } from "../errors/policy-errors";
import { blockingFindings, evaluate } from "../engine/evaluate";
import { UsageError } from "../errors/cli-errors";
import { buildGraph } from "../extract/build-graph";
import { loadInputs } from "./load-inputs";
import { findFormat, formatNamesFor } from "../formats/formats";
import type { RenderOptions, ReportFormat, ReportKind } from "../formats/report-format";
import { RULE_CATALOG } from "../rules/catalog";
import { loadPolicy } from "./load-policy";
import { parseArgs, type OptionSpec } from "./parse-args";
import { HELP, USAGE } from "./usage";

/** What a command produced: the exit code, the report (rendered on demand), a one-line summary. */
export interface CommandResult {
  readonly exitCode: number;
  /** Renders the report; the caller decides colours (only for a terminal, never for a file). */
  render(options: RenderOptions): string;
  /** Printed instead of the report when it goes to --output. */
  readonly summary: string;
  readonly output?: string;
  /** The input paths as given: named by internal errors, and never overwritten by `--output`. */
  readonly inputs?: readonly string[];
}

export type CommandOutcome = CommandResult | { readonly help: string };

const STRING: OptionSpec = { type: "string" };
const FLAG: OptionSpec = { type: "boolean" };
const REPEATED: OptionSpec = { type: "strings" };

function chooseFormat(kind: ReportKind, name: string | undefined, fallback: string): ReportFormat {
  const chosen = name ?? fallback;
  const format = findFormat(kind, chosen);
  if (!format)
    throw new UsageError(
      `unknown format "${chosen}" for ${kind}; use ${formatNamesFor(kind).join(", ")}`,
      USAGE[kind],
    );
  return format;
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * Runs `work` over `inputs`: input, usage and policy errors pass through (they name their file);
 * anything else is a bug, reported as an internal error that names the inputs.
 */
function reading<T>(inputs: readonly string[], work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError || error instanceof PolicyError)
      throw error;
    throw new InternalError(inputs, error);
  }
}

// Review and inventory code is loaded by the commands that use it, not by every start (`check`).
function reviewModule(): typeof import("../review/review-diff") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../review/review-diff") as typeof import("../review/review-diff");
}

function inventoryModule(): typeof import("../review/inventory") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../review/inventory") as typeof import("../review/inventory");
}

export function runCheck(args: readonly string[]): CommandOutcome {
  const { positionals, values, lists } = parseArgs(
    args,
    { policy: STRING, format: STRING, output: STRING, "var-file": REPEATED, help: FLAG },
    USAGE.check,
  );
  if (values.help) return { help: HELP.check };
  const format = chooseFormat("check", str(values.format), "text");
  if (positionals.length === 0) throw new UsageError("check needs at least one PATH", USAGE.check);
  const policy = loadPolicy(str(values.policy));
  const inputs = [...positionals, ...(lists["var-file"] ?? [])];
  const evaluation = reading(inputs, () =>
    evaluate(buildGraph(loadInputs(positionals, { varFiles: lists["var-file"] ?? [] })), policy),
  );
  const blocking = blockingFindings(evaluation);
  return {
    exitCode: blocking.length > 0 ? 1 : 0,
    render: (options) => format.check!({ evaluation, blocking }, options),
    summary:
      blocking.length > 0
        ? `FAIL — ${plural(blocking.length, "blocking finding")}`
        : "PASS — no blocking findings",
    output: str(values.output),
    inputs,
  };
}

export function runReview(args: readonly string[]): CommandOutcome {
  const spec = {
    base: STRING,
    head: STRING,
    policy: STRING,
    format: STRING,
    output: STRING,
    "var-file": REPEATED,
    help: FLAG,
  };
  const { positionals, values, lists } = parseArgs(args, spec, USAGE.review);
  if (values.help) return { help: HELP.review };
  const format = chooseFormat("review", str(values.format), "markdown");
  if (positionals.length > 0)
    throw new UsageError(
      `unexpected argument "${positionals[0]}" (give --base PATH --head PATH)`,
      USAGE.review,
    );
  const basePath = str(values.base);
  const headPath = str(values.head);
  if (!basePath || !headPath)
    throw new UsageError(`review needs ${!basePath ? "--base PATH" : "--head PATH"}`, USAGE.review);
  const policy = loadPolicy(str(values.policy));
  // Base and head are read the same way (one module per directory, the same variable files).
  const options = { varFiles: lists["var-file"] ?? [] };
  const base = reading([basePath, ...options.varFiles], () =>
    evaluate(buildGraph(loadInputs([basePath], options)), policy),
  );
  const head = reading([headPath, ...options.varFiles], () =>
    evaluate(buildGraph(loadInputs([headPath], options)), policy),
  );
  const diff = reviewModule().diffReview(base, head);
  const blocking = diff.blocking.length;
  return {
    exitCode: blocking > 0 ? 1 : 0,
    render: (options) => format.review!({ base, head, diff }, options),
    summary:
      blocking > 0
        ? `FAIL — the change introduces ${plural(blocking, "blocking finding")}`
        : `PASS — no new blocking findings (${diff.findings.new.length} new, ${diff.findings.fixed.length} fixed)`,
    output: str(values.output),
    inputs: [basePath, headPath, ...options.varFiles],
  };
}

export function runInventory(args: readonly string[]): CommandOutcome {
  const { positionals, values, lists } = parseArgs(
    args,
    { policy: STRING, format: STRING, output: STRING, "var-file": REPEATED, help: FLAG },
    USAGE.inventory,
  );
  if (values.help) return { help: HELP.inventory };
  const format = chooseFormat("inventory", str(values.format), "table");
  if (positionals.length === 0) throw new UsageError("inventory needs at least one PATH", USAGE.inventory);
  // The policy is validated so a broken --policy is reported here too, though the inventory does not use it.
  loadPolicy(str(values.policy));
  const inputs = [...positionals, ...(lists["var-file"] ?? [])];
  const graph = reading(inputs, () =>
    buildGraph(loadInputs(positionals, { varFiles: lists["var-file"] ?? [] })),
  );
  const rows = inventoryModule().inventoryRows(graph);
  return {
    exitCode: 0,
    render: (options) => format.inventory!({ rows, sources: graph.sources }, options),
    summary: `${plural(rows.length, "identity")}`.replace("identitys", "identities"),
    output: str(values.output),
    inputs,
  };
}

export function runRules(args: readonly string[]): CommandOutcome {
  const { positionals, values } = parseArgs(
    args,
    { format: STRING, output: STRING, help: FLAG },
    USAGE.rules,
  );
  if (values.help) return { help: HELP.rules };
  const format = chooseFormat("rules", str(values.format), "text");
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, USAGE.rules);
  return {
    exitCode: 0,
    render: (options) => format.rules!({ rules: RULE_CATALOG }, options),
    summary: plural(RULE_CATALOG.length, "rule"),
    output: str(values.output),
  };
}
