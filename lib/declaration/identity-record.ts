import { RECORD_SCHEMA, type IdentityRecord, type IssuerRecord } from "../model/record";
import type { ValidIdentity } from "./validate-identity";

/**
 * The normalized accountability record of a validated identity. Keys are always built in the same
 * order and optional keys are omitted (not undefined), so the embedded JSON is deterministic.
 */
export function buildIdentityRecord(
  id: string,
  identity: ValidIdentity,
  issuer: IssuerRecord,
): IdentityRecord {
  const audiences: { aws?: string[]; vault?: string[] } = {};
  if (identity.awsAudience !== undefined) audiences.aws = [identity.awsAudience];
  if (identity.vaultAudience !== undefined) audiences.vault = [identity.vaultAudience];
  return {
    schema: RECORD_SCHEMA,
    id,
    description: identity.description,
    owner: { team: identity.owner.team, contact: identity.owner.contact },
    approver: { ...identity.approver },
    ...(identity.secretsApprover ? { secretsApprover: { ...identity.secretsApprover } } : {}),
    ttlSeconds: identity.ttlSeconds,
    issuer: {
      kind: issuer.kind,
      url: issuer.url,
      constructPath: issuer.constructPath,
      owner: { ...issuer.owner },
    },
    subject: identity.subject.toRecord(),
    audiences,
    scope: {
      aws: identity.awsGrants.map((grant) => grant.toRecord()),
      vault: identity.vaultGrants.map((grant) => grant.toRecord()),
    },
    suppressions: identity.suppressions.map((s) => ({ ...s })),
  };
}
