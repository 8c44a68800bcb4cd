/** One parsed input: a Terraform JSON document (one cdktf stack or a `*.tf.json`) or a plan. */
export interface InputDocument {
  /** Path as given or as found inside a cdktf.out directory. */
  readonly file: string;
  /** cdktf stack name (from manifest.json) when read from a cdktf.out directory. */
  readonly stack?: string;
  readonly format: "terraform-json" | "plan-json";
  /** The parsed JSON. */
  readonly json: unknown;
  /** The raw text, kept so locations can carry line numbers. */
  readonly text?: string;
}
