import {
  approvalExpired,
  approvalExpiryMissing,
  approverIsOwner,
  audienceNotAcceptedByProvider,
  emptyScope,
  invalidAudience,
  invalidDate,
  invalidPolicyArn,
  invalidRoleName,
  invalidRuleId,
  invalidVaultName,
  nestProblem,
  notA,
  patternNotSupportedByVault,
  policyTooLarge,
  secretsApproverRequired,
  sideNotSupported,
  spiffeTrustDomainMismatch,
  subjectIssuerMismatch,
  suppressionApproverIsOwner,
  suppressionExpired,
  suppressionReasonTooShort,
  ttlAboveMaximum,
  ttlBelowAwsMinimum,
  ttlNotPositive,
  wrongType,
  type ValidationProblem,
  tooManyEntries,
  notMadeHere,
} from "../errors/validation-errors";
import { isIsoDate } from "../model/calendar-date";
import { reachesVaultSecretMaterial } from "../model/secret-material";
import {
  MIN_SUPPRESSION_REASON,
  hasExpired,
  isSelfApproval,
  isSuppressionReasonLongEnough,
} from "../model/accountability";
import type { ApprovalRecord, IssuerKind, OwnerRecord, SuppressionRecord } from "../model/record";
import { INLINE_POLICY_MAX_CHARS, policySize, renderPermissionPolicy } from "../render/iam-permission-policy";
import { isValidIamRoleName, isValidVaultName } from "../render/resource-names";
import { AWS_GRANTS, AwsGrant } from "./aws-grant";
import { Duration, DURATIONS } from "./duration";
import type { Provenance } from "./provenance";
import { Subject, SUBJECTS } from "./subject";
import { hasWildcard, optionalText, requireText } from "./text-checks";
import { VAULT_GRANTS, VaultGrant } from "./vault-grant";

/** AWS role `max_session_duration` maximum; also the library's TTL maximum. */
export const MAX_TTL_SECONDS = 12 * 3600;
/** Shortest STS session (AssumeRoleWithWebIdentity DurationSeconds). */
export const AWS_MIN_TTL_SECONDS = 15 * 60;
/** Shortest `max_session_duration` of a role: a TTL below cannot be enforced by AWS. */
export const AWS_ROLE_MIN_SESSION_SECONDS = 3600;

/** What an identity needs to know about its issuer (the construct supplies it). */
export interface IssuerFacts {
  readonly kind: IssuerKind;
  readonly url: string;
  readonly constructPath: string;
  readonly owner: OwnerRecord;
  readonly hasAwsSide: boolean;
  readonly hasVaultSide: boolean;
  readonly awsAudience: string;
  readonly vaultAudience: string;
  /** Client ids of the OIDC provider the issuer creates; undefined when it reuses one (unknown here). */
  readonly awsClientIds?: readonly string[];
  /** SPIFFE issuers: the trust domain every subject must belong to. */
  readonly trustDomain?: string;
}

/** The props as received: untyped, because JavaScript and JSON-driven callers bypass the types. */
export interface IdentityDeclaration {
  readonly owner: unknown;
  readonly approver: unknown;
  readonly secretsApprover: unknown;
  readonly ttl: unknown;
  readonly subject: unknown;
  readonly scope: unknown;
  readonly suppressions: unknown;
  readonly permissionsBoundaryArn: unknown;
  readonly audience: unknown;
  readonly name: unknown;
}

export interface ValidationContext {
  /** YYYY-MM-DD used for expiry checks. */
  readonly today: string;
  /** Issuer facts; undefined when `issuer` is not an OidcIssuer (already reported). */
  readonly issuer?: IssuerFacts;
  /** True for values only known at synth/apply (construct tokens); they skip format checks. */
  readonly isUnresolved?: (value: string) => boolean;
}

/** A declaration that passed validation, in normalized form. */
export interface ValidIdentity {
  readonly owner: OwnerRecord;
  readonly approver: ApprovalRecord;
  readonly secretsApprover?: ApprovalRecord;
  readonly ttlSeconds: number;
  readonly subject: Subject;
  readonly description: string;
  readonly awsGrants: readonly AwsGrant[];
  readonly vaultGrants: readonly VaultGrant[];
  readonly suppressions: readonly SuppressionRecord[];
  /** The AWS audience when the identity has an AWS side. */
  readonly awsAudience?: string;
  /** The Vault audience when the identity has a Vault side. */
  readonly vaultAudience?: string;
  readonly permissionsBoundaryArn?: string;
  readonly name?: string;
}

export interface IdentityValidation {
  readonly problems: readonly ValidationProblem[];
  /** Present only when there is no problem. */
  readonly identity?: ValidIdentity;
}

const POLICY_ARN = /^arn:[a-z][a-z0-9-]*:iam::(?:[0-9]{12}|aws):policy\/[A-Za-z0-9+=,.@_/-]+$/;
const RULE_ID = /^WI\d{3}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function owner(problems: ValidationProblem[], value: unknown): OwnerRecord | undefined {
  if (!isRecord(value)) {
    problems.push(
      wrongType(
        "owner",
        value,
        "{ team, contact }",
        "name the owning team and how to reach it: owner: { team, contact }",
      ),
    );
    return undefined;
  }
  const team = requireText(
    problems,
    "owner.team",
    value.team,
    "the owning team's name",
    'set owner.team, e.g. "payments"',
  );
  const contact = requireText(
    problems,
    "owner.contact",
    value.contact,
    "an on-call address, channel or queue",
    'set owner.contact, e.g. "payments-oncall@example.com"',
  );
  return team !== undefined && contact !== undefined ? { team, contact } : undefined;
}

function approval(
  problems: ValidationProblem[],
  field: string,
  value: unknown,
  ownerTeam: string | undefined,
  today: string,
): ApprovalRecord | undefined {
  if (!isRecord(value)) {
    problems.push(
      wrongType(
        field,
        value,
        "{ name, reference, expiresOn }",
        `record who approved: ${field}: { name, reference, expiresOn }`,
      ),
    );
    return undefined;
  }
  const name = requireText(
    problems,
    `${field}.name`,
    value.name,
    "the approving person or governance group",
    `set ${field}.name, e.g. "security-governance"`,
  );
  if (ownerTeam !== undefined && isSelfApproval(name, ownerTeam)) {
    problems.push(approverIsOwner(`${field}.name`, value.name, ownerTeam));
  }
  const reference = requireText(
    problems,
    `${field}.reference`,
    value.reference,
    "the ticket or decision reference",
    `set ${field}.reference, e.g. "SEC-1234"`,
  );
  let expiresOn: string | undefined;
  if (value.expiresOn === undefined || value.expiresOn === null || value.expiresOn === "")
    problems.push(approvalExpiryMissing(`${field}.expiresOn`, value.expiresOn));
  else if (!isIsoDate(value.expiresOn)) problems.push(invalidDate(`${field}.expiresOn`, value.expiresOn));
  else if (hasExpired(value.expiresOn, today))
    problems.push(approvalExpired(`${field}.expiresOn`, value.expiresOn, today));
  else expiresOn = value.expiresOn;
  if (name === undefined || reference === undefined || expiresOn === undefined) return undefined;
  return { name, reference, expiresOn };
}

/** The problem of a value that is not one of ours: a foreign one (it carries our brand) says so. */
export function notOurs(
  field: string,
  value: unknown,
  provenance: Provenance,
  what: string,
  factory: string,
): ValidationProblem {
  return provenance.isForeign(value)
    ? notMadeHere(field, value, what, factory)
    : notA(field, value, what, factory);
}

function ttl(problems: ValidationProblem[], value: unknown): number | undefined {
  if (!Duration.isDuration(value)) {
    problems.push(
      notOurs(
        "ttl",
        value,
        DURATIONS,
        "Duration",
        'Duration.minutes(30), Duration.hours(1) or Duration.parse("30m")',
      ),
    );
    return undefined;
  }
  if (value.problems.length > 0) {
    problems.push(...value.problems.map((p) => nestProblem("ttl", p)));
    return undefined;
  }
  const seconds = value.toSeconds();
  if (seconds <= 0) {
    problems.push(ttlNotPositive("ttl", value.toString()));
    return undefined;
  }
  if (seconds > MAX_TTL_SECONDS) {
    problems.push(ttlAboveMaximum("ttl", value.toString(), MAX_TTL_SECONDS));
    return undefined;
  }
  return seconds;
}

/**
 * Most grants of one kind, or suppressions, on one identity. Each is embedded in the identity's
 * record and rendered into its policies; 100,000 of them would take seconds and a gigabyte to
 * synthesize into a policy AWS rejects anyway (inline role policies are at most 10,240
 * characters: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export const MAX_LIST_ENTRIES = 1000;

function grants<T extends { problems: readonly ValidationProblem[] }>(
  problems: ValidationProblem[],
  field: string,
  value: unknown,
  isGrant: (v: unknown) => v is T,
  provenance: Provenance,
  what: string,
  factory: string,
): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(wrongType(field, value, `a list of ${what}s`, `pass [${factory}]`));
    return [];
  }
  if (value.length > MAX_LIST_ENTRIES) {
    problems.push(tooManyEntries(field, value.length, MAX_LIST_ENTRIES));
    return [];
  }
  const valid: T[] = [];
  // An index loop: forEach would skip the holes of a sparse array instead of reporting them.
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!isGrant(item)) problems.push(notOurs(`${field}[${i}]`, item, provenance, what, factory));
    else if (item.problems.length > 0)
      for (const p of item.problems) problems.push(nestProblem(`${field}[${i}]`, p));
    else valid.push(item);
  }
  return valid;
}

function suppressions(
  problems: ValidationProblem[],
  value: unknown,
  ownerTeam: string | undefined,
  today: string,
): SuppressionRecord[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(
      wrongType("suppressions", value, "a list of { ruleId, reason, approver, expiresOn }", "pass a list"),
    );
    return [];
  }
  if (value.length > MAX_LIST_ENTRIES) {
    problems.push(tooManyEntries("suppressions", value.length, MAX_LIST_ENTRIES));
    return [];
  }
  const result: SuppressionRecord[] = [];
  Array.from(value).forEach((item: unknown, i) => {
    const field = `suppressions[${i}]`;
    if (!isRecord(item)) {
      problems.push(
        wrongType(field, item, "{ ruleId, reason, approver, expiresOn }", "describe the exception"),
      );
      return;
    }
    const before = problems.length;
    if (typeof item.ruleId !== "string" || !RULE_ID.test(item.ruleId))
      problems.push(invalidRuleId(`${field}.ruleId`, item.ruleId));
    const reason = requireText(
      problems,
      `${field}.reason`,
      item.reason,
      "a written reason",
      "explain the exception",
    );
    if (reason !== undefined && !isSuppressionReasonLongEnough(reason)) {
      problems.push(suppressionReasonTooShort(`${field}.reason`, item.reason, MIN_SUPPRESSION_REASON));
    }
    const approver = requireText(
      problems,
      `${field}.approver`,
      item.approver,
      "who approved the exception",
      "name the governance approver",
    );
    if (ownerTeam !== undefined && isSelfApproval(approver, ownerTeam)) {
      problems.push(suppressionApproverIsOwner(`${field}.approver`, item.approver, ownerTeam));
    }
    if (!isIsoDate(item.expiresOn)) problems.push(invalidDate(`${field}.expiresOn`, item.expiresOn));
    else if (hasExpired(item.expiresOn, today))
      problems.push(suppressionExpired(`${field}.expiresOn`, item.expiresOn, today));
    if (problems.length === before) {
      result.push({
        ruleId: item.ruleId as string,
        reason: item.reason as string,
        approver: item.approver as string,
        expiresOn: item.expiresOn as string,
      });
    }
  });
  return result;
}

function audience(problems: ValidationProblem[], value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = requireText(
    problems,
    "audience",
    value,
    "an audience string",
    "pass the audience the workload requests",
  );
  if (text !== undefined && hasWildcard(text)) {
    problems.push(invalidAudience("audience", value));
    return undefined;
  }
  return text;
}

/**
 * Validates one declared identity. Every problem is collected (none stops the others), so the
 * construct can report them all in one error before anything is added to the tree.
 */
export function validateIdentity(
  declaration: IdentityDeclaration,
  context: ValidationContext,
): IdentityValidation {
  const problems: ValidationProblem[] = [];
  const { issuer, today } = context;
  const isUnresolved = context.isUnresolved ?? (() => false);

  const ownerRecord = owner(problems, declaration.owner);
  const ownerTeam =
    isRecord(declaration.owner) && typeof declaration.owner.team === "string"
      ? declaration.owner.team
      : undefined;
  const approverRecord = approval(problems, "approver", declaration.approver, ownerTeam, today);

  // Scope first: which sides are used decides the TTL minimum and the secrets approval.
  let description: string | undefined;
  let awsGrants: AwsGrant[] = [];
  let vaultGrants: VaultGrant[] = [];
  let awsDeclared = false;
  let vaultDeclared = false;
  if (!isRecord(declaration.scope)) {
    problems.push(
      wrongType(
        "scope",
        declaration.scope,
        "{ description, aws?, vault? }",
        "declare what the identity may reach and why",
      ),
    );
  } else {
    const scope = declaration.scope;
    description = requireText(
      problems,
      "scope.description",
      scope.description,
      "one sentence stating the intent",
      "describe what the workload does with these permissions",
    );
    awsGrants = grants(
      problems,
      "scope.aws",
      scope.aws,
      AwsGrant.isAwsGrant,
      AWS_GRANTS,
      "AwsGrant",
      "AwsGrant.allow(actions, resources)",
    );
    vaultGrants = grants(
      problems,
      "scope.vault",
      scope.vault,
      VaultGrant.isVaultGrant,
      VAULT_GRANTS,
      "VaultGrant",
      "VaultGrant.read(path)",
    );
    awsDeclared = Array.isArray(scope.aws) && scope.aws.length > 0;
    vaultDeclared = Array.isArray(scope.vault) && scope.vault.length > 0;
    if (!awsDeclared && !vaultDeclared) problems.push(emptyScope("scope", scope));
    if (issuer !== undefined && awsDeclared && !issuer.hasAwsSide) {
      problems.push(sideNotSupported("scope.aws", "aws", issuer.constructPath));
    }
    if (issuer !== undefined && vaultDeclared && !issuer.hasVaultSide) {
      problems.push(sideNotSupported("scope.vault", "vault", issuer.constructPath));
    }
  }

  const ttlSeconds = ttl(problems, declaration.ttl);
  if (ttlSeconds !== undefined && awsDeclared && ttlSeconds < AWS_MIN_TTL_SECONDS) {
    problems.push(ttlBelowAwsMinimum("ttl", (declaration.ttl as Duration).toString(), AWS_MIN_TTL_SECONDS));
  }

  // Subject: its own problems, then whether it fits the issuer.
  let subject: Subject | undefined;
  if (!Subject.isSubject(declaration.subject)) {
    problems.push(
      notOurs(
        "subject",
        declaration.subject,
        SUBJECTS,
        "Subject",
        "a Subject factory, e.g. Subject.githubEnvironment(repo, env)",
      ),
    );
  } else {
    subject = declaration.subject;
    problems.push(...subject.problems.map((p) => nestProblem("subject", p)));
    if (issuer !== undefined && !subject.fitsIssuerKind(issuer.kind)) {
      problems.push(subjectIssuerMismatch("subject", subject.kind, issuer.kind));
    }
    const trustDomain = subject.spiffeTrustDomain();
    if (
      issuer?.trustDomain !== undefined &&
      trustDomain !== undefined &&
      trustDomain !== issuer.trustDomain
    ) {
      problems.push(spiffeTrustDomainMismatch("subject", subject.value, issuer.trustDomain));
    }
    if (subject.isPattern && vaultDeclared && subject.value.includes("?")) {
      problems.push(patternNotSupportedByVault("subject", subject.value));
    }
  }

  // Secrets need their own approval.
  const secretReasons: string[] = [];
  const secretVaultPaths = vaultGrants
    .filter((g) => reachesVaultSecretMaterial(g.capabilities))
    .map((g) => g.path);
  if (secretVaultPaths.length > 0) secretReasons.push(`Vault paths ${secretVaultPaths.join(", ")}`);
  const secretActions = new Set(awsGrants.flatMap((g) => g.secretActions()));
  if (secretActions.size > 0) secretReasons.push(`AWS actions ${[...secretActions].join(", ")}`);
  let secretsApproverRecord: ApprovalRecord | undefined;
  if (declaration.secretsApprover !== undefined) {
    secretsApproverRecord = approval(
      problems,
      "secretsApprover",
      declaration.secretsApprover,
      ownerTeam,
      today,
    );
  } else if (secretReasons.length > 0) {
    problems.push(secretsApproverRequired("secretsApprover", undefined, secretReasons));
  }

  const suppressionRecords = suppressions(problems, declaration.suppressions, ownerTeam, today);

  // Audiences.
  const audienceOverride = audience(problems, declaration.audience);
  const awsAudience =
    awsDeclared && issuer !== undefined ? (audienceOverride ?? issuer.awsAudience) : undefined;
  const vaultAudience =
    vaultDeclared && issuer !== undefined ? (audienceOverride ?? issuer.vaultAudience) : undefined;
  if (
    awsAudience !== undefined &&
    audienceOverride !== undefined &&
    issuer?.awsClientIds !== undefined &&
    !issuer.awsClientIds.includes(awsAudience)
  ) {
    problems.push(audienceNotAcceptedByProvider("audience", audienceOverride, issuer.awsClientIds));
  }

  // Optional AWS settings and the name override.
  let permissionsBoundaryArn: string | undefined;
  const boundary = declaration.permissionsBoundaryArn;
  if (boundary !== undefined) {
    if (typeof boundary !== "string" || (!isUnresolved(boundary) && !POLICY_ARN.test(boundary))) {
      problems.push(invalidPolicyArn("permissionsBoundaryArn", boundary));
    } else permissionsBoundaryArn = boundary;
  }
  const name = optionalText(problems, "name", declaration.name, "a role name", "pass a name or omit it");
  if (name !== undefined) {
    if (awsDeclared && !isValidIamRoleName(name)) problems.push(invalidRoleName("name", name));
    if (vaultDeclared && !isValidVaultName(name)) problems.push(invalidVaultName("name", name));
  }

  if (awsGrants.length > 0 && awsGrants.length === (declaration.scope as { aws: unknown[] }).aws.length) {
    const size = policySize(renderPermissionPolicy(awsGrants.map((g) => g.toRecord())));
    if (size > INLINE_POLICY_MAX_CHARS)
      problems.push(policyTooLarge("scope.aws", size, INLINE_POLICY_MAX_CHARS));
  }

  if (
    problems.length > 0 ||
    ownerRecord === undefined ||
    approverRecord === undefined ||
    ttlSeconds === undefined ||
    subject === undefined ||
    description === undefined
  ) {
    return { problems };
  }
  return {
    problems,
    identity: {
      owner: ownerRecord,
      approver: approverRecord,
      secretsApprover: secretsApproverRecord,
      ttlSeconds,
      subject,
      description,
      awsGrants,
      vaultGrants,
      suppressions: suppressionRecords,
      awsAudience,
      vaultAudience,
      permissionsBoundaryArn,
      name,
    },
  };
}
