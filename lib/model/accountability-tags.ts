import type { Accountability } from "./graph";
import type { IdentityRecord } from "./record";
import { emptyRecord } from "./lookup-table";

/**
 * IAM role tags that carry the accountability record into Terraform plans and the AWS console.
 * AWS limits (IAM quotas page): key <= 128 chars, value <= 256 chars, characters are letters,
 * digits, spaces and `_.:/=+-@`. Values are made to fit; the full record stays in `"//"`.
 */
export const TAG_PREFIX = "workload-identity:";

export const ACCOUNTABILITY_TAGS = {
  id: `${TAG_PREFIX}id`,
  ownerTeam: `${TAG_PREFIX}owner-team`,
  ownerContact: `${TAG_PREFIX}owner-contact`,
  issuerOwner: `${TAG_PREFIX}issuer-owner`,
  approver: `${TAG_PREFIX}approver`,
  approvalReference: `${TAG_PREFIX}approval-ref`,
  approvalExpires: `${TAG_PREFIX}approval-expires`,
  secretsApprover: `${TAG_PREFIX}secrets-approver`,
  secretsApprovalReference: `${TAG_PREFIX}secrets-approval-ref`,
  secretsApprovalExpires: `${TAG_PREFIX}secrets-approval-expires`,
  ttlSeconds: `${TAG_PREFIX}ttl-seconds`,
  description: `${TAG_PREFIX}description`,
} as const;

const MAX_TAG_VALUE = 256;
const DISALLOWED_TAG_CHARS = /[^\p{L}\p{N} _.:/=+\-@]/gu;
/** The common case, checked without Unicode classes: ASCII letters, digits and allowed signs only. */
const ALLOWED_ASCII_TAG_VALUE = /^[A-Za-z0-9 _.:/=+\-@]*$/;

/** Makes any string a valid IAM tag value: disallowed characters become `_`, then truncated. */
export function toTagValue(value: string): string {
  if (value.length <= MAX_TAG_VALUE && ALLOWED_ASCII_TAG_VALUE.test(value)) return value;
  return Array.from(value.replace(DISALLOWED_TAG_CHARS, "_")).slice(0, MAX_TAG_VALUE).join("");
}

/** The accountability tags for an identity, in a fixed key order (deterministic output). */
export function accountabilityTags(record: IdentityRecord): Record<string, string> {
  const tags = emptyRecord<string>();
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined && `${value}` !== "") tags[key] = toTagValue(`${value}`);
  };
  put(ACCOUNTABILITY_TAGS.id, record.id);
  put(ACCOUNTABILITY_TAGS.ownerTeam, record.owner.team);
  put(ACCOUNTABILITY_TAGS.ownerContact, record.owner.contact);
  put(ACCOUNTABILITY_TAGS.issuerOwner, record.issuer.owner.team);
  put(ACCOUNTABILITY_TAGS.approver, record.approver.name);
  put(ACCOUNTABILITY_TAGS.approvalReference, record.approver.reference);
  put(ACCOUNTABILITY_TAGS.approvalExpires, record.approver.expiresOn);
  put(ACCOUNTABILITY_TAGS.secretsApprover, record.secretsApprover?.name);
  put(ACCOUNTABILITY_TAGS.secretsApprovalReference, record.secretsApprover?.reference);
  put(ACCOUNTABILITY_TAGS.secretsApprovalExpires, record.secretsApprover?.expiresOn);
  put(ACCOUNTABILITY_TAGS.ttlSeconds, record.ttlSeconds);
  put(ACCOUNTABILITY_TAGS.description, record.description);
  return tags;
}

/** Reads accountability back from role tags (plans). `source: "none"` when no tag is present. */
export function accountabilityFromTags(tags: Readonly<Record<string, string>>): Accountability {
  const get = (key: string): string | undefined => {
    const value = tags[key];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const present = Object.values(ACCOUNTABILITY_TAGS).some((key) => get(key) !== undefined);
  if (!present) return { source: "none" };
  const ttl = Number(get(ACCOUNTABILITY_TAGS.ttlSeconds));
  const secretsApprover = get(ACCOUNTABILITY_TAGS.secretsApprover);
  return {
    source: "tags",
    owner: { team: get(ACCOUNTABILITY_TAGS.ownerTeam), contact: get(ACCOUNTABILITY_TAGS.ownerContact) },
    issuerOwner: get(ACCOUNTABILITY_TAGS.issuerOwner)
      ? { team: get(ACCOUNTABILITY_TAGS.issuerOwner) }
      : undefined,
    approver: {
      name: get(ACCOUNTABILITY_TAGS.approver),
      reference: get(ACCOUNTABILITY_TAGS.approvalReference),
      expiresOn: get(ACCOUNTABILITY_TAGS.approvalExpires),
    },
    secretsApprover: secretsApprover
      ? {
          name: secretsApprover,
          reference: get(ACCOUNTABILITY_TAGS.secretsApprovalReference),
          expiresOn: get(ACCOUNTABILITY_TAGS.secretsApprovalExpires),
        }
      : undefined,
    ttlSeconds: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    description: get(ACCOUNTABILITY_TAGS.description),
  };
}
