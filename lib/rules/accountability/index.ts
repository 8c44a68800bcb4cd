import type { Rule } from "../rule";
import { WI101_NO_OWNER } from "./wi101-no-owner";
import { WI102_NO_APPROVAL } from "./wi102-no-approval";
import { WI103_SELF_APPROVED } from "./wi103-self-approved";
import { WI104_APPROVAL_EXPIRED } from "./wi104-approval-expired";
import { WI105_APPROVAL_EXPIRING } from "./wi105-approval-expiring";
import { WI106_TTL_MISSING } from "./wi106-ttl-missing";
import { WI107_TTL_OUT_OF_RANGE } from "./wi107-ttl-out-of-range";
import { WI108_SECRETS_WITHOUT_APPROVAL } from "./wi108-secrets-without-approval";
import { WI109_NO_DESCRIPTION } from "./wi109-no-description";
import { WI110_APPROVER_NOT_ALLOWED } from "./wi110-approver-not-allowed";
import { WI111_RECORD_MISMATCH } from "./wi111-record-mismatch";
import { WI112_APPROVAL_WITHOUT_EXPIRY } from "./wi112-approval-without-expiry";
import { WI113_ENFORCEMENT_SKIPPED } from "./wi113-enforcement-skipped";

/** The accountability rules, in id order. */
export const ACCOUNTABILITY_RULES: readonly Rule[] = [
  WI101_NO_OWNER,
  WI102_NO_APPROVAL,
  WI103_SELF_APPROVED,
  WI104_APPROVAL_EXPIRED,
  WI105_APPROVAL_EXPIRING,
  WI106_TTL_MISSING,
  WI107_TTL_OUT_OF_RANGE,
  WI108_SECRETS_WITHOUT_APPROVAL,
  WI109_NO_DESCRIPTION,
  WI110_APPROVER_NOT_ALLOWED,
  WI111_RECORD_MISMATCH,
  WI112_APPROVAL_WITHOUT_EXPIRY,
  WI113_ENFORCEMENT_SKIPPED,
];
