import { WI108_SECRETS_WITHOUT_APPROVAL as rule } from "../../../lib/rules/accountability/wi108-secrets-without-approval";
import {
  awsPolicy,
  awsRole,
  doc,
  graph,
  statement,
  vaultPolicy,
  vaultRole,
} from "../../support/graph-builder";
import { flaggedResults, run } from "../harness";
import { declared, handWritten } from "./accountability-fixtures";

const allow = (...actions: string[]) => doc(statement({ actions, resources: ["*"] }));
const roleWith = (name: string, document: Parameters<typeof awsPolicy>[1]) => ({
  awsRoles: [
    awsRole(`aws_iam_role.${name}`, { policies: [awsPolicy(`aws_iam_role_policy.${name}`, document)] }),
  ],
});
const vaultWith = (name: string, capabilities: string[]) => {
  const policy = vaultPolicy(`vault_policy.${name}`, [{ path: "secret/data/payments/*", capabilities }]);
  return {
    vaultRoles: [
      vaultRole(`vault_jwt_auth_backend_role.${name}`, {
        tokenPolicies: [policy.name as string],
        policies: [policy],
      }),
    ],
  };
};
const SECRETS_OK = { secretsApprover: { name: "security", reference: "SEC-9" } };

describe("WI108 secrets reachable without a separate secrets approval", () => {
  it("Compliance: secrets approved; no secret actions; Vault deny; hand-written without any accountability", () => {
    const g = graph({
      identities: [
        declared("app/approved", SECRETS_OK, roleWith("approved", allow("secretsmanager:GetSecretValue"))),
        declared("app/s3", {}, roleWith("s3", allow("s3:GetObject"))),
        declared("app/deny", {}, vaultWith("deny", ["read", "deny"])),
        // `list` returns key names only (lib/model/secret-material).
        declared("app/list", {}, vaultWith("list", ["list"])),
        declared(
          "app/no-plaintext",
          {},
          roleWith("no-plaintext", allow("kms:GenerateDataKeyWithoutPlaintext")),
        ),
        handWritten("no-info", { source: "none" }, roleWith("no-info", allow("*"))),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: Secrets Manager, SSM wildcard, KMS via `*`, NotAction, Vault read", () => {
    const g = graph({
      identities: [
        declared("app/sm", {}, roleWith("sm", allow("secretsmanager:GetSecretValue"))),
        declared("app/ssm", {}, roleWith("ssm", allow("ssm:GetParam*"))),
        declared("app/star", {}, roleWith("star", allow("*"))),
        declared(
          "app/not-action",
          {},
          roleWith("not-action", doc(statement({ notActions: ["iam:*"], resources: ["*"] }))),
        ),
        declared("app/vault", {}, vaultWith("vault", ["read"])),
        declared("app/vault-write", {}, vaultWith("vault-write", ["update"])),
        declared("app/rds", {}, roleWith("rds", allow("rds-db:connect"))),
        declared("app/put", {}, roleWith("put", allow("ssm:PutParameter"))),
        handWritten(
          "tagged",
          { source: "tags", owner: { team: "x" } },
          roleWith("tagged", allow("kms:Decrypt")),
        ),
      ],
    });
    const results = run(rule, g);
    // An identity's location is its first principal: the role carrying the policy.
    expect(flaggedResults(results, rule)).toEqual([
      "aws_iam_role.app_vault error",
      "aws_iam_role.app_vault_write error",
      "aws_iam_role.not-action error",
      "aws_iam_role.put error",
      "aws_iam_role.rds error",
      "aws_iam_role.sm error",
      "aws_iam_role.ssm error",
      "aws_iam_role.star error",
      "aws_iam_role.tagged error",
    ]);
  });

  it("Noncompliance 2: an AWS-managed policy (content unknown) is reported for review", () => {
    const managed = awsPolicy(
      "arn:aws:iam::aws:policy/AdministratorAccess",
      { unknown: true, reason: "AWS-managed policy" },
      { kind: "aws-managed" },
    );
    const g = graph({
      identities: [
        declared("app/admin", {}, { awsRoles: [awsRole("aws_iam_role.admin", { policies: [managed] })] }),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual(["aws_iam_role.admin warning unknown"]);
    expect(results[0].unknown).toBe(true);
  });
});
