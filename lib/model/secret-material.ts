/**
 * What counts as secret material, for AWS and Vault: the one table the declaring side (the
 * `secretsApprover` requirement of `WorkloadIdentity`) and the checking side (WI108, WI301, WI302)
 * share. Each consumer picks a predicate below by name:
 *
 * | predicate                          | used by                                   |
 * |------------------------------------|-------------------------------------------|
 * | `awsSecretMaterialActionsReachedBy` | secretsApprover requirement, WI108        |
 * | `AWS_SECRET_KINDS[kind].actions`    | WI302 (two identities, one resource)      |
 * | `reachesVaultSecretMaterial`        | secretsApprover requirement, WI108        |
 * | `VAULT_SECRET_CAPABILITIES`         | WI301 (on the rule Vault applies per path) |
 * | `VAULT_WRITING_CAPABILITIES`        | WI307 (takeover paths)                    |
 *
 * The one deliberate difference: the key-material actions (`secretsmanager:BatchGetSecretValue`,
 * `kms:GenerateDataKey`, `kms:GenerateDataKeyPair`) return secrets and so need a secrets approval,
 * but they name no resource another identity can share: BatchGetSecretValue is authorised on `*`
 * and then needs GetSecretValue on each secret, and a generated data key is fresh for each caller
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html). WI302 therefore
 * compares only the per-resource actions of each kind.
 *
 * To add a kind of secret: one entry in AWS_SECRET_KINDS (see CONTRIBUTING.md).
 */
import { boundedMemo } from "./bounded-memo";
import { globMatchesIgnoreCase } from "../pattern/glob";
import { TAG_PREFIX } from "./accountability-tags";

export type SecretKind = "secretsmanager-secret" | "ssm-parameter" | "kms-key" | "rds-db-user" | "s3-object";

/**
 * The tag that marks an S3 bucket as holding secret material (value `true`, any case), on the
 * bucket's `tags` or through provider default tags (`tags_all`). Only the objects of marked buckets
 * are secret-bearing (see AWS_SECRET_KINDS).
 */
export const SECRET_MATERIAL_TAG = `${TAG_PREFIX}secret-material`;

/** True when a bucket's tags mark it as holding secret material. */
export function marksSecretMaterial(tags: Readonly<Record<string, string>>): boolean {
  return (
    Object.hasOwn(tags, SECRET_MATERIAL_TAG) && tags[SECRET_MATERIAL_TAG].trim().toLowerCase() === "true"
  );
}

export interface SecretKindSpec {
  /** How messages name a resource of this kind. */
  readonly label: string;
  /** ARN service segment of the resource. */
  readonly service: string;
  /** Actions that return the material the resource holds or protects, or use it as a credential. */
  readonly reads: readonly string[];
  /** Actions that replace that material (so another holder of the resource reads what this one wrote). */
  readonly writes: readonly string[];
  /**
   * Actions that change who may use the resource: the caller can grant itself the reads, so they
   * reach the material too (WI302 compares them; they are not themselves reads or writes).
   */
  readonly changesAccess: readonly string[];
  /** Terraform resource types (without `aws_`) whose references name this kind of resource. */
  readonly referenceTypes: RegExp;
  /**
   * Only resources the inputs mark as holding secrets are of this kind (S3 objects in a bucket
   * tagged {@link SECRET_MATERIAL_TAG}). Its actions are then not secret material by themselves:
   * granting them needs no secrets approval (WI108), and WI302 compares only marked resources.
   */
  readonly onlyWhenMarked?: boolean;
}

/**
 * Secret-bearing AWS resources. S3 objects count only in buckets marked as holding secrets
 * ({@link SECRET_MATERIAL_TAG}): buckets shared between workloads (artifacts, logs, static assets)
 * are normal, and nothing in S3 itself says that an object is a credential.
 *
 * * Secrets Manager: GetSecretValue returns the value; PutSecretValue and UpdateSecret replace it
 *   (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html).
 * * SSM parameters: SecureString parameters hold credentials; the Get* actions return values (with
 *   decryption), PutParameter replaces them
 *   (https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html).
 * * KMS keys: Decrypt returns plaintext protected by the key
 *   (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html).
 * * IAM database users: `rds-db:connect` mints a database login token, a credential
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html).
 * * S3 objects of marked buckets: GetObject / GetObjectVersion return an object, PutObject replaces
 *   it, PutBucketPolicy rewrites who may read the bucket's objects
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html).
 */
export const AWS_SECRET_KINDS: Readonly<Record<SecretKind, SecretKindSpec>> = {
  "secretsmanager-secret": {
    label: "Secrets Manager secret",
    service: "secretsmanager",
    reads: ["secretsmanager:GetSecretValue"],
    writes: ["secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret"],
    // A secret's resource policy decides who reads it
    // (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html).
    changesAccess: ["secretsmanager:PutResourcePolicy"],
    referenceTypes: /secretsmanager/,
  },
  "ssm-parameter": {
    label: "SSM parameter",
    service: "ssm",
    reads: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"],
    writes: ["ssm:PutParameter"],
    changesAccess: [],
    referenceTypes: /ssm_parameter/,
  },
  "kms-key": {
    label: "KMS key (decrypt)",
    service: "kms",
    reads: ["kms:Decrypt"],
    writes: [],
    // A grant or a new key policy can give the caller Decrypt
    // (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html,
    // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying.html).
    changesAccess: ["kms:CreateGrant", "kms:PutKeyPolicy"],
    // An alias is not its key: a policy naming an alias ARN grants nothing on the key
    // (https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html).
    referenceTypes: /^kms_(?!alias)/,
  },
  "rds-db-user": {
    label: "IAM database user",
    service: "rds-db",
    reads: ["rds-db:connect"],
    writes: [],
    changesAccess: [],
    referenceTypes: /db_instance|rds_cluster|db_proxy/,
  },
  "s3-object": {
    label: "S3 object in a secret-material bucket",
    service: "s3",
    reads: ["s3:GetObject", "s3:GetObjectVersion"],
    writes: ["s3:PutObject"],
    // A bucket policy decides who reads the objects (on the bucket ARN, which reaches `bucket/*`).
    changesAccess: ["s3:PutBucketPolicy"],
    referenceTypes: /^s3_bucket$|^s3_object$/,
    onlyWhenMarked: true,
  },
};

export const SECRET_KINDS_IN_ORDER = Object.keys(AWS_SECRET_KINDS) as SecretKind[];

/** The actions by which an identity reaches a secret-bearing resource of `kind` (reads, writes, access changes). */
export function secretBearingActionsOf(kind: SecretKind): readonly string[] {
  const spec = AWS_SECRET_KINDS[kind];
  return [...spec.reads, ...spec.writes, ...spec.changesAccess];
}

/**
 * Actions that return secret key material without naming a shared resource (see the module note):
 * they need a secrets approval but do not make two identities share a resource.
 */
export const KEY_MATERIAL_ACTIONS: readonly string[] = [
  "secretsmanager:BatchGetSecretValue",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyPair",
];

/** Kinds whose every resource is secret-bearing (not only marked ones). */
const ALWAYS_SECRET_KINDS = SECRET_KINDS_IN_ORDER.filter((kind) => !AWS_SECRET_KINDS[kind].onlyWhenMarked);

/** AWS actions that read secret material (public API: the reading half of the table). */
export const SECRET_READING_ACTIONS: readonly string[] = [
  ...ALWAYS_SECRET_KINDS.flatMap((kind) => AWS_SECRET_KINDS[kind].reads),
  ...KEY_MATERIAL_ACTIONS,
];

/** AWS actions that read or replace secret material: granting any of them needs a secrets approval. */
export const SECRET_MATERIAL_ACTIONS: readonly string[] = [
  ...SECRET_READING_ACTIONS,
  ...ALWAYS_SECRET_KINDS.flatMap((kind) => AWS_SECRET_KINDS[kind].writes),
];

/**
 * The secret-material actions an IAM action pattern allows. IAM matches action names
 * case-insensitively with `*`/`?` wildcards, so `ssm:Get*` reaches `ssm:GetParameter`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
 */
export function awsSecretMaterialActionsReachedBy(actionPattern: string): string[] {
  return [...reachedByPattern(actionPattern)];
}

// Every grant of every identity asks, mostly about the same few patterns: each is matched once.
const reachedByPattern = boundedMemo(4096, (actionPattern): readonly string[] =>
  SECRET_MATERIAL_ACTIONS.filter((action) => globMatchesIgnoreCase(actionPattern, action)),
);

/**
 * Vault capabilities that read or change the secret stored at a path
 * (https://developer.hashicorp.com/vault/docs/concepts/policies#capabilities). `sudo` counts because
 * it opens root-protected paths. `list` does not: it returns key names only, which Vault documents
 * as not filtered by policy and not to be used for sensitive data, so a list-only rule reaches no
 * secret material and needs no secrets approval. `deny` reaches nothing.
 */
export const VAULT_SECRET_CAPABILITIES: ReadonlySet<string> = new Set([
  "create",
  "read",
  "update",
  "patch",
  "delete",
  "sudo",
]);

/** Vault capabilities that change what is stored at a path. */
export const VAULT_WRITING_CAPABILITIES: ReadonlySet<string> = new Set(["create", "update", "patch"]);

/**
 * True when a Vault rule with these capabilities reaches secret material: one secret capability
 * and no `deny` (deny on a path wins over every other capability).
 */
export function reachesVaultSecretMaterial(capabilities: readonly string[]): boolean {
  const lower = capabilities.map((c) => c.toLowerCase());
  return !lower.includes("deny") && lower.some((c) => VAULT_SECRET_CAPABILITIES.has(c));
}
