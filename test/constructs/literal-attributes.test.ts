import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Aspects, TerraformStack, TerraformVariable, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { AwsGrant } from "../../lib/declaration/aws-grant";
import { Subject } from "../../lib/declaration/subject";
import { RECORD_KEY } from "../../lib/model/record";
import { removeOutdirs, testApp, testStack } from "./construct-harness";
import { deployProps, githubIssuer } from "./identity-fixtures";

afterAll(removeOutdirs);

type Json = Record<string, unknown>;
type Resources = Record<string, Record<string, Json>>;

/** The stack's JSON as the enforcement writes it, without the identity records. */
function ownJson(stack: TerraformStack): Json {
  const json = JSON.parse(JSON.stringify(stack.toTerraform())) as { resource: Resources };
  for (const bodies of Object.values(json.resource))
    for (const body of Object.values(bodies)) delete (body["//"] as Json | undefined)?.[RECORD_KEY];
  return json;
}

/** The stack's JSON as cdktf's own `toTerraform` resolves it (every attribute through cdktf's resolver). */
function cdktfJson(stack: TerraformStack): Json {
  return JSON.parse(JSON.stringify(TerraformStack.prototype.toTerraform.call(stack))) as Json;
}

function roleOf(identity: WorkloadIdentity): IamRole {
  return identity.node.findChild("role") as IamRole;
}

/** Two identities: literal attributes, references in a grant, a description cdktf's number-token pattern matches. */
function twoIdentities(stack: TerraformStack): [WorkloadIdentity, WorkloadIdentity] {
  const github = githubIssuer(stack);
  const bucket = new S3Bucket(stack, "artifacts", { bucket: "acme-artifacts" });
  const plain = new WorkloadIdentity(stack, "deploy-api", deployProps(github));
  const referencing = new WorkloadIdentity(
    stack,
    "deploy-web",
    deployProps(github, {
      subject: Subject.githubEnvironment("acme/web", "production"),
      scope: {
        description: "Deploys 2e5 assets, 1.5e-3 of them large, 1e+4 in all",
        aws: [AwsGrant.allow(["s3:PutObject"], [`${bucket.arn}/web/*`])],
      },
    }),
  );
  return [plain, referencing];
}

describe("literal attributes skip cdktf's resolution and are written unchanged", () => {
  test("GIVEN identities with literal values, references and number-like text WHEN the stack is resolved THEN its JSON is cdktf's own, record aside", () => {
    const stack = testStack();
    twoIdentities(stack);
    const json = ownJson(stack);
    expect(json).toEqual(cdktfJson(stack));
    const policies = Object.values((json.resource as Resources).aws_iam_role_policy).map((b) => b.policy);
    expect(policies.filter((p) => String(p).includes("${aws_s3_bucket.artifacts.arn}/web/*"))).toHaveLength(
      1,
    );
  });

  test("GIVEN a number reference written into a grant's text WHEN the stack is resolved THEN cdktf resolves it", () => {
    const stack = testStack();
    const run = new TerraformVariable(stack, "run", { type: "number" });
    const identity = new WorkloadIdentity(
      stack,
      "deploy-run",
      deployProps(githubIssuer(stack), {
        scope: {
          description: "Deploy one run",
          aws: [AwsGrant.allow(["s3:PutObject"], [`arn:aws:s3:::acme-artifacts/runs/${run.numberValue}/*`])],
        },
      }),
    );
    const json = ownJson(stack);
    expect(json).toEqual(cdktfJson(stack));
    const policy = (json.resource as Resources).aws_iam_role_policy[
      (identity.node.findChild("role-policy") as IConstruct & { friendlyUniqueId: string }).friendlyUniqueId
    ].policy;
    expect(policy).toContain("arn:aws:s3:::acme-artifacts/runs/${var.run}/*");
  });

  test("GIVEN overrides of a role WHEN the stack is resolved THEN they apply as in cdktf", () => {
    const stack = testStack();
    const [plain] = twoIdentities(stack);
    roleOf(plain).addOverride("tags.extra", "x");
    roleOf(plain).addOverride("max_session_duration", 7200);
    const json = ownJson(stack);
    expect(json).toEqual(cdktfJson(stack));
    const role = (json.resource as Resources).aws_iam_role[roleOf(plain).friendlyUniqueId];
    expect(role.max_session_duration).toBe(7200);
    expect(role.tags).toMatchObject({ extra: "x", "workload-identity:owner-team": "payments" });
  });

  test("GIVEN an override of the stack naming a role's tags WHEN the stack is resolved THEN it applies as in cdktf", () => {
    const stack = testStack();
    const [plain] = twoIdentities(stack);
    stack.addOverride(`resource.aws_iam_role.${roleOf(plain).friendlyUniqueId}.tags`, { only: "this" });
    const json = ownJson(stack);
    expect(json).toEqual(cdktfJson(stack));
    expect((json.resource as Resources).aws_iam_role[roleOf(plain).friendlyUniqueId].tags).toMatchObject({
      only: "this",
      "workload-identity:owner-team": "payments",
    });
  });

  test("GIVEN an aspect that changes a role's tags and name WHEN synthesized THEN the written role has the changed values", () => {
    const app = testApp();
    const stack = testStack(app);
    const [plain] = twoIdentities(stack);
    const retag: IAspect = {
      visit(node: IConstruct) {
        if (node instanceof IamRole) {
          node.tags = { ...node.tagsInput, env: "prod" };
          node.name = `${node.nameInput}-v2`;
        }
      },
    };
    Aspects.of(stack).add(retag);
    app.synth();
    const written = JSON.parse(
      readFileSync(join(app.outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"),
    ) as { resource: Resources };
    const role = written.resource.aws_iam_role[roleOf(plain).friendlyUniqueId];
    expect(role.name).toBe("stack-deploy-api-v2");
    expect(role.tags).toMatchObject({ env: "prod", "workload-identity:owner-team": "payments" });
  });

  test("GIVEN a role WHEN its own toTerraform is called outside a synthesis THEN every attribute is there", () => {
    const stack = testStack();
    const [plain] = twoIdentities(stack);
    const fragment = roleOf(plain).toTerraform() as { resource: Resources };
    const body = fragment.resource.aws_iam_role[roleOf(plain).friendlyUniqueId];
    const set = Object.keys(body).filter((key) => body[key] !== undefined);
    expect(set.sort()).toEqual(
      ["//", "assume_role_policy", "depends_on", "max_session_duration", "name", "tags"].sort(),
    );
  });
});
