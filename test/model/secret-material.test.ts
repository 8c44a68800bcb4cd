import { AwsGrant } from "../../lib/declaration/aws-grant";
import { VaultGrant } from "../../lib/declaration/vault-grant";
import {
  AWS_SECRET_KINDS,
  KEY_MATERIAL_ACTIONS,
  SECRET_KINDS_IN_ORDER,
  SECRET_MATERIAL_ACTIONS,
  marksSecretMaterial,
  reachesVaultSecretMaterial,
} from "../../lib/model/secret-material";
import { WI108_SECRETS_WITHOUT_APPROVAL } from "../../lib/rules/accountability/wi108-secrets-without-approval";
import { awsPolicy, awsRole, doc, graph, statement, vaultPolicy, vaultRole } from "../support/graph-builder";
import { declared } from "../rules/accountability/accountability-fixtures";
import { run } from "../rules/harness";

/** Whether WI108 flags an identity holding only this AWS action, or only this Vault rule. */
function wi108FlagsAws(action: string): boolean {
  const policy = awsPolicy("aws_iam_role_policy.p", doc(statement({ actions: [action], resources: ["*"] })));
  const g = graph({
    identities: [declared("app/x", {}, { awsRoles: [awsRole("aws_iam_role.x", { policies: [policy] })] })],
  });
  return run(WI108_SECRETS_WITHOUT_APPROVAL, g).length > 0;
}
function wi108FlagsVault(capabilities: string[]): boolean {
  const policy = vaultPolicy("vault_policy.p", [{ path: "secret/data/x", capabilities }]);
  const role = vaultRole("vault_jwt_auth_backend_role.x", {
    tokenPolicies: [policy.name as string],
    policies: [policy],
  });
  const g = graph({ identities: [declared("app/x", {}, { vaultRoles: [role] })] });
  return run(WI108_SECRETS_WITHOUT_APPROVAL, g).length > 0;
}

describe("secret material: one table, the declaring and the checking side agree", () => {
  const awsActions = [
    ...SECRET_MATERIAL_ACTIONS,
    "s3:GetObject",
    "kms:Encrypt",
    "kms:GenerateDataKeyWithoutPlaintext",
    "secretsmanager:DescribeSecret",
    "ssm:DescribeParameters",
  ];
  test.each(awsActions)(
    "AWS action %s: the construct requires a secrets approval exactly when WI108 flags it",
    (action) => {
      const declaring = AwsGrant.allow([action], ["*"]).secretActions().length > 0;
      expect(declaring).toBe(SECRET_MATERIAL_ACTIONS.includes(action));
      expect(wi108FlagsAws(action)).toBe(declaring);
    },
  );

  const capabilitySets = [
    ["read"],
    ["list"],
    ["create"],
    ["update"],
    ["patch"],
    ["delete"],
    ["sudo"],
    ["read", "deny"],
    ["deny"],
    ["list", "sudo"],
  ];
  test.each(capabilitySets)("Vault capabilities %j: the same predicate on both sides", (...capabilities) => {
    const expected =
      !capabilities.includes("deny") && !(capabilities.length === 1 && capabilities[0] === "list");
    expect(reachesVaultSecretMaterial(capabilities)).toBe(expected);
    expect(wi108FlagsVault(capabilities)).toBe(expected);
    const grant = VaultGrant.of("secret/data/x", capabilities);
    expect(reachesVaultSecretMaterial(grant.capabilities)).toBe(expected);
  });

  test("every per-resource action of WI302 on an always-secret kind is also a secret-material action; key-material actions are not per-resource", () => {
    const always = SECRET_KINDS_IN_ORDER.filter((kind) => !AWS_SECRET_KINDS[kind].onlyWhenMarked);
    const perResource = always.flatMap((kind) => [
      ...AWS_SECRET_KINDS[kind].reads,
      ...AWS_SECRET_KINDS[kind].writes,
    ]);
    expect(perResource.every((a) => SECRET_MATERIAL_ACTIONS.includes(a))).toBe(true);
    expect(KEY_MATERIAL_ACTIONS.some((a) => perResource.includes(a))).toBe(false);
    expect(new Set(SECRET_MATERIAL_ACTIONS).size).toBe(perResource.length + KEY_MATERIAL_ACTIONS.length);
  });

  test("S3 objects are secret-bearing only in marked buckets: their actions need no secrets approval by themselves", () => {
    expect(AWS_SECRET_KINDS["s3-object"].onlyWhenMarked).toBe(true);
    expect(SECRET_MATERIAL_ACTIONS.filter((action) => action.startsWith("s3:"))).toEqual([]);
    expect(marksSecretMaterial({ "workload-identity:secret-material": " TRUE " })).toBe(true);
    expect(marksSecretMaterial({ "workload-identity:secret-material": "false" })).toBe(false);
    expect(marksSecretMaterial({ "Workload-Identity:Secret-Material": "true" })).toBe(false);
  });
});
