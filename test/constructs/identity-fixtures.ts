import type { TerraformStack } from "cdktf";
import { OidcIssuer } from "../../lib/constructs/oidc-issuer";
import type { WorkloadIdentityProps } from "../../lib/constructs/workload-identity";
import { AwsGrant } from "../../lib/declaration/aws-grant";
import { Duration } from "../../lib/declaration/duration";
import { Subject } from "../../lib/declaration/subject";
import { VaultGrant } from "../../lib/declaration/vault-grant";

export const PLATFORM = { team: "platform", contact: "platform@example.com" };

export function githubIssuer(
  stack: TerraformStack,
  sides: { aws?: boolean; vault?: boolean } = { aws: true, vault: true },
) {
  return OidcIssuer.githubActions(stack, "github", {
    owner: PLATFORM,
    aws: sides.aws ? {} : undefined,
    vault: sides.vault ? { mountPath: "jwt-github" } : undefined,
  });
}

/** Valid props for a GitHub deploy identity with an AWS and a Vault side. */
export function deployProps(
  issuer: OidcIssuer,
  overrides: Partial<WorkloadIdentityProps> = {},
): WorkloadIdentityProps {
  return {
    issuer,
    subject: Subject.githubEnvironment("acme/api", "production"),
    owner: { team: "payments", contact: "payments@example.com" },
    approver: { name: "security", reference: "SEC-1", expiresOn: "2026-12-31" },
    secretsApprover: { name: "secrets-custodians", reference: "SEC-2", expiresOn: "2026-12-31" },
    ttl: Duration.minutes(30),
    scope: {
      description: "Deploy the api service",
      aws: [AwsGrant.allow(["s3:PutObject"], ["arn:aws:s3:::acme-artifacts/api/*"])],
      vault: [VaultGrant.read("secret/data/payments/api/deploy")],
    },
    ...overrides,
  };
}
