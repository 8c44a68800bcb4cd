import { AwsGrant } from "../../lib/declaration/aws-grant";
import { VaultGrant } from "../../lib/declaration/vault-grant";

describe("AwsGrant.allow", () => {
  test("keeps valid actions, resources and conditions", () => {
    const grant = AwsGrant.allow(
      ["s3:GetObject", "s3:List*", "ec2:Describe?pc*"],
      ["arn:aws:s3:::bucket/${aws:username}/*", "*", "arn:aws-us-gov:iam::aws:policy/x"],
      { StringEquals: { "aws:SourceVpc": ["vpc-1"] }, "ForAnyValue:StringLike": { "aws:TagKeys": ["a*"] } },
    );
    expect(grant.problems).toEqual([]);
    expect(grant.toRecord()).toEqual({
      actions: ["s3:GetObject", "s3:List*", "ec2:Describe?pc*"],
      resources: ["arn:aws:s3:::bucket/${aws:username}/*", "*", "arn:aws-us-gov:iam::aws:policy/x"],
      conditions: {
        StringEquals: { "aws:SourceVpc": ["vpc-1"] },
        "ForAnyValue:StringLike": { "aws:TagKeys": ["a*"] },
      },
    });
  });

  test.each([
    ["bare *", ["*"], ["*"], ["actions[0]"]],
    ["wildcard service", ["s*:GetObject"], ["*"], ["actions[0]"]],
    ["missing colon", ["GetObject"], ["*"], ["actions[0]"]],
    ["uppercase service", ["S3:GetObject"], ["*"], ["actions[0]"]],
    ["no actions", [], ["*"], ["actions"]],
    ["not an ARN", ["s3:GetObject"], ["bucket/*"], ["resources[0]"]],
    ["ARN with missing parts", ["s3:GetObject"], ["arn:aws:s3"], ["resources[0]"]],
    ["ARN with newline", ["s3:GetObject"], ["arn:aws:s3:::b\n"], ["resources[0]"]],
    // A reference is resolved (or reported as unknown) by the synth-time review, not refused here.
    ["ARN as a cdktf token", ["s3:GetObject"], ["${TfToken[TOKEN.3]}/*"], []],
    ["action as a cdktf token", ["${TfToken[TOKEN.3]}"], ["*"], ["actions[0]"]],
    ["no resources", ["s3:GetObject"], [], ["resources"]],
    ["two bad items", ["x", "s3:GetObject"], ["y"], ["actions[0]", "resources[0]"]],
  ])("%s", (_name, actions, resources, expectedFields) => {
    expect(AwsGrant.allow(actions, resources).problems.map((p) => p.field)).toEqual(expectedFields);
  });

  test("conditions are checked", () => {
    const grant = AwsGrant.allow(["s3:GetObject"], ["*"], {
      "Bad Operator": { k: ["v"] },
      StringEquals: { "aws:x": "v" as unknown as string[], "": ["v"] },
    });
    expect(grant.problems.map((p) => p.field)).toEqual([
      'conditions["Bad Operator"]',
      'conditions["StringEquals"]["aws:x"]',
      'conditions["StringEquals"][""]',
    ]);
  });

  test("secret-reading actions are found, wildcards included", () => {
    expect(AwsGrant.allow(["s3:GetObject"], ["*"]).secretActions()).toEqual([]);
    expect(AwsGrant.allow(["SSM:getparameter", "kms:Decrypt"], ["*"]).problems.length).toBe(1);
    expect(AwsGrant.allow(["ssm:Get*"], ["*"]).secretActions()).toEqual([
      "ssm:GetParameter",
      "ssm:GetParameters",
      "ssm:GetParametersByPath",
      "ssm:GetParameterHistory",
    ]);
    expect(AwsGrant.allow(["secretsmanager:*", "kms:decrypt"], ["*"]).secretActions()).toEqual([
      "secretsmanager:GetSecretValue",
      "secretsmanager:BatchGetSecretValue",
      "secretsmanager:PutSecretValue",
      "secretsmanager:UpdateSecret",
      "kms:Decrypt",
    ]);
    // An IAM database login token is a credential; a data key without plaintext is not.
    expect(AwsGrant.allow(["rds-db:connect"], ["*"]).secretActions()).toEqual(["rds-db:connect"]);
    expect(AwsGrant.allow(["kms:GenerateDataKeyWithoutPlaintext"], ["*"]).secretActions()).toEqual([]);
  });
});

describe("VaultGrant", () => {
  test("read and of normalize capabilities to canonical order without duplicates", () => {
    expect(VaultGrant.read("secret/data/a").toRecord()).toEqual({
      path: "secret/data/a",
      capabilities: ["read"],
    });
    const grant = VaultGrant.of("secret/data/+/x*", ["list", "read", "list"]);
    expect(grant.problems).toEqual([]);
    expect(grant.capabilities).toEqual(["read", "list"]);
  });

  test.each([
    ["", "it is empty"],
    ["secret/../sys", "it contains a . or .. segment"],
    ["secret/a..b", "it contains .."],
    ["secret/a b", "it contains whitespace"],
    ['secret/a" { capabilities = ["sudo"] } path "x', "it contains whitespace"],
    ['secret/a"', "it contains a quote"],
    ["secret/a'", "it contains a quote"],
    ["secret/}", "it contains a brace"],
    ["secret/${var.x}", "it contains a brace"],
    ["secret/a\nb", "control character"],
    ["secret/a\u2028b", "control character"],
    ["secret/*/x", "* may only be the last character"],
    ["/secret/a", "leading slash"],
    ["secret//a", "empty segment"],
  ])("path %j is rejected (%s)", (path, reason) => {
    const grant = VaultGrant.read(path);
    expect(grant.problems).toHaveLength(1);
    expect(grant.problems[0].field).toBe("path");
    expect(grant.problems[0].problem).toContain(reason);
  });

  test("capabilities are checked", () => {
    expect(VaultGrant.of("a", ["read", "write", "root"]).problems.map((p) => p.field)).toEqual([
      "capabilities[1]",
      "capabilities[2]",
    ]);
    expect(VaultGrant.of("a", []).problems.map((p) => p.field)).toEqual(["capabilities"]);
  });
});
