/**
 * The benchmark's app, described once so both variants (our constructs, and the same Terraform
 * resources written by hand with raw provider classes) synthesize the same identities.
 *
 * Per stack: one issuer of every kind, each with an IAM OIDC provider and a Vault JWT backend.
 * Identities cycle over the issuers; 7 in 10 have an AWS and a Vault side, 2 in 10 AWS only, 1 in
 * 10 Vault only. Every 100th pair shares one Vault secret under an audited WI301 suppression.
 */
import type { IssuerKind } from "../lib/model/record";

export interface IssuerSpec {
  readonly kind: IssuerKind;
  readonly id: string;
  readonly url: string;
  readonly mountPath: string;
  readonly awsAudience: string;
  readonly vaultAudience: string;
  readonly trustDomain?: string;
}

export interface IdentitySpec {
  readonly id: string;
  readonly issuer: IssuerSpec;
  readonly subject: string;
  readonly team: string;
  readonly reference: string;
  readonly description: string;
  readonly ttlSeconds: number;
  /** S3 object prefix the AWS side may write, or none. */
  readonly bucketPrefix?: string;
  /** Vault path the identity reads, or none. */
  readonly vaultPath?: string;
  /** True for the identities that share their Vault path under a suppression. */
  readonly suppressed: boolean;
}

const VAULT_AUDIENCE = "vault.workload.identity";
const KINDS: readonly IssuerKind[] = [
  "github-actions",
  "gitlab",
  "kubernetes",
  "terraform-cloud",
  "spiffe",
  "generic",
];

export function issuersOf(stack: number): IssuerSpec[] {
  return KINDS.map((kind) => {
    const url = {
      "github-actions": "https://token.actions.githubusercontent.com",
      gitlab: "https://gitlab.com",
      kubernetes: `https://oidc.eks.eu-west-1.amazonaws.com/id/CLUSTER${stack}`,
      "terraform-cloud": "https://app.terraform.io",
      spiffe: `https://oidc-discovery.stack${stack}.acme.internal`,
      generic: `https://issuer.stack${stack}.acme.example`,
    }[kind];
    return {
      kind,
      id: `issuer-${kind}`,
      url,
      mountPath: `jwt-${kind}-${stack}`,
      awsAudience: kind === "terraform-cloud" ? "aws.workload.identity" : "sts.amazonaws.com",
      vaultAudience: VAULT_AUDIENCE,
      ...(kind === "spiffe" ? { trustDomain: `stack${stack}.acme.internal` } : {}),
    };
  });
}

/** The `sub` claim each issuer kind's tokens carry for workload `n`. */
function subjectFor(issuer: IssuerSpec, n: number): string {
  switch (issuer.kind) {
    case "github-actions":
      return `repo:acme/svc-${n}:environment:production`;
    case "gitlab":
      return `project_path:acme/svc-${n}:ref_type:branch:ref:main`;
    case "kubernetes":
      return `system:serviceaccount:svc-${n}:worker`;
    case "terraform-cloud":
      return `organization:acme:project:Services:workspace:svc-${n}:run_phase:apply`;
    case "spiffe":
      return `spiffe://${issuer.trustDomain}/ns/svc-${n}/sa/worker`;
    default:
      return `workload:svc-${n}`;
  }
}

export function identitiesOf(stack: number, from: number, to: number): IdentitySpec[] {
  const issuers = issuersOf(stack);
  const out: IdentitySpec[] = [];
  for (let n = from; n < to; n++) {
    const issuer = issuers[n % issuers.length];
    const sides = n % 10;
    const suppressed = n % 100 < 2 && to - from >= 2;
    out.push({
      id: `svc-${n}`,
      issuer,
      subject: subjectFor(issuer, n),
      team: `team-${n}`,
      reference: `SEC-${n}`,
      description: `Deploy service ${n}`,
      ttlSeconds: 3600,
      ...(sides !== 9 ? { bucketPrefix: `acme-artifacts/svc-${n}` } : {}),
      ...(sides < 7 || sides === 9
        ? {
            vaultPath: suppressed
              ? `secret/data/shared-${n - (n % 100)}/signing`
              : `secret/data/svc-${n}/deploy`,
          }
        : {}),
      suppressed,
    });
  }
  return out;
}

/** Identities of each stack: contiguous ranges of the whole app's numbering. */
export function stackRanges(identities: number, stacks: number): [number, number][] {
  const perStack = Math.ceil(identities / stacks);
  return Array.from({ length: stacks }, (_, s): [number, number] => [
    Math.min(identities, s * perStack),
    Math.min(identities, (s + 1) * perStack),
  ]);
}

export const SUPPRESSION = {
  ruleId: "WI301",
  reason: "Both release pipelines sign with the one release key until KMS-backed signing lands (REL-88)",
  approver: "security-governance",
  expiresOn: "2099-03-31",
};
export const APPROVAL_EXPIRY = "2099-12-31";
