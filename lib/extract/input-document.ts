/** One parsed input: a Terraform JSON module (a directory, one cdktf stack or a `*.tf.json`) or a plan. */
export interface InputDocument {
  /** Path as given or as found inside a cdktf.out directory (the directory, for a module read from one). */
  readonly file: string;
  /** cdktf stack name (from manifest.json) when read from a cdktf.out directory. */
  readonly stack?: string;
  readonly format: "terraform-json" | "plan-json";
  /** The parsed JSON (of the single file; `{}` for a module of several files, see `module`). */
  readonly json: unknown;
  /** The raw text, kept so locations can carry line numbers. */
  readonly text?: string;
  /**
   * A Terraform JSON module of several files (a directory given to `check`), with its variable
   * files and the local modules it calls. Absent: the document is a module of one file.
   */
  readonly module?: ModuleSource;
}

/** One file of a module. */
export interface ModuleFile {
  readonly file: string;
  readonly json: unknown;
  readonly text?: string;
}

/**
 * A module as read from disk: every `*.tf.json` of its directory (overrides included; the reader
 * merges them as Terraform does), the files it did not read and why, and the local modules it
 * calls by their `source` as written. Variable files apply to the root module only.
 * https://developer.hashicorp.com/terraform/language/modules
 */
export interface ModuleSource {
  readonly dir: string;
  /** `*.tf.json` files in lexical order. */
  readonly files: readonly ModuleFile[];
  /**
   * `terraform.tfvars.json`, then `*.auto.tfvars.json` in lexical order, then `--var-file` files
   * in the order given: later files win (Terraform's variable definition precedence).
   */
  readonly variableFiles: readonly ModuleFile[];
  /** Files of the directory that may change the configuration but were not read. */
  readonly notRead: readonly { readonly file: string; readonly reason: string }[];
  /** Local module sources (`./x`, `../x`) as written in `module` blocks -> the module, or why it could not be read. */
  readonly children: ReadonlyMap<string, ModuleSource | { readonly problem: string }>;
}
