/** Where a graph element came from, for messages, SARIF locations and construct mapping. */
export interface SourceLocation {
  /** Input file as given on the command line or synthesized by cdktf (relative when possible). */
  readonly file: string;
  /** cdktf stack name, or undefined for a single Terraform document or plan. */
  readonly stack?: string;
  /** Terraform address, e.g. `aws_iam_role.deploy`, `module.poc.aws_iam_role.r1["p1"]`, `provider.aws`. */
  readonly address: string;
  /** cdktf construct path from the resource's `//.metadata.path`, when present. */
  readonly constructPath?: string;
  /** 1-based line of the resource in `file`, when the reader could determine it. */
  readonly line?: number;
}

/** The label a finding uses for a location: construct path when known, else stack-qualified address. */
export function describeLocation(location: SourceLocation): string {
  if (location.constructPath) return location.constructPath;
  return location.stack ? `${location.stack}:${location.address}` : location.address;
}
