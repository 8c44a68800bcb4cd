import type { IssuerKind } from "../model/record";

/**
 * What the library assumes about each kind of issuer. Audiences are defaults only; every issuer
 * and identity can override them.
 *
 * * AWS side: `sts.amazonaws.com` (what GitHub's aws-actions/configure-aws-credentials and EKS IRSA
 *   request), except HCP Terraform, whose dynamic credentials default to `aws.workload.identity`.
 * * Vault side: `vault.workload.identity` for every kind (HCP Terraform's own default); Vault >= 1.17
 *   requires bound_audiences when the token carries `aud`, so a default is always set and the
 *   workload requests its token for that audience.
 */
export interface IssuerKindDefaults {
  /** Issuer URL when the kind has a well-known public one. */
  readonly url?: string;
  readonly awsAudience: string;
  readonly vaultAudience: string;
}

export const DEFAULT_VAULT_AUDIENCE = "vault.workload.identity";

export const ISSUER_KIND_DEFAULTS: Readonly<Record<IssuerKind, IssuerKindDefaults>> = {
  "github-actions": {
    url: "https://token.actions.githubusercontent.com",
    awsAudience: "sts.amazonaws.com",
    vaultAudience: DEFAULT_VAULT_AUDIENCE,
  },
  gitlab: {
    url: "https://gitlab.com",
    awsAudience: "sts.amazonaws.com",
    vaultAudience: DEFAULT_VAULT_AUDIENCE,
  },
  kubernetes: { awsAudience: "sts.amazonaws.com", vaultAudience: DEFAULT_VAULT_AUDIENCE },
  "terraform-cloud": {
    url: "https://app.terraform.io",
    awsAudience: "aws.workload.identity",
    vaultAudience: DEFAULT_VAULT_AUDIENCE,
  },
  spiffe: { awsAudience: "sts.amazonaws.com", vaultAudience: DEFAULT_VAULT_AUDIENCE },
  generic: { awsAudience: "sts.amazonaws.com", vaultAudience: DEFAULT_VAULT_AUDIENCE },
};

/** Key under an issuer-owned resource's `"//"` object holding its {@link IssuerRecord}. */
export const ISSUER_RECORD_KEY = "cdktf-workload-identity-issuer";

/** The IAM condition key prefix for an issuer URL: host and path without the scheme. */
export function conditionKeyPrefix(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//, "");
}
