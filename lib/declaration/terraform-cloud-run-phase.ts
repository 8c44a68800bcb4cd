/**
 * The `run_phase` of an HCP Terraform workload identity token, as an enum-like class
 * (jsii-shaped). https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 */
export class TerraformCloudRunPhase {
  /** The plan phase: reads, should not change infrastructure. */
  public static readonly PLAN = new TerraformCloudRunPhase("plan");
  /** The apply phase: changes infrastructure. */
  public static readonly APPLY = new TerraformCloudRunPhase("apply");

  /** The claim value. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    Object.freeze(this);
  }

  public toString(): string {
    return this.value;
  }
}
