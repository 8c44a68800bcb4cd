import { recordScopeIssues } from "../../lib/extract/record-scope";
import type { AwsPolicy, AwsRole, Identity, VaultPolicy, VaultRole } from "../../lib/model/graph";
import type { PolicyStatement } from "../../lib/model/iam-policy";
import type { IdentityRecord } from "../../lib/model/record";
import { unknown } from "../../lib/model/unknown";

const location = { file: "f.tf.json", address: "aws_iam_role.r" };

function record(
  aws: IdentityRecord["scope"]["aws"],
  vault: IdentityRecord["scope"]["vault"] = [],
): IdentityRecord {
  return { id: "stack/app", scope: { aws, vault } } as unknown as IdentityRecord;
}

function allow(actions: string[], resources: string[], more: Partial<PolicyStatement> = {}): PolicyStatement {
  return {
    effect: "Allow",
    actions,
    notActions: [],
    resources,
    notResources: [],
    principals: [],
    notPrincipals: [],
    conditions: [],
    ...more,
  };
}

function inline(...statements: PolicyStatement[]): AwsPolicy {
  return {
    location: { file: "f.tf.json", address: "aws_iam_role_policy.p" },
    kind: "inline",
    name: "p",
    document: { statements },
    attachedTo: [],
    documentSources: [],
  };
}

function awsIssues(rec: IdentityRecord, policies: AwsPolicy[], resolve = (text: string) => text): string[] {
  const role = { location, policies } as unknown as AwsRole;
  const identity = { record: rec, awsRoles: [role], vaultRoles: [] } as unknown as Identity;
  return recordScopeIssues([identity], resolve).map((issue) => issue.detail ?? "");
}

function vaultPolicy(name: string, rules: VaultPolicy["rules"]): VaultPolicy {
  return { location: { file: "f.tf.json", address: `vault_policy.${name}` }, name, rules, attachedTo: [] };
}

function vaultIssues(rec: IdentityRecord, tokenPolicies: string[], policies: VaultPolicy[]): string[] {
  const role = { location, tokenPolicies, policies } as unknown as VaultRole;
  const identity = { record: rec, awsRoles: [], vaultRoles: [role] } as unknown as Identity;
  return recordScopeIssues([identity]).map((issue) => issue.detail ?? "");
}

describe("record scope compared with the attached AWS policies", () => {
  const declared = record([
    { actions: ["s3:GetObject", "s3:PutObject"], resources: ["${bucket}/a/*", "${bucket}/b/*"] },
    { actions: ["kms:Decrypt"], resources: ["arn:aws:kms:*:*:key/k"] },
  ]);
  const resolve = (text: string) => text.replace("${bucket}", "arn:aws:s3:::b");

  test("GIVEN the grants one for one, resolved WHEN compared THEN no issue", () => {
    const policy = inline(
      allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::b/a/*", "arn:aws:s3:::b/b/*"]),
      allow(["kms:Decrypt"], ["arn:aws:kms:*:*:key/k"]),
    );
    expect(awsIssues(declared, [policy], resolve)).toEqual([]);
  });

  test("GIVEN the same pairs in other statements, order and case WHEN compared THEN no issue", () => {
    const policies = [
      inline(allow(["kms:decrypt"], ["arn:aws:kms:*:*:key/k"])),
      inline(
        allow(["S3:PutObject"], ["arn:aws:s3:::b/b/*", "arn:aws:s3:::b/a/*"]),
        { ...allow(["iam:*"], ["*"]), effect: "Deny" },
        allow(["s3:GetObject"], ["arn:aws:s3:::b/a/*", "arn:aws:s3:::b/b/*"]),
      ),
    ];
    expect(awsIssues(declared, policies, resolve)).toEqual([]);
  });

  test("GIVEN a grant left out WHEN compared THEN the first missing pair is named", () => {
    const policy = inline(
      allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::b/a/*", "arn:aws:s3:::b/b/*"]),
    );
    expect(awsIssues(declared, [policy], resolve)).toEqual([
      "the record declares kms:decrypt on arn:aws:kms:*:*:key/k, which no attached policy grants",
    ]);
  });

  test("GIVEN one more resource WHEN compared THEN the extra pair is named", () => {
    const policy = inline(
      allow(
        ["s3:GetObject", "s3:PutObject"],
        ["arn:aws:s3:::b/a/*", "arn:aws:s3:::b/b/*", "arn:aws:s3:::b/c/*"],
      ),
      allow(["kms:Decrypt"], ["arn:aws:kms:*:*:key/k"]),
    );
    expect(awsIssues(declared, [policy], resolve)).toEqual([
      "attached policies grant s3:getobject on arn:aws:s3:::b/c/*, which the record does not declare",
    ]);
  });

  test("GIVEN NotResource in an Allow WHEN compared THEN it is reported even when the rest matches", () => {
    const policy = inline(
      allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::b/a/*", "arn:aws:s3:::b/b/*"]),
      allow(["kms:Decrypt"], ["arn:aws:kms:*:*:key/k"], { notResources: ["x"] }),
    );
    expect(awsIssues(declared, [policy], resolve)).toEqual([
      "aws_iam_role_policy.p grants with NotAction/NotResource, which the record never declares",
    ]);
  });

  test("GIVEN an unknown inline policy next to a partial one WHEN compared THEN what is missing is not claimed", () => {
    const partial = inline(allow(["kms:Decrypt"], ["arn:aws:kms:*:*:key/k"]));
    const unknownPolicy = { ...inline(), document: unknown("computed") };
    expect(awsIssues(declared, [partial, unknownPolicy], resolve)).toEqual([]);
  });
});

describe("record scope compared with the attached Vault policies", () => {
  const declared = record(
    [],
    [
      { path: "secret/data/a", capabilities: ["read", "list"] },
      { path: "secret/data/b", capabilities: ["read"] },
    ],
  );

  test("GIVEN the rules one for one WHEN compared THEN no issue", () => {
    const policy = vaultPolicy("p", [
      { path: "secret/data/a", capabilities: ["read", "list"] },
      { path: "secret/data/b", capabilities: ["read"] },
    ]);
    expect(vaultIssues(declared, ["p"], [policy])).toEqual([]);
  });

  test("GIVEN the same pairs in another order WHEN compared THEN no issue", () => {
    const policy = vaultPolicy("p", [
      { path: "secret/data/b", capabilities: ["read"] },
      { path: "secret/data/a", capabilities: ["list", "read"] },
    ]);
    expect(vaultIssues(declared, ["p"], [policy])).toEqual([]);
  });

  test("GIVEN a capability more WHEN compared THEN the extra pair is named", () => {
    const policy = vaultPolicy("p", [
      { path: "secret/data/a", capabilities: ["read", "list", "update"] },
      { path: "secret/data/b", capabilities: ["read"] },
    ]);
    expect(vaultIssues(declared, ["p"], [policy])).toEqual([
      "attached policies grant update on secret/data/a, which the record does not declare",
    ]);
  });

  test("GIVEN a rule less WHEN compared THEN the missing pair is named", () => {
    const policy = vaultPolicy("p", [{ path: "secret/data/a", capabilities: ["read", "list"] }]);
    expect(vaultIssues(declared, ["p"], [policy])).toEqual([
      "the record declares read on secret/data/b, which no attached policy grants",
    ]);
  });

  test("GIVEN token_policies naming a policy not attached WHEN compared THEN that name is reported first", () => {
    const policy = vaultPolicy("p", [{ path: "secret/data/a", capabilities: ["read", "list"] }]);
    expect(vaultIssues(declared, ["default", " P ", "Other"], [policy])).toEqual([
      "token_policies names the policy other, which is not the declared one",
    ]);
  });
});
