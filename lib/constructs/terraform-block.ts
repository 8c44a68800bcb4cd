import type { IConstruct } from "constructs";

/**
 * A Terraform resource or data source block emitted by this library. Typed with `constructs` only
 * (no provider or CDK core types), so it fits apps of any provider set; it is the core's own block,
 * so it can be passed wherever the core takes a dependable (e.g. `dependsOn`).
 */
export interface ITerraformBlock extends IConstruct {
  /** The block's Terraform address, as a token (what `dependsOn` and references use). */
  readonly fqn: string;
  /** The logical id (the block's name in the Terraform JSON), fixed when first read. */
  readonly friendlyUniqueId: string;
  /** The Terraform type, e.g. `aws_iam_role`. */
  readonly terraformResourceType: string;
  /** A reference to one attribute of the block, by its Terraform schema name, e.g. `arn`. */
  getStringAttribute(terraformAttribute: string): string;
  /** `depends_on` of the block: dependency tokens, as cdktf's `dependable()` makes them. */
  dependsOn?: string[];
  /** Sets a raw value at a path of the synthesized block. */
  addOverride(path: string, value: unknown): void;
}
