/**
 * WI302 reach as AWS evaluates it: explicit Deny, permissions boundaries, resource-tag conditions,
 * KMS aliases, SSM paths, BatchGetSecretValue and change-access actions. Each case asserts the
 * exact set of identity pairs reported.
 */
import type { AwsPolicy, Identity } from "../../../lib/model/graph";
import type { PolicyStatement } from "../../../lib/model/iam-policy";
import { WI302_SHARED_AWS_SECRET } from "../../../lib/rules/shared-paths/wi302-shared-aws-secret";
import { awsPolicy, awsRole, doc, graph, identity, loc, statement } from "../../support/graph-builder";
import { run } from "../harness";

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:";
const PARAMETER = "arn:aws:ssm:us-east-1:111122223333:parameter";
const KMS = "arn:aws:kms:us-east-1:111122223333:";
const GET = "secretsmanager:GetSecretValue";

function allow(
  actions: string[],
  resources: string[],
  extra: Partial<PolicyStatement> = {},
): PolicyStatement {
  return statement({ actions, resources, ...extra });
}
function deny(actions: string[], resources: string[], extra: Partial<PolicyStatement> = {}): PolicyStatement {
  return statement({ effect: "Deny", actions, resources, ...extra });
}

function awsIdentity(
  id: string,
  statements: PolicyStatement[],
  roleExtra: Parameters<typeof awsRole>[1] = {},
): Identity {
  const policy = awsPolicy(`aws_iam_role_policy.${id}`, doc(...statements), {
    location: loc(`aws_iam_role_policy.${id}`),
    attachedTo: [`aws_iam_role.${id}`],
  });
  return identity(id, { awsRoles: [awsRole(`aws_iam_role.${id}`, { policies: [policy], ...roleExtra })] });
}

/** The identity pairs WI302 reports, as `a+b`, sorted. */
function sharedPairs(identities: Identity[], extraPolicies: AwsPolicy[] = []): string[] {
  const g = graph({ identities });
  const withExtra = { ...g, awsPolicies: [...g.awsPolicies, ...extraPolicies] };
  return run(WI302_SHARED_AWS_SECRET, withExtra)
    .filter((result) => !result.unknown)
    .map((result) => (result.identityIds ?? []).join("+"))
    .sort();
}

describe("WI302 subtracts explicit Deny (reference_policies_evaluation-logic)", () => {
  test("a Deny covering the shared secrets removes the pair; a Deny on another action does not", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow([GET], [`${SECRET}shared-*`])]),
        awsIdentity("b", [
          allow(["secretsmanager:*"], ["*"]),
          deny(["secretsmanager:*"], [`${SECRET}shared-*`]),
        ]),
        awsIdentity("c", [
          allow([GET], ["*"]),
          deny(["secretsmanager:PutSecretValue"], [`${SECRET}shared-*`]),
        ]),
      ]),
    ).toEqual(["a+c", "b+c"]);
  });

  test("a Deny leaving part of the overlap keeps the pair (the rest is still reached)", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow([GET], [`${SECRET}shared-*`])]),
        awsIdentity("b", [allow([GET], ["*"]), deny([GET], [`${SECRET}shared-db*`])]),
      ]),
    ).toEqual(["a+b"]);
  });

  test("Deny with NotResource confines the grant to the listed resources; NotAction denies all it does not name", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow([GET], [`${SECRET}a-*`])]),
        awsIdentity("b", [allow([GET], ["*"]), deny([GET], [], { notResources: [`${SECRET}b-*`] })]),
        awsIdentity("c", [allow([GET], [`${SECRET}b-db`])]),
        awsIdentity("d", [
          allow([GET], ["*"]),
          statement({ effect: "Deny", notActions: ["s3:*"], resources: ["*"] }),
        ]),
      ]),
    ).toEqual(["b+c"]);
  });

  test("an Allow with NotResource reaches everything except its patterns", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow([GET], [`${SECRET}a-*`])]),
        awsIdentity("b", [statement({ actions: [GET], notResources: [`${SECRET}a-*`] })]),
        awsIdentity("c", [allow([GET], [`${SECRET}c-db`])]),
      ]),
    ).toEqual(["b+c"]);
  });

  test("a conditioned Deny may not apply, so it subtracts nothing", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow([GET], [`${SECRET}shared-*`])]),
        awsIdentity("b", [
          allow([GET], ["*"]),
          deny([GET], ["*"], {
            conditions: [{ operator: "Bool", key: "aws:SecureTransport", values: ["false"] }],
          }),
        ]),
      ]),
    ).toEqual(["a+b"]);
  });
});

describe("WI302 applies permissions boundaries (access_policies_boundaries)", () => {
  const boundary = awsPolicy(
    "aws_iam_policy.boundary",
    doc(allow(["secretsmanager:*"], [`${SECRET}b-*`]), allow(["s3:*"], ["*"])),
    {
      kind: "customer-managed",
      location: loc("aws_iam_policy.boundary"),
      arn: "arn:aws:iam::111122223333:policy/boundary",
    },
  );

  test("effective reach is identity policy ∩ boundary, whether the boundary is referenced or named by ARN", () => {
    expect(
      sharedPairs(
        [
          awsIdentity("a", [allow([GET], [`${SECRET}a-*`])]),
          awsIdentity("b", [allow([GET], ["*"])], { permissionsBoundary: "${aws_iam_policy.boundary.arn}" }),
          awsIdentity("c", [allow([GET], ["*"])], {
            permissionsBoundary: "arn:aws:iam::111122223333:policy/boundary",
          }),
          awsIdentity("d", [allow([GET], [`${SECRET}b-db`])]),
        ],
        [boundary],
      ),
    ).toEqual(["b+c", "b+c+d"]);
  });

  test("a boundary whose document is not in the input caps nothing", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow([GET], [`${SECRET}a-*`])]),
        awsIdentity("b", [allow([GET], ["*"])], {
          permissionsBoundary: "arn:aws:iam::111122223333:policy/elsewhere",
        }),
      ]),
    ).toEqual(["a+b"]);
  });
});

describe("WI302 separates grants pinned to disjoint resource tags", () => {
  const tag = (key: string, values: string[], operator = "StringEquals") => ({
    conditions: [{ operator, key, values }],
  });
  test("aws:ResourceTag and secretsmanager:ResourceTag name one tag, keys ignore case; IfExists also admits untagged resources", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow([GET], ["*"], tag("aws:ResourceTag/team", ["a"]))]),
        awsIdentity("b", [allow([GET], ["*"], tag("secretsmanager:ResourceTag/Team", ["b"]))]),
        awsIdentity("c", [allow([GET], ["*"], tag("aws:ResourceTag/team", ["a*"], "StringLike"))]),
        awsIdentity("d", [allow([GET], ["*"], tag("aws:ResourceTag/team", ["z"], "StringEqualsIfExists"))]),
        awsIdentity("e", [allow([GET], ["*"], tag("aws:ResourceTag/TEAM", ["a"], "StringEqualsIfExists"))]),
      ]),
    ).toEqual(["a+c", "a+e", "c+e", "d+e"]);
  });
});

describe("WI302 service-specific authorization", () => {
  test("kms:Decrypt on an alias ARN authorizes nothing; on the key ARN it does", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow(["kms:Decrypt"], [`${KMS}alias/shared`])]),
        awsIdentity("b", [allow(["kms:Decrypt"], [`${KMS}alias/shared`])]),
        awsIdentity("c", [allow(["kms:Decrypt"], [`${KMS}key/1234`])]),
        awsIdentity("d", [allow(["kms:Decrypt"], [`${KMS}key/*`])]),
      ]),
    ).toEqual(["c+d"]);
  });

  test("ssm:GetParametersByPath on a path reaches every parameter beneath it, not its siblings", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow(["ssm:GetParametersByPath"], [`${PARAMETER}/app`])]),
        awsIdentity("b", [allow(["ssm:GetParameter"], [`${PARAMETER}/app/db/password`])]),
        awsIdentity("c", [allow(["ssm:GetParameter"], [`${PARAMETER}/application`])]),
        awsIdentity("d", [allow(["ssm:GetParameter"], [`${PARAMETER}/app/db/*`])]),
      ]),
    ).toEqual(["a+b", "a+d", "b+d"]);
  });

  test("BatchGetSecretValue alone reaches no secret; it needs GetSecretValue on each", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow(["secretsmanager:BatchGetSecretValue"], ["*"])]),
        awsIdentity("b", [allow([GET], [`${SECRET}b-db`])]),
        awsIdentity("c", [allow(["secretsmanager:BatchGetSecretValue", GET], [`${SECRET}b-*`])]),
      ]),
    ).toEqual(["b+c"]);
  });

  test("permission to change access is reach: PutResourcePolicy, CreateGrant, PutKeyPolicy", () => {
    expect(
      sharedPairs([
        awsIdentity("a", [allow(["secretsmanager:PutResourcePolicy"], [`${SECRET}b-*`])]),
        awsIdentity("b", [allow([GET], [`${SECRET}b-db`])]),
        awsIdentity("c", [allow(["kms:CreateGrant"], [`${KMS}key/1234`])]),
        awsIdentity("d", [allow(["kms:PutKeyPolicy"], [`${KMS}key/*`])]),
        awsIdentity("e", [allow(["kms:Decrypt"], [`${KMS}key/1234`])]),
      ]),
    ).toEqual(["a+b", "c+d+e", "c+e"]);
  });
});
