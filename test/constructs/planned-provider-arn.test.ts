import { TerraformOutput, Testing, type TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { OidcIssuer } from "../../lib/constructs/oidc-issuer";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { evaluate } from "../../lib/engine/evaluate";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { buildGraph } from "../../lib/extract/build-graph";
import { Subject } from "../../lib/declaration/subject";
import { isUnknown } from "../../lib/model/unknown";
import { removeOutdirs, testApp, testStack, TODAY } from "./construct-harness";
import { deployProps, githubIssuer, PLATFORM } from "./identity-fixtures";

afterAll(removeOutdirs);

const PARTITION = "${data.aws_partition.workload-identity-partition.partition}";
const ACCOUNT = "${data.aws_caller_identity.workload-identity-caller-identity.account_id}";

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

function synth(stack: TerraformStack): { resource: Blocks; data?: Blocks } {
  return JSON.parse(Testing.synth(stack)) as { resource: Blocks; data?: Blocks };
}

function federatedOf(role: Record<string, unknown>): string {
  return (
    JSON.parse(role.assume_role_policy as string) as { Statement: { Principal: { Federated: string } }[] }
  ).Statement[0].Principal.Federated;
}

describe("A created OIDC provider is named in trusts by an ARN known at plan time", () => {
  test("GIVEN two created providers and three identities in one stack THEN one pair of account data sources, each trust names its own provider and depends on it", () => {
    const stack = testStack();
    const github = githubIssuer(stack, { aws: true });
    const gitlab = OidcIssuer.gitlab(stack, "gitlab", {
      owner: PLATFORM,
      url: "https://gitlab.acme.example/ci",
      aws: {},
    });
    const noVault = { secretsApprover: undefined, scope: { ...deployProps(github).scope, vault: undefined } };
    new WorkloadIdentity(stack, "a", deployProps(github, noVault));
    new WorkloadIdentity(
      stack,
      "b",
      deployProps(github, { ...noVault, subject: Subject.githubBranch("acme/api", "main") }),
    );
    new WorkloadIdentity(
      stack,
      "c",
      deployProps(gitlab, { ...noVault, subject: Subject.gitlab("acme/api", "branch", "main") }),
    );
    const json = synth(stack);
    expect(json.data).toEqual({
      aws_caller_identity: { "workload-identity-caller-identity": {} },
      aws_partition: { "workload-identity-partition": {} },
    });
    const providers = Object.fromEntries(
      Object.entries(json.resource.aws_iam_openid_connect_provider).map(([name, body]) => [body.url, name]),
    );
    const roles = Object.values(json.resource.aws_iam_role).map((role) => [
      role.name,
      federatedOf(role),
      role.depends_on,
    ]);
    expect(roles).toEqual([
      [
        "stack-a",
        `arn:${PARTITION}:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
        [`aws_iam_openid_connect_provider.${providers["https://token.actions.githubusercontent.com"]}`],
      ],
      [
        "stack-b",
        `arn:${PARTITION}:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
        [`aws_iam_openid_connect_provider.${providers["https://token.actions.githubusercontent.com"]}`],
      ],
      [
        "stack-c",
        `arn:${PARTITION}:iam::${ACCOUNT}:oidc-provider/gitlab.acme.example/ci`,
        [`aws_iam_openid_connect_provider.${providers["https://gitlab.acme.example/ci"]}`],
      ],
    ]);
    // The public attribute is the same plan-time ARN; the resource is exposed for its own attributes.
    new TerraformOutput(stack, "provider-arn", { value: github.providerArn });
    new TerraformOutput(stack, "provider-resource-arn", {
      value: github.oidcProvider?.getStringAttribute("arn"),
    });
    const outputs = (JSON.parse(Testing.synth(stack)) as { output: Record<string, { value: string }> })
      .output;
    expect(outputs["provider-arn"].value).toBe(
      `arn:${PARTITION}:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
    );
    expect(outputs["provider-resource-arn"].value).toBe(
      `\${aws_iam_openid_connect_provider.${providers["https://token.actions.githubusercontent.com"]}.arn}`,
    );
  });

  test("GIVEN issuers in two stacks THEN each stack reads its own account", () => {
    const app = testApp();
    const first = testStack(app, "first");
    const second = testStack(app, "second");
    githubIssuer(first, { aws: true });
    githubIssuer(second, { aws: true });
    for (const stack of [first, second]) {
      expect(Object.keys(synth(stack).data ?? {}).sort()).toEqual(["aws_caller_identity", "aws_partition"]);
    }
  });

  test("GIVEN an issuer in a platform stack and an identity in another THEN the identity's stack names the provider from its own account and deploys after the platform", () => {
    const app = testApp();
    const platform = testStack(app, "platform");
    const service = testStack(app, "service");
    const github = githubIssuer(platform, { aws: true });
    const noVault = { secretsApprover: undefined, scope: { ...deployProps(github).scope, vault: undefined } };
    new WorkloadIdentity(service, "deploy", deployProps(github, noVault));

    const synthesized = synth(service);
    const role = Object.values(synthesized.resource.aws_iam_role)[0];
    expect(federatedOf(role)).toBe(
      `arn:${PARTITION}:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
    );
    expect(role.depends_on).toBeUndefined();
    expect(Object.keys(synthesized.data ?? {}).sort()).toEqual(["aws_caller_identity", "aws_partition"]);
    expect(service.dependencies).toEqual([platform]);
  });

  test("GIVEN an existing provider ARN THEN the trust names it literally, with no data sources and no dependency", () => {
    const stack = testStack();
    const arn = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
    const issuer = OidcIssuer.githubActions(stack, "github", { owner: PLATFORM, aws: { providerArn: arn } });
    new WorkloadIdentity(
      stack,
      "a",
      deployProps(issuer, {
        secretsApprover: undefined,
        scope: { ...deployProps(issuer).scope, vault: undefined },
      }),
    );
    const json = synth(stack);
    expect(json.data).toBeUndefined();
    const [role] = Object.values(json.resource.aws_iam_role);
    expect(federatedOf(role)).toBe(arn);
    expect(role.depends_on).toBeUndefined();
    expect(issuer.providerArn).toBe(arn);
    expect(issuer.oidcProvider).toBeUndefined();
  });

  test("GIVEN another construct holding the reserved id THEN creating a provider fails with a clear message", () => {
    const stack = testStack();
    new Construct(stack, "workload-identity-partition");
    expect(() => githubIssuer(stack, { aws: true })).toThrow(
      "stack/workload-identity-partition is reserved for the workload identity account lookup, but another construct uses that id",
    );
  });

  test("GIVEN the synthesized stack WHEN reviewed THEN the trust resolves to the provider's host and no trust rule fires", () => {
    const stack = testStack();
    new WorkloadIdentity(stack, "deploy-api", deployProps(githubIssuer(stack)));
    const graph = buildGraph([
      { file: "cdk.tf.json", stack: "stack", format: "terraform-json", json: stack.toTerraform() },
    ]);
    const [identity] = graph.identities;
    const trust = identity.awsRoles[0].trust;
    expect(
      isUnknown(trust) ? [] : trust.statements.flatMap((s) => s.principals.flatMap((p) => p.values)),
    ).toEqual(["arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com"]);
    const findings = evaluate(graph, resolvePolicy({ today: TODAY })).findings;
    expect(findings.map((f) => `${f.ruleId} ${f.location.address}`)).toEqual([]);
  });
});
