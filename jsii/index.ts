// The jsii entry (see jsii/README.md): the constructs and their value classes, compiled from the
// library's own sources. The engine, the CLI and the validation error classes (jsii cannot model
// subclasses of Error) stay TypeScript-only.
export * from "../lib/constructs/oidc-issuer";
export * from "../lib/constructs/workload-identity";
export type { ITerraformBlock } from "../lib/constructs/terraform-block";
export type * from "../lib/declaration/accountability-props";
export type * from "../lib/declaration/identity-scope-props";
export { Duration } from "../lib/declaration/duration";
export { Subject } from "../lib/declaration/subject";
export { AwsGrant } from "../lib/declaration/aws-grant";
export { VaultGrant } from "../lib/declaration/vault-grant";
export type { ValidationProblem } from "../lib/errors/validation-errors";
export { WorkloadIdentityEnforcement } from "../lib/enforcement/enforcement";
export type { WorkloadIdentityEnforcementProps } from "../lib/enforcement/enforcement";
