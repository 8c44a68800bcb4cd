import type { IssuerKind } from "./issuer";

export type { IssuerKind } from "./issuer";

/**
 * The accountability record of one declared workload identity. The constructs embed it, whole and
 * once, in the synthesized Terraform JSON under `"//"` (where Terraform ignores it) of the
 * identity's IAM role, else its Vault role, so the reviewer recovers it from `cdktf.out` alone
 * (output of the first format repeats it on every resource of the identity; both are read). A subset is
 * also written to IAM role tags and to the Vault policy header, which survive into a plan.
 */

/**
 * Key under a resource's `"//"` object that holds an {@link IdentityRecord}, written as one JSON
 * text ({@link writtenRecord}). Output of earlier versions holds the record as a JSON object there;
 * the reader takes both.
 */
export const RECORD_KEY = "cdktf-workload-identity";
export const RECORD_SCHEMA = "cdktf-workload-identity/v1";
/**
 * The record as the constructs write it: one JSON text rather than a tree of small objects, which
 * cdktf's writer would sort, indent and spread over some sixty lines per identity (half the output).
 */
export function writtenRecord(record: IdentityRecord): string {
  return JSON.stringify(record);
}

/**
 * `enforcement` of a stack-level record (the stack's own `"//"`) written when `app.synth()` ran
 * without its validations (`skipValidation`): the checks did not run at synth (WI113).
 */
export const ENFORCEMENT_SKIPPED = "skipped";

/** The team that owns an identity (intent and scope), or the issuance path of an issuer. */
export interface OwnerRecord {
  readonly team: string;
  readonly contact: string;
}

/** A governance approval: who approved, the ticket/reference, and until when (YYYY-MM-DD). */
export interface ApprovalRecord {
  readonly name: string;
  readonly reference: string;
  readonly expiresOn?: string;
}

/** An audited exception to one rule. */
export interface SuppressionRecord {
  readonly ruleId: string;
  /** At least 20 characters. */
  readonly reason: string;
  /** Who approved the exception; never the identity's owner team. */
  readonly approver: string;
  /** YYYY-MM-DD; on and after this date the suppression no longer applies. */
  readonly expiresOn: string;
}

export type SubjectKind =
  | "github-branch"
  | "github-environment"
  | "github-tag"
  | "github-pull-request"
  | "gitlab"
  | "kubernetes-service-account"
  | "terraform-cloud"
  | "spiffe"
  | "exact"
  | "pattern";

export interface IssuerRecord {
  readonly kind: IssuerKind;
  /** Issuer URL, e.g. `https://token.actions.githubusercontent.com`. */
  readonly url: string;
  /** Construct path of the OidcIssuer. */
  readonly constructPath: string;
  readonly owner: OwnerRecord;
}

export interface SubjectRecord {
  readonly kind: SubjectKind;
  /** The `sub` claim value; for a pattern subject, an IAM StringLike / Vault glob pattern. */
  readonly value: string;
  /** Present only for `Subject.pattern`: the written reason the wildcard is needed. */
  readonly patternReason?: string;
}

export interface AwsGrantRecord {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** IAM condition block, operator -> key -> values. */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface VaultGrantRecord {
  readonly path: string;
  readonly capabilities: readonly string[];
}

export interface IdentityRecord {
  readonly schema: typeof RECORD_SCHEMA;
  /** Unique within the app: the WorkloadIdentity construct path. */
  readonly id: string;
  readonly description: string;
  readonly owner: OwnerRecord;
  readonly approver: ApprovalRecord;
  readonly secretsApprover?: ApprovalRecord;
  readonly ttlSeconds: number;
  readonly issuer: IssuerRecord;
  readonly subject: SubjectRecord;
  /** Audiences accepted on the AWS side (aud condition) and the Vault side (bound_audiences). */
  readonly audiences: { readonly aws?: readonly string[]; readonly vault?: readonly string[] };
  readonly scope: {
    readonly aws: readonly AwsGrantRecord[];
    readonly vault: readonly VaultGrantRecord[];
  };
  readonly suppressions: readonly SuppressionRecord[];
  /**
   * `file:line` of the code that declared the identity, relative to the repository root, when the
   * construct could tell (SARIF points code scanning there). Never an absolute path.
   */
  readonly declaredAt?: string;
}
