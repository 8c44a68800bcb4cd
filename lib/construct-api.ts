// The construct API: what apps declare identities with, in TypeScript (lib/index.ts) and, compiled
// with jsii, in other languages (jsii/index.ts). Every type reachable from here is jsii-shaped
// (CONTRIBUTING.md, "The jsii surface"); members that keep engine types are marked `@jsii ignore`.
export * from "./constructs/oidc-issuer";
export * from "./constructs/workload-identity";
export type { ITerraformBlock } from "./constructs/terraform-block";
export type * from "./declaration/accountability-props";
export type * from "./declaration/identity-scope-props";
export { Duration } from "./declaration/duration";
export { Subject } from "./declaration/subject";
export { AwsGrant } from "./declaration/aws-grant";
export { VaultGrant } from "./declaration/vault-grant";
export { VaultCapability } from "./declaration/vault-capability";
export { GitlabRefType } from "./declaration/gitlab-ref-type";
export { TerraformCloudRunPhase } from "./declaration/terraform-cloud-run-phase";
export type { ValidationProblem } from "./errors/validation-errors";
export { WorkloadIdentityEnforcement } from "./enforcement/enforcement";
export type { WorkloadIdentityEnforcementProps } from "./enforcement/enforcement";
