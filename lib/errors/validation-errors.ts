/**
 * Every user-facing error text of the declaration layer and the constructs. Each factory returns a
 * {@link ValidationProblem}: the field, the value received (JSON-encoded so hostile text is visible
 * and inert), what is wrong, what is allowed and how to fix it. The construct path is added when
 * the problems of one construct are thrown together.
 */
import { safeJsonStringify } from "../model/unsafe-text";

/** One problem with one field of a declaration. */
export interface ValidationProblem {
  /** Field path relative to the construct props, e.g. `scope.aws[0].actions[1]`. */
  readonly field: string;
  /** The value received, JSON-encoded (see {@link describeValue}). */
  readonly received: string;
  /** What is wrong. */
  readonly problem: string;
  /** What is allowed. */
  readonly allowed: string;
  /** How to fix it. */
  readonly fix: string;
}

const MAX_SHOWN = 300;

/**
 * Shows a received value so that hostile text stays visible and inert: JSON encoding escapes
 * quotes, backslashes and control characters (newlines, ANSI escapes); bidi and invisible
 * characters too (lib/model/unsafe-text).
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined (missing)";
  let shown: string | undefined;
  try {
    shown = safeJsonStringify(value);
  } catch {
    shown = undefined;
  }
  if (shown === undefined) shown = `a ${typeof value}`;
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}… (${shown.length} characters)` : shown;
}

/**
 * The text of a value a caller passed where a string was expected, without calling its
 * `toString` (absent on `Object.create(null)`, not a function on `{ toString: "x" }`, or throwing).
 */
export function textOf(value: unknown): string {
  return typeof value === "string" ? value : describeValue(value);
}

function problem(
  field: string,
  value: unknown,
  what: string,
  allowed: string,
  fix: string,
): ValidationProblem {
  return { field, received: describeValue(value), problem: what, allowed, fix };
}

/** Re-roots a problem under a parent field: `actions[1]` under `scope.aws[0]`. */
export function nestProblem(parent: string, nested: ValidationProblem): ValidationProblem {
  if (nested.field === "") return { ...nested, field: parent };
  const separator = nested.field.startsWith("[") ? "" : ".";
  return { ...nested, field: `${parent}${separator}${nested.field}` };
}

/** Field name for a map key chosen by the user (quoted, so a hostile key cannot fake a path). */
export function keyField(parent: string, key: string): string {
  return `${parent}[${describeValue(key)}]`;
}

/** One line per problem: construct path, field, what is wrong, value, allowed, fix. */
export function formatProblem(constructPath: string, p: ValidationProblem): string {
  return `${describeValue(constructPath)} ${p.field}: ${p.problem}; received ${p.received}. Allowed: ${p.allowed}. Fix: ${p.fix}`;
}

abstract class ConstructValidationError extends Error {
  constructor(
    constructKind: string,
    readonly constructPath: string,
    readonly problems: readonly ValidationProblem[],
  ) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `Invalid ${constructKind} ${describeValue(constructPath)} (${count}):\n` +
        problems.map((p) => `  - ${formatProblem(constructPath, p)}`).join("\n"),
    );
  }
}

/** Every problem of one `WorkloadIdentity`, thrown together before anything is synthesized. */
export class WorkloadIdentityValidationError extends ConstructValidationError {
  constructor(constructPath: string, problems: readonly ValidationProblem[]) {
    super("WorkloadIdentity", constructPath, problems);
    this.name = "WorkloadIdentityValidationError";
  }
}

/** Every problem of one `OidcIssuer`, thrown together before anything is synthesized. */
export class OidcIssuerValidationError extends ConstructValidationError {
  constructor(constructPath: string, problems: readonly ValidationProblem[]) {
    super("OidcIssuer", constructPath, problems);
    this.name = "OidcIssuerValidationError";
  }
}

// ---------------------------------------------------------------------------------------------
// Generic text and type problems

export function missingText(field: string, value: unknown, allowed: string, fix: string): ValidationProblem {
  return problem(field, value, "is required and must be a non-empty string", allowed, fix);
}

export function controlCharacters(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "contains a control character or line break",
    "printable text without newlines, tabs or control characters",
    "remove the control characters (often a pasted newline)",
  );
}

export function unresolvedReference(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is a Terraform reference; this field is reviewed as written, so it must be literal",
    "a literal value written in the declaration",
    "write the literal value instead of a resource attribute (grant resources, condition values, the permissions boundary and issuer ARNs accept references)",
  );
}

export function wrongType(field: string, value: unknown, expected: string, fix: string): ValidationProblem {
  return problem(field, value, `is not ${expected}`, expected, fix);
}

export function emptyList(field: string, value: unknown, what: string, fix: string): ValidationProblem {
  return problem(field, value, `must list at least one ${what}`, `a non-empty list of ${what}s`, fix);
}

// ---------------------------------------------------------------------------------------------
// Accountability: owner, approvers, dates, suppressions

export function approverIsOwner(field: string, value: unknown, ownerTeam: string): ValidationProblem {
  return problem(
    field,
    value,
    `is the owner team ${describeValue(ownerTeam)}; an identity cannot approve itself`,
    "a governance approver who is not the owner team",
    "ask a separate governance owner (e.g. security) to approve and name them here",
  );
}

export function approvalExpiryMissing(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is required: an approval is given until a date, after which it must be renewed (WI112)",
    'the date the approval lapses, written YYYY-MM-DD, e.g. "2027-06-30"',
    `add ${field}: "YYYY-MM-DD" with the end date the approver gave`,
  );
}

export function invalidDate(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not a real calendar date",
    'a date written YYYY-MM-DD, e.g. "2027-06-30"',
    "write the date as YYYY-MM-DD",
  );
}

export function approvalExpired(field: string, value: unknown, today: string): ValidationProblem {
  return problem(
    field,
    value,
    `is not after today (today is ${today}); the approval has expired`,
    "an expiry date after today",
    "renew the approval with the approver and record the new expiry date and reference",
  );
}

export function secretsApproverRequired(
  field: string,
  value: unknown,
  reasons: readonly string[],
): ValidationProblem {
  return problem(
    field,
    value,
    `is required because the scope reaches secrets (${reasons.join(", ")})`,
    "{ name, reference, expiresOn } naming who approved access to these secrets",
    "obtain a separate approval for the secrets and add `secretsApprover`, or remove the grants that read or replace secrets",
  );
}

export function invalidRuleId(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not a rule id",
    '"WI" followed by three digits, e.g. "WI201"',
    "use the id printed by `cdktf-workload-identity rules`",
  );
}

export function suppressionReasonTooShort(field: string, value: unknown, minimum: number): ValidationProblem {
  return problem(
    field,
    value,
    `is shorter than ${minimum} characters`,
    `a written reason of at least ${minimum} characters`,
    "explain why the exception is needed and why it is safe",
  );
}

export function suppressionApproverIsOwner(
  field: string,
  value: unknown,
  ownerTeam: string,
): ValidationProblem {
  return problem(
    field,
    value,
    `is the owner team ${describeValue(ownerTeam)}; an exception cannot be approved by the team that wants it`,
    "an approver who is not the owner team",
    "have the exception approved by a governance owner and name them here",
  );
}

export function suppressionExpired(field: string, value: unknown, today: string): ValidationProblem {
  return problem(
    field,
    value,
    `is not after today (${today}); the suppression would never apply`,
    "an expiry date after today",
    "remove the suppression, or renew the exception with a future expiry date",
  );
}

// ---------------------------------------------------------------------------------------------
// TTL

export function invalidDuration(field: string, value: unknown, reason: string): ValidationProblem {
  return problem(
    field,
    value,
    `is not a valid duration (${reason})`,
    'Duration.minutes(n), Duration.hours(n), Duration.seconds(n) or Duration.parse("30m")',
    "give a whole number of seconds, minutes or hours",
  );
}

export function ttlNotPositive(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "must be longer than zero",
    "a duration between 15 minutes (with an AWS side) or 1 second and 12 hours",
    "set the credential lifetime the workload needs, e.g. Duration.minutes(30)",
  );
}

export function ttlAboveMaximum(field: string, value: unknown, maximumSeconds: number): ValidationProblem {
  return problem(
    field,
    value,
    `is longer than the maximum of ${maximumSeconds} seconds (12 hours, the AWS role session maximum)`,
    "at most 12 hours",
    "shorten the TTL; a workload that runs longer should re-authenticate",
  );
}

export function ttlBelowAwsMinimum(field: string, value: unknown, minimumSeconds: number): ValidationProblem {
  return problem(
    field,
    value,
    `is shorter than ${minimumSeconds} seconds, the shortest AWS STS session (AssumeRoleWithWebIdentity DurationSeconds)`,
    "at least 15 minutes when the scope has AWS grants",
    "raise the TTL to Duration.minutes(15) or more",
  );
}

/** Warning text (not an error): AWS cannot enforce a TTL below one hour at the role. */
export function ttlBelowRoleMinimumWarning(constructPath: string, ttlSeconds: number): string {
  return (
    `${describeValue(constructPath)} ttl: ${ttlSeconds} seconds is below 3600, the minimum max_session_duration ` +
    `of an AWS IAM role, so AWS cannot enforce it at the role (max_session_duration is set to 3600). ` +
    `The workload must request DurationSeconds=${ttlSeconds} itself; the Vault side enforces the TTL.`
  );
}

// ---------------------------------------------------------------------------------------------
// Subjects

export function tooManyEntries(field: string, count: number, limit: number): ValidationProblem {
  return problem(
    field,
    `${count} entries`,
    `has ${count} entries, above the limit of ${limit} per identity`,
    `at most ${limit} entries`,
    "use wildcards or broader paths where intended, or split the workload into separate identities",
  );
}

export function subjectTooLong(field: string, value: string, limit: number): ValidationProblem {
  return problem(
    field,
    value,
    `is ${value.length} characters long; the trust policy that holds it would exceed the AWS limit of 2,048 characters`,
    `at most ${limit} characters`,
    "use the shorter names the issuer really puts in the token (organization, project, repository, branch)",
  );
}

export function subjectWildcard(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "contains a wildcard (* or ?); it would trust every workload whose subject matches",
    "an exact subject; wildcards only through Subject.pattern(value, reason)",
    'name the exact repository/branch/environment, or use Subject.pattern(value, "why a pattern is needed")',
  );
}

export function subjectFormat(
  field: string,
  value: unknown,
  allowed: string,
  fix: string,
): ValidationProblem {
  return problem(field, value, "is not valid here", allowed, fix);
}

export function subjectIssuerMismatch(
  field: string,
  subjectKind: string,
  issuerKind: string,
): ValidationProblem {
  return problem(
    field,
    subjectKind,
    `is a ${subjectKind} subject, which an issuer of kind ${issuerKind} never puts in its tokens`,
    "a subject of the issuer's kind, Subject.exact or Subject.pattern",
    "use the Subject factory that matches the issuer (e.g. Subject.githubEnvironment for OidcIssuer.githubActions)",
  );
}

export function patternReasonMissing(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is required: a wildcard subject needs a written reason",
    "a non-empty sentence explaining why an exact subject is not possible",
    'write the reason, e.g. Subject.pattern("repo:acme/api:ref:refs/heads/release-*", "one role per release branch line")',
  );
}

export function patternTooBroad(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "matches any subject",
    'a pattern that pins a literal part, e.g. the repository: "repo:acme/api:*"',
    "pin at least the repository, project or namespace in the pattern",
  );
}

export function patternNotSupportedByVault(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "uses ?, which Vault glob bound claims do not support (only * is a wildcard there)",
    "patterns with * only when the scope has Vault grants",
    "replace ? with * or use an exact subject",
  );
}

export function spiffeTrustDomainMismatch(
  field: string,
  value: unknown,
  trustDomain: string,
): ValidationProblem {
  return problem(
    field,
    value,
    `is outside the issuer's trust domain ${describeValue(trustDomain)}`,
    `a SPIFFE ID spiffe://${trustDomain}/...`,
    "use the trust domain of the SPIRE server that issues the token, or a different issuer",
  );
}

// ---------------------------------------------------------------------------------------------
// Scope and grants

export function emptyScope(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "grants nothing: neither aws nor vault lists a grant",
    "at least one AwsGrant or VaultGrant",
    "add the grants the workload needs, or delete the identity",
  );
}

export function sideNotSupported(
  field: string,
  side: "aws" | "vault",
  issuerPath: string,
): ValidationProblem {
  const option = side === "aws" ? "aws: {} (or { providerArn })" : "vault: { mountPath }";
  return problem(
    field,
    side,
    `has ${side} grants but the issuer ${describeValue(issuerPath)} has no ${side} side`,
    `${side} grants only with an issuer configured for ${side}`,
    `add \`${option}\` to the issuer, or remove the ${side} grants`,
  );
}

export function invalidIamAction(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not an IAM action",
    '"service:Action" with a lowercase service prefix; * and ? only in the action part, e.g. "s3:GetObject", "s3:Get*"',
    "write the service prefix and the action name as in the AWS service authorization reference",
  );
}

export function invalidArn(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not an ARN",
    '"arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE" (region/account may be empty) or "*"',
    "copy the resource ARN from the AWS console or the resource's `arn` attribute",
  );
}

export function invalidCondition(field: string, value: unknown, what: string): ValidationProblem {
  return problem(
    field,
    value,
    what,
    '{ OPERATOR: { "service:key": ["value", ...] } }, e.g. { StringEquals: { "aws:SourceVpc": ["vpc-1"] } }',
    "write conditions as an operator -> condition key -> list of values map",
  );
}

export function policyTooLarge(field: string, size: number, limit: number): ValidationProblem {
  return problem(
    field,
    `${size} characters`,
    `renders to an inline policy of ${size} characters without whitespace, above the AWS limit of ${limit}`,
    `at most ${limit} characters of inline policy per role`,
    "merge grants, use fewer resources, or split the workload into separate identities",
  );
}

export function invalidVaultPath(field: string, value: unknown, reason: string): ValidationProblem {
  return problem(
    field,
    value,
    `is not a safe Vault policy path (${reason})`,
    "a Vault API path without whitespace, quotes, braces, control characters, leading /, empty, . or .. segments; * only as the last character, + as a whole segment",
    'write the API path, e.g. "secret/data/payments/api" or "secret/data/payments/*"',
  );
}

export function invalidVaultCapability(
  field: string,
  value: unknown,
  allowed: readonly string[],
): ValidationProblem {
  return problem(
    field,
    value,
    "is not a Vault capability",
    allowed.join(", "),
    "use one of the listed capabilities, e.g. VaultGrant.read(path) for read access",
  );
}

/** "a" or "an" as the word is spoken (AwsGrant, OidcIssuer, VaultGrant). */
function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

/**
 * A value carrying this library's brand that this copy did not create: made by another copy or
 * version of the package, forged by hand, or a Proxy around one of ours (lib/declaration/provenance).
 */
export function notMadeHere(field: string, value: unknown, what: string, factory: string): ValidationProblem {
  return problem(
    field,
    value,
    `carries the ${what} brand but was not created by this copy of cdktf-workload-identity ` +
      "(another copy or version of the package, a Proxy, or a forged object)",
    `${article(what)} ${what} created with ${factory} from the same copy of the package as the construct`,
    `create it with ${factory} imported from the package the construct comes from, and install one copy of it (npm ls cdktf-workload-identity)`,
  );
}

export function notA(field: string, value: unknown, what: string, factory: string): ValidationProblem {
  return problem(
    field,
    value,
    `is not ${article(what)} ${what}`,
    `${article(what)} ${what} created with ${factory}`,
    `create it with ${factory}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Names, ARNs, audiences

export function invalidRoleName(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not a valid IAM role name",
    "1 to 64 characters of letters, digits and +=,.@_-",
    "shorten the name or remove other characters (or omit `name` to derive it from the construct path)",
  );
}

export function invalidVaultName(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not usable as a Vault role and policy name",
    "1 to 128 characters of lowercase letters, digits and _.- (Vault lowercases policy names)",
    "use lowercase letters, digits, - _ . only",
  );
}

export function invalidPolicyArn(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not an IAM managed policy ARN",
    '"arn:PARTITION:iam::ACCOUNT:policy/NAME"',
    "copy the ARN of the permissions boundary policy",
  );
}

export function invalidAudience(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not a usable audience",
    'a non-empty string without wildcards or control characters, e.g. "sts.amazonaws.com"',
    "use the audience the workload requests its token for",
  );
}

export function audienceNotAcceptedByProvider(
  field: string,
  value: unknown,
  accepted: readonly string[],
): ValidationProblem {
  return problem(
    field,
    value,
    `is not in the client id list of the OIDC provider the issuer creates (${describeValue(accepted)}), so STS would reject the token`,
    `one of ${describeValue(accepted)}`,
    "set `awsAudience` on the issuer to this audience, or reuse a provider (`aws: { providerArn }`) that lists it",
  );
}

// ---------------------------------------------------------------------------------------------
// Issuers

export function invalidIssuerUrl(field: string, value: unknown, reason: string): ValidationProblem {
  return problem(
    field,
    value,
    `is not a usable OIDC issuer URL (${reason})`,
    "an https URL without query, fragment, credentials or trailing slash, equal to the token's `iss` claim",
    "copy the issuer URL from the issuer's /.well-known/openid-configuration (`issuer` field)",
  );
}

export function issuerWithoutSide(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "configures neither an AWS nor a Vault side, so no identity can use it",
    "aws: {} / { providerArn }, vault: { mountPath }, or both",
    "add the side(s) the identities of this issuer use",
  );
}

export function invalidMountPath(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not a Vault auth mount path",
    "segments of letters, digits and _.- separated by /, without leading or trailing /",
    'use a path such as "jwt-github"',
  );
}

export function invalidOidcProviderArn(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not an IAM OIDC provider ARN",
    '"arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST/PATH"',
    "copy the ARN of the existing aws_iam_openid_connect_provider, or use `aws: {}` to create one",
  );
}

export function oidcProviderForOtherIssuer(
  field: string,
  value: unknown,
  issuerHost: string,
): ValidationProblem {
  return problem(
    field,
    value,
    `names a provider for a different issuer than ${describeValue(issuerHost)}`,
    `an OIDC provider ARN ending in oidc-provider/${issuerHost}`,
    "reuse the provider created for this issuer URL",
  );
}

export function invalidTrustDomain(field: string, value: unknown): ValidationProblem {
  return problem(
    field,
    value,
    "is not a SPIFFE trust domain",
    "1 to 255 characters of lowercase letters, digits and . _ -",
    'use the trust domain name of the SPIRE server, e.g. "prod.acme.internal"',
  );
}
