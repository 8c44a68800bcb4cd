/**
 * Tokens in condition values (issue 13): a value decided only at apply cannot be reviewed. In a
 * trust condition (subject, audience) the construct refuses it; in a synthesized or hand-written
 * trust policy the review reports it unknown, which blocks; in a grant's condition it is kept, and
 * the review never lets it narrow what the grant reaches. Never a wildcard, never a pass.
 */
import { TerraformVariable, Testing } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { AwsGrant } from "../../lib/declaration/aws-grant";
import { Subject } from "../../lib/declaration/subject";
import { WorkloadIdentityValidationError } from "../../lib/errors/validation-errors";
import { removeOutdirs, testApp, testStack } from "./construct-harness";
import { deployProps, githubIssuer } from "./identity-fixtures";

afterAll(removeOutdirs);

/** The rule ids and addresses of the findings that block the app's synth ([] when it synthesizes). */
function blocking(synth: () => void): string[] {
  try {
    synth();
    return [];
  } catch (error) {
    return [...String(error).matchAll(/(WI\d{3}) error +\S+ \(([^)]+)\)/g)]
      .map((m) => `${m[1]} ${m[2]}`)
      .sort();
  }
}

describe("tokens in trust conditions are refused by the construct", () => {
  test.each([
    ["Subject.exact", (token: string) => ({ subject: Subject.exact(token) }), "subject.value"],
    [
      "Subject.githubBranch",
      (token: string) => ({ subject: Subject.githubBranch("acme/api", token) }),
      "subject.branch",
    ],
    [
      "Subject.pattern",
      (token: string) => ({
        subject: Subject.pattern(`repo:acme/${token}:*`, "every branch of the repository"),
      }),
      "subject.value",
    ],
    ["audience", (token: string) => ({ audience: token }), "audience"],
  ])("%s with a Terraform variable", (_name, change, field) => {
    const stack = testStack();
    const token = new TerraformVariable(stack, "repo", { type: "string" }).stringValue;
    try {
      new WorkloadIdentity(stack, "deploy-api", deployProps(githubIssuer(stack), change(token)));
      throw new Error("expected the token to be refused");
    } catch (error) {
      expect(error).toBeInstanceOf(WorkloadIdentityValidationError);
      expect(
        (error as WorkloadIdentityValidationError).problems.map((p) => `${p.field}: ${p.problem}`),
      ).toEqual([
        `${field}: is a Terraform reference; this field is reviewed as written, so it must be literal`,
      ]);
    }
  });
});

describe("the review of synthesized trust reports a condition it cannot read as unknown, and blocks", () => {
  test("a hand-written role whose subject condition is a variable: WI214, not a wildcard finding and not a pass", () => {
    const app = testApp();
    const stack = testStack(app);
    const repo = new TerraformVariable(stack, "repo", { type: "string" });
    new WorkloadIdentity(stack, "deploy-api", deployProps(githubIssuer(stack)));
    new IamRole(stack, "hand-written", {
      name: "hand-written",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: {
              Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
            },
            Condition: {
              StringEquals: {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": `repo:acme/${repo.stringValue}:ref:refs/heads/main`,
              },
            },
          },
        ],
      }),
    });
    expect(blocking(() => app.synth())).toEqual(["WI214 aws_iam_role.hand-written"]);
  });
});

describe("a token in a grant's condition is kept, and never narrows what the grant reaches", () => {
  test("two identities reading one secret under tag conditions decided at apply still share it", () => {
    const app = testApp();
    const stack = testStack(app);
    // Two different variables: read as literal text they would be disjoint tag values and hide the sharing.
    const teams: Record<string, string> = {
      api: new TerraformVariable(stack, "api-team", { type: "string" }).stringValue,
      worker: new TerraformVariable(stack, "worker-team", { type: "string" }).stringValue,
    };
    const issuer = githubIssuer(stack, { aws: true });
    const secret = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shared-db-AbCdEf";
    for (const [id, env] of [
      ["api", "production"],
      ["worker", "staging"],
    ]) {
      new WorkloadIdentity(
        stack,
        id,
        deployProps(issuer, {
          subject: Subject.githubEnvironment(`acme/${id}`, env),
          scope: {
            description: `Read the database secret for ${id}`,
            aws: [
              AwsGrant.allow(["secretsmanager:GetSecretValue"], [secret], {
                StringEquals: { "aws:ResourceTag/team": [teams[id]] },
              }),
            ],
          },
        }),
      );
    }
    expect(Testing.synth(stack)).toContain("${var.api-team}");
    const found = blocking(() => app.synth());
    expect(found.map((f) => f.split(" ")[0])).toEqual(["WI302"]);
  });
});
