import type { AwsGrant } from "./aws-grant";
import type { VaultGrant } from "./vault-grant";

/** What an identity may reach, and why. At least one grant is required. */
export interface IdentityScopeProps {
  /** The intent, in one sentence: what the workload does with these permissions. */
  readonly description: string;
  /**
   * IAM permissions; needs an issuer with an AWS side.
   * @default no AWS side (no IAM role is created)
   */
  readonly aws?: AwsGrant[];
  /**
   * Vault permissions; needs an issuer with a Vault side. Any Vault grant requires `secretsApprover`.
   * @default no Vault side (no Vault policy or role is created)
   */
  readonly vault?: VaultGrant[];
}
