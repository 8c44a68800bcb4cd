import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import type { App, TerraformStack } from "cdktf";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { AwsGrant } from "../../lib/declaration/aws-grant";
import { Subject } from "../../lib/declaration/subject";
import { WorkloadIdentityEnforcement } from "../../lib/enforcement/enforcement";
import { removeOutdirs, terraformJson, testApp, testStack } from "./construct-harness";
import { deployProps, githubIssuer } from "./identity-fixtures";

afterAll(removeOutdirs);

/** An identity of repository acme/NAME with only the given AWS grants. */
function identity(stack: TerraformStack, name: string, grants: AwsGrant[]): WorkloadIdentity {
  const github =
    (stack.node.tryFindChild("github") as ReturnType<typeof githubIssuer>) ??
    githubIssuer(stack, { aws: true });
  return new WorkloadIdentity(
    stack,
    name,
    deployProps(github, {
      subject: Subject.githubEnvironment(`acme/${name}`, "production"),
      scope: { description: `Deploy ${name}`, aws: grants },
    }),
  );
}

function findingLines(app: App): string[] {
  return WorkloadIdentityEnforcement.lastEvaluation(app)!
    .findings.map((f) => `${f.ruleId} ${f.severity} ${[...f.identityIds].sort().join(" ")}`)
    .sort();
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected synth to fail");
}

describe("references in grants", () => {
  test("GIVEN grants on a bucket ARN, a caller-identity DynamoDB ARN and another identity's role WHEN synth THEN it synthesizes, the policy naming the referenced attributes", () => {
    const app = testApp();
    const stack = testStack(app);
    const bucket = new S3Bucket(stack, "artifacts", { bucket: "acme-artifacts" });
    const caller = new DataAwsCallerIdentity(stack, "caller");
    const partition = new DataAwsPartition(stack, "partition");
    const target = identity(stack, "target", [AwsGrant.allow(["s3:GetObject"], [`${bucket.arn}/target/*`])]);
    const table = `arn:${partition.partition}:dynamodb:eu-west-1:${caller.accountId}:table/orders`;
    identity(stack, "deploy", [
      AwsGrant.allow(["s3:PutObject"], [`${bucket.arn}/deploy/*`]),
      AwsGrant.allow(["dynamodb:PutItem"], [table]),
      AwsGrant.allow(["sts:AssumeRole"], [target.roleArn!]),
    ]);

    app.synth();

    // Only the latent chain to a role nobody else may assume yet is reported (a warning).
    expect(findingLines(app)).toEqual(["WI305 warning stack/deploy stack/target"]);
    const policies = terraformJson(stack).resource.aws_iam_role_policy;
    const policy = Object.entries(policies).find(([name]) => name.startsWith("deploy"))![1].policy as string;
    expect(JSON.parse(policy).Statement.map((s: { Resource: string[] }) => s.Resource)).toEqual([
      ["${aws_s3_bucket.artifacts.arn}/deploy/*"],
      [
        "arn:${data.aws_partition.partition.partition}:dynamodb:eu-west-1:${data.aws_caller_identity.caller.account_id}:table/orders",
      ],
      [
        `\${aws_iam_role.${Object.keys(terraformJson(stack).resource.aws_iam_role).find((n) => n.startsWith("target"))}.arn}`,
      ],
    ]);
  });

  test("GIVEN two identities granted one secret through secret.arn WHEN synth THEN WI302 blocks naming both", () => {
    const app = testApp();
    const stack = testStack(app);
    const secret = new SecretsmanagerSecret(stack, "db", { name: "payments/db" });
    for (const name of ["orders", "payments"])
      identity(stack, name, [AwsGrant.allow(["secretsmanager:GetSecretValue"], [secret.arn])]);

    const message = synthError(app);

    expect(findingLines(app)).toEqual(["WI302 error stack/orders stack/payments"]);
    expect(message).toContain(
      'Identities "stack/orders" (stack "stack") and "stack/payments" (stack "stack")',
    );
    expect(message).toContain("arn:aws:secretsmanager:eu-west-1:<account>:secret:payments/db-??????");
  });

  test("GIVEN a secret of another stack granted by reference and literally WHEN synth THEN the cross-stack reference resolves and WI302 blocks", () => {
    const app = testApp();
    const platform = testStack(app, "platform");
    const secret = new SecretsmanagerSecret(platform, "db", { name: "payments/db" });
    identity(testStack(app, "orders"), "orders", [
      AwsGrant.allow(["secretsmanager:GetSecretValue"], [secret.arn]),
    ]);
    identity(testStack(app, "payments"), "payments", [
      AwsGrant.allow(
        ["secretsmanager:GetSecretValue"],
        ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:payments/db-AbCdEf"],
      ),
    ]);

    synthError(app);

    expect(findingLines(app)).toEqual(["WI302 error orders/orders payments/payments"]);
  });

  test("GIVEN secrets with names that only share a prefix WHEN granted by reference THEN nothing is shared", () => {
    const app = testApp();
    const stack = testStack(app);
    const db = new SecretsmanagerSecret(stack, "db", { name: "payments/db" });
    const dbAdmin = new SecretsmanagerSecret(stack, "db-admin", { name: "payments/db-admin" });
    identity(stack, "orders", [AwsGrant.allow(["secretsmanager:GetSecretValue"], [db.arn])]);
    identity(stack, "payments", [AwsGrant.allow(["secretsmanager:GetSecretValue"], [dbAdmin.arn])]);

    app.synth();

    expect(findingLines(app)).toEqual([]);
  });

  test("GIVEN a reference where only literal text is reviewed WHEN the identity is declared THEN the message names the resource attribute, not the token", () => {
    const app = testApp();
    const stack = testStack(app);
    const bucket = new S3Bucket(stack, "artifacts", { bucket: "acme-artifacts" });
    const github = githubIssuer(stack, { aws: true });
    let message = "";
    try {
      new WorkloadIdentity(
        stack,
        "deploy",
        deployProps(github, { owner: { team: bucket.bucket, contact: "x@example.com" } }),
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('"${aws_s3_bucket.artifacts.bucket}"');
    expect(message).not.toContain("TfToken");
  });
});
