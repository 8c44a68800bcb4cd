import { globMatchesIgnoreCase } from "../pattern/glob";

/**
 * AWS actions that return secret material (secret values, parameters that may be SecureString,
 * plaintext from KMS, private data keys). A scope that can call any of them needs a separate
 * secrets approval. Matched case-insensitively, with the IAM wildcards of the granted action
 * (`ssm:Get*` reaches `ssm:GetParameter`).
 */
export const SECRET_READING_ACTIONS: readonly string[] = [
  "secretsmanager:GetSecretValue",
  "secretsmanager:BatchGetSecretValue",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "ssm:GetParameterHistory",
  "kms:Decrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyPair",
];

/** The secret-reading actions an action pattern (possibly with `*`/`?`) allows. */
export function secretActionsReachedBy(action: string): string[] {
  return SECRET_READING_ACTIONS.filter((secretAction) => globMatchesIgnoreCase(action, secretAction));
}
