// Public API: the constructs (need cdktf, and the provider package of each side used) and the pure
// reviewer engine (no cdktf; also `cdktf-workload-identity/engine`).
export * from "./constructs/oidc-issuer";
export * from "./constructs/workload-identity";
export type { ITerraformBlock } from "./constructs/terraform-block";
export type * from "./declaration/accountability-props";
export type * from "./declaration/identity-scope-props";
export { Duration } from "./declaration/duration";
export { Subject } from "./declaration/subject";
export { AwsGrant } from "./declaration/aws-grant";
export { VaultGrant, VAULT_CAPABILITIES } from "./declaration/vault-grant";
export { WorkloadIdentityValidationError, OidcIssuerValidationError } from "./errors/validation-errors";
export type { ValidationProblem } from "./errors/validation-errors";
export { WorkloadIdentityEnforcement } from "./enforcement/enforcement";
export type { WorkloadIdentityEnforcementProps, SynthVerdict } from "./enforcement/enforcement";
export * from "./engine-api";
