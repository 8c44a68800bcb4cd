import type { TerraformStack } from "cdktf";
import { OidcIssuer } from "../../lib/constructs/oidc-issuer";
import { WorkloadIdentity, type WorkloadIdentityProps } from "../../lib/constructs/workload-identity";
import { AwsGrant } from "../../lib/declaration/aws-grant";
import { Duration } from "../../lib/declaration/duration";
import { Subject } from "../../lib/declaration/subject";
import { VaultGrant } from "../../lib/declaration/vault-grant";
import { WorkloadIdentityValidationError } from "../../lib/errors/validation-errors";
import { PolicyError } from "../../lib/errors/policy-errors";
import { removeOutdirs, synthResources, testApp, testStack, TODAY } from "./construct-harness";
import { deployProps, githubIssuer, PLATFORM } from "./identity-fixtures";

afterAll(removeOutdirs);

type Change = (
  issuer: OidcIssuer,
  stack: TerraformStack,
) => Partial<Record<keyof WorkloadIdentityProps, unknown>>;

/** Declares the identity and returns its validation error, checking nothing was added to the tree. */
function rejected(
  change: Change,
  makeIssuer: (stack: TerraformStack) => OidcIssuer = (s) => githubIssuer(s),
) {
  const stack = testStack();
  const issuer = makeIssuer(stack);
  const before = JSON.stringify(synthResources(stack));
  try {
    new WorkloadIdentity(stack, "deploy-api", {
      ...deployProps(issuer),
      ...change(issuer, stack),
    } as WorkloadIdentityProps);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkloadIdentityValidationError);
    expect(stack.node.tryFindChild("deploy-api")).toBeUndefined();
    expect(JSON.stringify(synthResources(stack))).toBe(before);
    return error as WorkloadIdentityValidationError;
  }
  throw new Error("expected the identity to be rejected");
}

const awsOnly = (s: TerraformStack) => githubIssuer(s, { aws: true });
const vaultOnly = (s: TerraformStack) => githubIssuer(s, { vault: true });
const spiffeIssuer = (s: TerraformStack) =>
  OidcIssuer.spiffe(s, "spire", {
    owner: PLATFORM,
    url: "https://oidc.spire.example",
    trustDomain: "prod.example",
    vault: { mountPath: "jwt" },
  });
const vaultScope = { description: "Read the deploy secret", vault: [VaultGrant.read("secret/data/a")] };
const bigGrants = Array.from({ length: 100 }, (_, i) =>
  AwsGrant.allow(
    ["s3:GetObject", "s3:PutObject"],
    [`arn:aws:s3:::a-rather-long-bucket-name-for-testing-${i}/some/prefix/*`],
  ),
);
const suppression = {
  ruleId: "WI301",
  reason: "reviewed and accepted in SEC-77",
  approver: "security",
  expiresOn: "2026-09-01",
};

/**
 * One case per validation error: [name, change, field, value as shown, text of the problem, text of the fix].
 * Each asserts the one problem reported, and that the message names path, field, value and fix.
 */
const CASES: Array<[string, Change, string, string, string, string, ((s: TerraformStack) => OidcIssuer)?]> = [
  [
    "owner missing",
    () => ({ owner: undefined }),
    "owner",
    "undefined (missing)",
    "is not { team, contact }",
    "owner: { team, contact }",
  ],
  [
    "owner team empty",
    () => ({ owner: { team: "", contact: "x@example.com" } }),
    "owner.team",
    '""',
    "is required",
    "set owner.team",
  ],
  [
    "owner contact missing",
    () => ({ owner: { team: "payments" } }),
    "owner.contact",
    "undefined (missing)",
    "is required",
    "set owner.contact",
  ],
  [
    "owner team with newline",
    () => ({ owner: { team: "pay\nments", contact: "x" } }),
    "owner.team",
    '"pay\\nments"',
    "control character",
    "remove the control characters",
  ],
  [
    "owner team as a token",
    () => ({ owner: { team: "${TfToken[TOKEN.999999]}", contact: "x" } }),
    "owner.team",
    '"${TfToken[TOKEN.999999]}"',
    "must be literal",
    "write the literal value",
  ],
  [
    "approver missing",
    () => ({ approver: undefined }),
    "approver",
    "undefined (missing)",
    "is not { name, reference, expiresOn }",
    "record who approved",
  ],
  [
    "approver name empty",
    () => ({ approver: { name: " ", reference: "SEC-1", expiresOn: "2030-12-31" } }),
    "approver.name",
    '" "',
    "is required",
    "set approver.name",
  ],
  [
    "approver reference missing",
    () => ({ approver: { name: "security", expiresOn: "2030-12-31" } }),
    "approver.reference",
    "undefined (missing)",
    "is required",
    "set approver.reference",
  ],
  [
    "approver expiry missing",
    () => ({ approver: { name: "security", reference: "SEC-1" } }),
    "approver.expiresOn",
    "undefined (missing)",
    "is required: an approval is given until a date",
    'add approver.expiresOn: "YYYY-MM-DD"',
  ],
  [
    "secrets approver expiry missing",
    () => ({ secretsApprover: { name: "secrets-custodians", reference: "SEC-2" } }),
    "secretsApprover.expiresOn",
    "undefined (missing)",
    "is required: an approval is given until a date",
    'add secretsApprover.expiresOn: "YYYY-MM-DD"',
  ],
  [
    "approver is the owner team",
    () => ({ approver: { name: " Payments ", reference: "SEC-1", expiresOn: "2030-12-31" } }),
    "approver.name",
    '" Payments "',
    "cannot approve itself",
    "ask a separate governance owner",
  ],
  [
    "approval date invalid",
    () => ({ approver: { name: "security", reference: "SEC-1", expiresOn: "2026-02-30" } }),
    "approver.expiresOn",
    '"2026-02-30"',
    "not a real calendar date",
    "YYYY-MM-DD",
  ],
  [
    "approval expired",
    () => ({ approver: { name: "security", reference: "SEC-1", expiresOn: "2026-05-31" } }),
    "approver.expiresOn",
    '"2026-05-31"',
    `today is ${TODAY}`,
    "renew the approval",
  ],
  [
    "approval expiring today",
    () => ({ approver: { name: "security", reference: "SEC-1", expiresOn: TODAY } }),
    "approver.expiresOn",
    `"${TODAY}"`,
    "the approval has expired",
    "renew the approval",
  ],
  ["ttl not a Duration", () => ({ ttl: 1800 }), "ttl", "1800", "is not a Duration", "Duration.minutes(30)"],
  [
    "ttl unparseable",
    () => ({ ttl: Duration.parse("soon") }),
    "ttl",
    '"soon"',
    "is not a valid duration",
    "give a whole number",
  ],
  [
    "ttl zero",
    () => ({ ttl: Duration.seconds(0) }),
    "ttl",
    '"0s"',
    "longer than zero",
    "set the credential lifetime",
  ],
  [
    "ttl negative",
    () => ({ ttl: Duration.minutes(-5) }),
    "ttl",
    '"-300s"',
    "longer than zero",
    "set the credential lifetime",
  ],
  [
    "ttl above 12 h",
    () => ({ ttl: Duration.hours(13) }),
    "ttl",
    '"13h"',
    "longer than the maximum of 43200 seconds",
    "shorten the TTL",
  ],
  [
    "ttl below 15 min with AWS",
    () => ({ ttl: Duration.minutes(10) }),
    "ttl",
    '"10m"',
    "shorter than 900 seconds",
    "raise the TTL",
  ],
  [
    "subject not a Subject",
    () => ({ subject: "repo:acme/api:environment:production" }),
    "subject",
    '"repo:acme/api:environment:production"',
    "is not a Subject",
    "a Subject factory",
  ],
  [
    "subject invalid",
    () => ({ subject: Subject.githubBranch("acme/api", "a..b") }),
    "subject.branch",
    '"a..b"',
    "is not valid here",
    "short name of the ref",
  ],
  [
    "subject wildcard",
    () => ({ subject: Subject.githubEnvironment("acme/*", "prod") }),
    "subject.repository",
    '"acme/*"',
    "contains a wildcard",
    "Subject.pattern(value",
  ],
  [
    "subject of another issuer kind",
    () => ({ subject: Subject.kubernetesServiceAccount("orders", "api") }),
    "subject",
    '"kubernetes-service-account"',
    "never puts in its tokens",
    "matches the issuer",
  ],
  [
    "pattern without reason",
    () => ({ subject: Subject.pattern("repo:acme/api:*", "  ") }),
    "subject.reason",
    '"  "',
    "needs a written reason",
    "write the reason",
  ],
  [
    "pattern with ? and Vault",
    () => ({ subject: Subject.pattern("repo:acme/api:ref:refs/heads/v?", "one role for v1..v9 lines") }),
    "subject",
    '"repo:acme/api:ref:refs/heads/v?"',
    "Vault glob bound claims",
    "replace ? with *",
  ],
  [
    "scope missing",
    () => ({ scope: undefined }),
    "scope",
    "undefined (missing)",
    "is not { description, aws?, vault? }",
    "declare what the identity may reach",
  ],
  [
    "scope description empty",
    () => ({ scope: { description: "", aws: [AwsGrant.allow(["s3:GetObject"], ["*"])] } }),
    "scope.description",
    '""',
    "is required",
    "describe what the workload does",
  ],
  [
    "scope empty",
    () => ({ scope: { description: "Nothing", aws: [], vault: [] } }),
    "scope",
    '{"description":"Nothing","aws":[],"vault":[]}',
    "grants nothing",
    "add the grants",
  ],
  [
    "scope.aws item not a grant",
    () => ({ scope: { description: "x", aws: [{ actions: ["s3:GetObject"], resources: ["*"] }] } }),
    "scope.aws[0]",
    '{"actions":["s3:GetObject"],"resources":["*"]}',
    "is not an AwsGrant",
    "AwsGrant.allow",
  ],
  [
    "IAM action malformed",
    () => ({ scope: { description: "x", aws: [AwsGrant.allow(["s3 GetObject"], ["*"])] } }),
    "scope.aws[0].actions[0]",
    '"s3 GetObject"',
    "is not an IAM action",
    "service prefix",
  ],
  [
    "ARN malformed",
    () => ({ scope: { description: "x", aws: [AwsGrant.allow(["s3:GetObject"], ["arn:aws:s3"])] } }),
    "scope.aws[0].resources[0]",
    '"arn:aws:s3"',
    "is not an ARN",
    "copy the resource ARN",
  ],
  [
    "Vault path unsafe",
    () => ({ scope: { ...vaultScope, vault: [VaultGrant.read('secret/a" {')] } }),
    "scope.vault[0].path",
    '"secret/a\\" {"',
    "is not a safe Vault policy path",
    "write the API path",
  ],
  [
    "Vault capability unknown",
    () => ({ scope: { ...vaultScope, vault: [VaultGrant.of("secret/a", ["write"])] } }),
    "scope.vault[0].capabilities[0]",
    '"write"',
    "is not a Vault capability",
    "VaultGrant.read(path)",
  ],
  [
    "AWS grants without AWS side",
    () => ({ ttl: Duration.hours(1) }),
    "scope.aws",
    '"aws"',
    'has aws grants but the issuer "stack/github" has no aws side',
    "add `aws: {} (or { providerArn })`",
    vaultOnly,
  ],
  [
    "Vault grants without Vault side",
    () => ({}),
    "scope.vault",
    '"vault"',
    'has vault grants but the issuer "stack/github" has no vault side',
    "add `vault: { mountPath }`",
    awsOnly,
  ],
  [
    "secrets approver missing (Vault)",
    () => ({ secretsApprover: undefined, scope: vaultScope }),
    "secretsApprover",
    "undefined (missing)",
    "reaches secrets (Vault paths secret/data/a)",
    "obtain a separate approval",
  ],
  [
    "secrets approver missing (AWS)",
    () => ({
      secretsApprover: undefined,
      scope: { description: "x", aws: [AwsGrant.allow(["ssm:GetParameter*"], ["*"])] },
    }),
    "secretsApprover",
    "undefined (missing)",
    "AWS actions ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath, ssm:GetParameterHistory",
    "remove the grants that read or replace secrets",
  ],
  [
    "secrets approver is the owner",
    () => ({ secretsApprover: { name: "payments", reference: "S-1", expiresOn: "2030-12-31" } }),
    "secretsApprover.name",
    '"payments"',
    "cannot approve itself",
    "ask a separate governance owner",
  ],
  [
    "suppression rule id",
    () => ({ suppressions: [{ ...suppression, ruleId: "CKV_AWS_1" }] }),
    "suppressions[0].ruleId",
    '"CKV_AWS_1"',
    "is not a rule id",
    "cdktf-workload-identity rules",
  ],
  [
    "suppression reason short",
    () => ({ suppressions: [{ ...suppression, reason: "because" }] }),
    "suppressions[0].reason",
    '"because"',
    "shorter than 20 characters",
    "explain why",
  ],
  [
    "suppression approved by owner",
    () => ({ suppressions: [{ ...suppression, approver: "PAYMENTS" }] }),
    "suppressions[0].approver",
    '"PAYMENTS"',
    "cannot be approved by the team that wants it",
    "governance owner",
  ],
  [
    "suppression expiring today",
    () => ({ suppressions: [{ ...suppression, expiresOn: TODAY }] }),
    "suppressions[0].expiresOn",
    `"${TODAY}"`,
    "would never apply",
    "renew the exception",
  ],
  [
    "suppression date invalid",
    () => ({ suppressions: [{ ...suppression, expiresOn: "next year" }] }),
    "suppressions[0].expiresOn",
    '"next year"',
    "not a real calendar date",
    "YYYY-MM-DD",
  ],
  [
    "permissions boundary malformed",
    () => ({ permissionsBoundaryArn: "arn:aws:iam::111122223333:role/x" }),
    "permissionsBoundaryArn",
    '"arn:aws:iam::111122223333:role/x"',
    "is not an IAM managed policy ARN",
    "permissions boundary policy",
  ],
  [
    "name too long for IAM",
    () => ({
      scope: { description: "x", aws: [AwsGrant.allow(["s3:GetObject"], ["*"])] },
      secretsApprover: undefined,
      name: "n".repeat(65),
    }),
    "name",
    `"${"n".repeat(65)}"`,
    "is not a valid IAM role name",
    "shorten the name",
  ],
  [
    "name unusable for Vault",
    () => ({ scope: vaultScope, name: "deploy+api" }),
    "name",
    '"deploy+api"',
    "Vault role and policy name",
    "lowercase letters",
  ],
  [
    "audience wildcard",
    () => ({ audience: "sts.*" }),
    "audience",
    '"sts.*"',
    "is not a usable audience",
    "the audience the workload requests",
  ],
  [
    "audience not in the created provider",
    () => ({ audience: "other-aud" }),
    "audience",
    '"other-aud"',
    "is not in the client id list",
    "set `awsAudience` on the issuer",
  ],
  [
    "issuer not an OidcIssuer",
    () => ({ issuer: { url: "https://token.actions.githubusercontent.com" } }),
    "issuer",
    '{"url":"https://token.actions.githubusercontent.com"}',
    "is not an OidcIssuer",
    "OidcIssuer.githubActions",
  ],
  [
    "inline policy too large",
    () => ({ scope: { description: "x", aws: bigGrants }, secretsApprover: undefined }),
    "scope.aws",
    '"15918 characters"',
    "above the AWS limit of 10240",
    "merge grants",
  ],
];

describe("WorkloadIdentity validation: one error per problem, with path, field, value and fix", () => {
  // Every row gets all seven arguments: jest would pass its `done` callback in place of a missing one.
  type Row = [string, Change, string, string, string, string, (s: TerraformStack) => OidcIssuer];
  const rows: Row[] = CASES.map(([name, change, field, received, problemText, fixText, issuer]) => [
    name,
    change,
    field,
    received,
    problemText,
    fixText,
    issuer ?? ((s: TerraformStack) => githubIssuer(s)),
  ]);
  test.each(rows)("%s", (_name, change, field, received, problemText, fixText, issuer) => {
    const error = rejected(change, issuer);
    expect(error.problems.map((p) => p.field)).toEqual([field]);
    const line = error.message.split("\n")[1];
    expect(line).toContain(`"stack/deploy-api" ${field}: `);
    expect(line).toContain(problemText);
    expect(line).toContain(`received ${received}`);
    expect(line).toContain("Allowed: ");
    expect(line).toMatch(new RegExp(`Fix: .*${fixText.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });

  test("SPIFFE subjects must belong to the issuer's trust domain", () => {
    const error = rejected(
      () => ({ subject: Subject.spiffe("spiffe://other.example/ns/a"), scope: vaultScope }),
      spiffeIssuer,
    );
    expect(error.problems.map((p) => p.field)).toEqual(["subject"]);
    expect(error.message).toContain('is outside the issuer\'s trust domain "prod.example"');
  });

  test("JavaScript callers without props get every required field reported", () => {
    const stack = testStack();
    let error: WorkloadIdentityValidationError | undefined;
    try {
      new WorkloadIdentity(stack, "deploy-api", undefined as unknown as WorkloadIdentityProps);
    } catch (e) {
      error = e as WorkloadIdentityValidationError;
    }
    expect(error?.problems.map((p) => p.field)).toEqual([
      "issuer",
      "owner",
      "approver",
      "scope",
      "ttl",
      "subject",
    ]);
    expect(error?.message).toMatch(
      /^Invalid WorkloadIdentity "stack\/deploy-api" \(6 problems\):\n {2}- "stack\/deploy-api" issuer: /,
    );
  });

  test("every problem of one identity is reported together, in one error", () => {
    const error = rejected(() => ({
      owner: { team: "payments", contact: "" },
      approver: { name: "payments", reference: "SEC-1", expiresOn: "2020-01-01" },
      ttl: Duration.hours(24),
      subject: Subject.githubBranch("acme/api", "*"),
      scope: { description: "x", aws: [AwsGrant.allow(["nope"], ["*"])], vault: [VaultGrant.read("a/../b")] },
    }));
    expect(error.problems.map((p) => p.field)).toEqual([
      "owner.contact",
      "approver.name",
      "approver.expiresOn",
      "scope.aws[0].actions[0]",
      "scope.vault[0].path",
      "ttl",
      "subject.branch",
    ]);
  });

  test("hostile values are shown JSON-escaped, so they cannot forge message lines", () => {
    const error = rejected(() => ({
      owner: { team: 'x\n  - "stack/other" owner.team: fine\u001b[0m', contact: "c" },
    }));
    expect(error.message.split("\n")).toHaveLength(2);
    expect(error.message).toContain('received "x\\n  - \\"stack/other\\" owner.team: fine\\u001b[0m"');
  });

  test("the policy's today comes from construct context; without it, today (UTC) is used", () => {
    const later = testApp({ today: "2027-01-15" });
    const stack = testStack(later);
    expect(() => new WorkloadIdentity(stack, "deploy-api", deployProps(githubIssuer(stack)))).toThrow(
      /approver\.expiresOn: is not after today \(today is 2027-01-15\)/,
    );
  });

  test("an invalid organisation policy in context is reported as such", () => {
    const stack = testStack(testApp({ today: "tomorrow" }));
    expect(() => new WorkloadIdentity(stack, "deploy-api", deployProps(githubIssuer(stack)))).toThrow(
      PolicyError,
    );
    expect(stack.node.tryFindChild("deploy-api")).toBeUndefined();
  });
});

describe("absurd sizes and sparse lists are refused with a validation error", () => {
  test("100,000 Vault grants: one problem naming the limit, without rendering them", () => {
    const grant = VaultGrant.read("secret/data/a");
    const error = rejected(
      () => ({ scope: { description: "many", vault: Array.from({ length: 100_000 }, () => grant) } }),
      vaultOnly,
    );
    expect(error.problems.map((p) => [p.field, p.allowed])).toEqual([
      ["scope.vault", "at most 1000 entries"],
    ]);
  });

  test("100,000 suppressions: one problem naming the limit", () => {
    const error = rejected(() => ({ suppressions: Array.from({ length: 100_000 }, () => suppression) }));
    expect(error.problems.map((p) => [p.field, p.allowed])).toEqual([
      ["suppressions", "at most 1000 entries"],
    ]);
  });

  test("a hole in the grant list is a problem, not an empty grant", () => {
    const error = rejected(() => ({ scope: { description: "holes", vault: new Array(2) } }), vaultOnly);
    expect(error.problems.map((p) => p.field)).toEqual(["scope.vault[0]", "scope.vault[1]"]);
  });
});
