import type { MaybeDocument } from "./iam-policy";
import type { SourceLocation } from "./location";
import type { ApprovalRecord, IdentityRecord, OwnerRecord } from "./record";
import type { Maybe } from "./unknown";

/**
 * The identity graph: the one model every rule reads. It is extracted from Terraform JSON
 * (cdktf output, `*.tf.json`) or Terraform plan JSON, never from construct objects, so synth-time
 * enforcement and the CLI reach identical verdicts on identical configurations.
 */
export interface IdentityGraph {
  /** Workload and service identities, each grouping the principals that act as one workload. */
  readonly identities: readonly Identity[];
  /** Every IAM permission policy found, attached or not (rules on privilege iterate these). */
  readonly awsPolicies: readonly AwsPolicy[];
  readonly oidcProviders: readonly OidcProvider[];
  readonly vaultAuthBackends: readonly VaultAuthBackend[];
  /** Every Vault policy found, attached to a role or not. */
  readonly vaultPolicies: readonly VaultPolicy[];
  readonly awsGroups: readonly AwsGroup[];
  readonly staticCredentials: readonly StaticCredential[];
  /** Things the extractor saw but could not evaluate and that cannot change a verdict. */
  readonly notes: readonly GraphNote[];
  /**
   * Values the extractor could not determine that decide which principals exist or what a policy
   * is attached to (unresolved references, non-literal `for_each` keys): each can change a
   * verdict, so each is a finding (unknown fails closed), never a note.
   */
  readonly unknowns: readonly GraphUnknown[];
  /**
   * Data sources that look up a managed resource of the inputs, keyed `STACK NUL data-address`, to
   * the managed resource's canonical name (its ARN when known, else `${ADDRESS.arn}`): both are one
   * object (e.g. `data.aws_secretsmanager_secret` by name). Absent when none.
   */
  readonly resourceAliases?: ReadonlyMap<string, string>;
  /**
   * S3 buckets whose tags mark them as holding secret material (model/secret-material
   * SECRET_MATERIAL_TAG), named as IAM names them: the ARN when known, else `${ADDRESS.arn}`.
   * Absent when none.
   */
  readonly secretBuckets?: readonly MarkedResource[];
  /** Embedded identity records that are malformed or do not match the resources carrying them. */
  readonly recordIssues: readonly RecordIssue[];
  /** The files that were read, in input order. */
  readonly sources: readonly GraphSource[];
}

export interface GraphSource {
  readonly file: string;
  readonly stack?: string;
  readonly format: "terraform-json" | "plan-json";
  /** The stack's `"//"` says `app.synth()` ran with validations skipped: no check ran at synth. */
  readonly enforcementSkipped?: boolean;
}

/** A resource the inputs mark as secret-bearing. */
export interface MarkedResource {
  readonly location: SourceLocation;
  readonly resource: string;
}

export interface GraphNote {
  readonly location: SourceLocation;
  readonly message: string;
}

/** A value that could change a verdict and that the extractor could not determine. */
export interface GraphUnknown {
  readonly location: SourceLocation;
  /** The expression as written (or the attribute), e.g. `${aws_iam_role.b.name}`. */
  readonly expression: string;
  /** Follows the expression in a sentence: what it decides and why it is not known. */
  readonly reason: string;
}

/**
 * A `"//"` identity record that is not a faithful claim about the resource carrying it: not
 * well-formed, carried by a resource it was not synthesized with, claimed by several principals of
 * one kind, or stating a scope other than the policies actually attached. The record is then
 * ignored for that resource: it never merges, hides or renames a principal.
 */
export interface RecordIssue {
  readonly location: SourceLocation;
  /**
   * `malformed`: not well-formed; `foreign-resource`: on a resource not synthesized with it;
   * `conflicting`: differs from the record on the identity's other resources; `claimed-twice`:
   * several principals of one kind claim it; `scope-differs`: the attached policies grant what the
   * record does not declare.
   */
  readonly kind: "malformed" | "foreign-resource" | "conflicting" | "claimed-twice" | "scope-differs";
  /** The record id as written, when it has one (untrusted text). */
  readonly recordId?: string;
  /** What exactly is wrong (may hold untrusted text: quote it when shown). */
  readonly detail?: string;
}

/**
 * Who is accountable for an identity. From the embedded record (cdktf output of our constructs),
 * else from IAM role tags / Vault policy header (plans), else nothing (hand-written resources).
 */
export interface Accountability {
  readonly source: "record" | "tags" | "vault-policy-header" | "none";
  readonly owner?: Partial<OwnerRecord>;
  readonly issuerOwner?: Partial<OwnerRecord>;
  readonly approver?: Partial<ApprovalRecord>;
  readonly secretsApprover?: Partial<ApprovalRecord>;
  readonly ttlSeconds?: number;
  readonly description?: string;
}

/**
 * One workload (or service) identity. A `WorkloadIdentity` construct yields one Identity that
 * holds its IAM role and its Vault JWT role; each hand-written role or user is an Identity alone.
 */
export interface Identity {
  /** Stable and unique across the inputs: the record id (construct path) or `stack:address`. */
  readonly id: string;
  /** Human label: record id, role name, or address. */
  readonly name: string;
  readonly stack?: string;
  /**
   * `workload`: federated/web-identity AWS role or Vault auth role (accountability rules apply);
   * `service`: AWS service principal role (ec2, lambda, ...); `user`: IAM user; `other`: anything else.
   */
  readonly kind: "workload" | "service" | "user" | "other";
  /** The embedded record, when the identity was declared through `WorkloadIdentity`. */
  readonly record?: IdentityRecord;
  readonly accountability: Accountability;
  readonly awsRoles: readonly AwsRole[];
  readonly awsUsers: readonly AwsUser[];
  readonly vaultRoles: readonly VaultRole[];
  /** Primary location (the first principal's). */
  readonly location: SourceLocation;
}

export interface AwsRole {
  readonly location: SourceLocation;
  readonly name: Maybe<string>;
  /** `arn:aws:iam::ACCOUNT:role/PATH/NAME` when known; often known only after apply. */
  readonly arn: Maybe<string>;
  readonly path?: string;
  readonly trust: MaybeDocument;
  /** Addresses of `data.aws_iam_policy_document` the trust was rendered from. */
  readonly trustSources: readonly string[];
  /** Undefined when not set (AWS default 3600 s). */
  readonly maxSessionDurationSeconds?: Maybe<number>;
  readonly permissionsBoundary?: Maybe<string>;
  readonly tags: Maybe<Readonly<Record<string, string>>>;
  /** Inline, customer-managed and AWS-managed policies reaching this role. */
  readonly policies: readonly AwsPolicy[];
}

export interface AwsUser {
  readonly location: SourceLocation;
  readonly name: Maybe<string>;
  /**
   * Policies attached to the user itself. Its effective policies add those of its groups:
   * PrincipalDirectory.awsPoliciesOf is the one place that combines them.
   */
  readonly policies: readonly AwsPolicy[];
  /** The user's groups: addresses of groups in the input, names of groups that are not. */
  readonly groups: readonly string[];
}

export interface AwsGroup {
  readonly location: SourceLocation;
  readonly name: Maybe<string>;
  readonly policies: readonly AwsPolicy[];
}

/** An IAM permission (or resource) policy. */
export interface AwsPolicy {
  /** Resource that carries the document: `aws_iam_role_policy.x`, `aws_iam_policy.y`, the role for `inline_policy` blocks, or (managed policies) the resource that attaches it. */
  readonly location: SourceLocation;
  readonly kind: "inline" | "customer-managed" | "aws-managed" | "resource-policy";
  readonly name: Maybe<string>;
  /** For managed policies. */
  readonly arn?: Maybe<string>;
  /** Unknown for AWS-managed policies (content not in the input) and values known after apply. */
  readonly document: MaybeDocument;
  /** Addresses of roles, users and groups the policy is attached to (empty when unattached). */
  readonly attachedTo: readonly string[];
  /** Addresses of `data.aws_iam_policy_document` the document was rendered from. */
  readonly documentSources: readonly string[];
  /**
   * Resource policies only: the resource the policy governs, as IAM policies name it — its ARN
   * when known, else the canonical reference `${ADDRESS.arn}` — and that resource's Terraform type.
   */
  readonly governs?: { readonly resource: string; readonly type: string };
}

export interface OidcProvider {
  readonly location: SourceLocation;
  /** Issuer URL as configured, e.g. `https://token.actions.githubusercontent.com`. */
  readonly url: Maybe<string>;
  readonly clientIds: Maybe<readonly string[]>;
}

export interface VaultAuthBackend {
  readonly location: SourceLocation;
  readonly type: "jwt" | "oidc" | "kubernetes" | "approle" | "other";
  /** Mount path without slashes, e.g. `jwt-github`. */
  readonly path: Maybe<string>;
  readonly boundIssuer?: Maybe<string>;
  readonly oidcDiscoveryUrl?: Maybe<string>;
  /** Keys the mount verifies signatures with when it has no discovery URL. */
  readonly jwksUrl?: Maybe<string>;
  readonly jwtValidationPubkeys?: Maybe<readonly string[]>;
  /** Vault Enterprise namespace path (no slashes); undefined = the provider's (root) namespace. */
  readonly namespace?: Maybe<string>;
}

export interface VaultPolicyRule {
  readonly path: string;
  readonly capabilities: readonly string[];
}

export interface VaultPolicy {
  readonly location: SourceLocation;
  readonly name: Maybe<string>;
  readonly rules: Maybe<readonly VaultPolicyRule[]>;
  /** Accountability parsed from the generated header comment, when present. */
  readonly header?: Accountability;
  /** Vault Enterprise namespace path (no slashes); undefined = the provider's (root) namespace. */
  readonly namespace?: Maybe<string>;
  /** Addresses of Vault roles whose token_policies name this policy. */
  readonly attachedTo: readonly string[];
}

export interface VaultRole {
  readonly location: SourceLocation;
  readonly authType: "jwt" | "kubernetes" | "approle";
  readonly roleName: Maybe<string>;
  /** Mount path of the auth backend, without slashes. */
  readonly backendPath: Maybe<string>;
  /** The backend resource when it is in the inputs. */
  readonly backend?: VaultAuthBackend;
  /** `jwt` or `oidc` for JWT roles. */
  readonly roleType?: Maybe<string>;
  readonly boundAudiences?: Maybe<readonly string[]>;
  readonly boundSubject?: Maybe<string>;
  /** Provider shape: claim -> value (lists as comma-separated strings). */
  readonly boundClaims?: Maybe<Readonly<Record<string, string>>>;
  readonly boundClaimsType?: Maybe<"string" | "glob">;
  readonly userClaim?: Maybe<string>;
  /** Kubernetes auth roles. */
  readonly boundServiceAccountNames?: Maybe<readonly string[]>;
  readonly boundServiceAccountNamespaces?: Maybe<readonly string[]>;
  readonly tokenPolicies: Maybe<readonly string[]>;
  /** Seconds; undefined when not set (Vault then uses the mount/system default). */
  readonly tokenTtl?: Maybe<number>;
  readonly tokenMaxTtl?: Maybe<number>;
  readonly tokenExplicitMaxTtl?: Maybe<number>;
  readonly tokenPeriod?: Maybe<number>;
  readonly tokenNumUses?: Maybe<number>;
  readonly tokenType?: Maybe<string>;
  readonly tokenNoDefaultPolicy?: Maybe<boolean>;
  /** AppRole roles: whether a login must present a secret ID (Vault's default: true). */
  readonly bindSecretId?: Maybe<boolean>;
  /** Vault Enterprise namespace path (no slashes); undefined = the provider's (root) namespace. */
  readonly namespace?: Maybe<string>;
  /**
   * The `vault_policy` resources a token of this role carries that are in the inputs: those named
   * in token_policies (compared lower-cased and trimmed, as Vault does), plus a rewritten
   * `default` policy unless token_no_default_policy is true.
   */
  readonly policies: readonly VaultPolicy[];
  /**
   * Why further policies may apply to this role's tokens (identity groups or entities whose
   * membership is not known statically); empty or absent when none.
   */
  readonly unknownPolicySources?: readonly string[];
}

export type StaticCredentialKind =
  | "aws-access-key"
  | "aws-login-profile"
  | "vault-token"
  | "vault-approle-secret-id"
  | "hard-coded-aws-key"
  | "provider-static-key";

/** A long-lived or static credential. */
export interface StaticCredential {
  readonly location: SourceLocation;
  readonly kind: StaticCredentialKind;
  /** Address of the principal the credential belongs to, when known. */
  readonly principal?: string;
  /** Short factual detail, e.g. "secret stored unencrypted in state (no pgp_key)". Never the secret itself. */
  readonly detail: string;
}
