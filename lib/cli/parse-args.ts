import { UsageError } from "../errors/cli-errors";
import { emptyRecord } from "../model/lookup-table";

export interface OptionSpec {
  /** `strings`: a value option that may be repeated (e.g. `--var-file`), kept in order. */
  readonly type: "string" | "boolean" | "strings";
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** Values of repeatable options, in the order given. */
  readonly lists: Readonly<Record<string, readonly string[]>>;
}

/**
 * Strict parser for `--name value`, `--name=value`, boolean `--flag`, `-h`, and `--` (end of
 * options). Anything unknown, repeated or missing a value is a usage error: a typo must never
 * silently change what is checked.
 */
export function parseArgs(
  args: readonly string[],
  spec: Readonly<Record<string, OptionSpec>>,
  usage: string,
): ParsedArgs {
  const positionals: string[] = [];
  const values = emptyRecord<string | boolean | undefined>();
  const lists = emptyRecord<string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === "-h") {
      values.help = true;
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`, usage);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!option) throw new UsageError(`unknown option --${name}`, usage);
    if (values[name] !== undefined && option.type !== "strings")
      throw new UsageError(`--${name} given more than once`, usage);
    if (option.type === "boolean") {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`, usage);
      values[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--")) || value === "") {
      throw new UsageError(`--${name} needs a value`, usage);
    }
    if (option.type === "strings") (lists[name] ??= []).push(value);
    else values[name] = value;
  }
  return { positionals, values, lists };
}
