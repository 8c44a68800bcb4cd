import { App } from "cdktf";
import { OidcIssuer } from "../../lib/constructs/oidc-issuer";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import { Subject } from "../../lib/declaration/subject";
import { WorkloadIdentityEnforcement } from "../../lib/enforcement/enforcement";
import { githubIssuer, deployProps, PLATFORM } from "./identity-fixtures";
import { removeOutdirs, testApp, testStack } from "./construct-harness";

afterAll(removeOutdirs);

/** Synthesizes the app (enforcement on) and returns the rule ids of every finding. */
function synthFindingRules(app: App): string[] {
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    app.synth();
  } finally {
    stderr.mockRestore();
  }
  const evaluation = WorkloadIdentityEnforcement.lastEvaluation(app);
  expect(evaluation).toBeDefined();
  return evaluation!.findings.map((f) => f.ruleId);
}

describe("subjects the construct accepts synthesize without WI203 (one subject grammar)", () => {
  test("a GitHub environment name with a space", () => {
    const app = testApp();
    const stack = testStack(app);
    const subject = Subject.githubEnvironment("acme/site", "Production EU");
    expect(subject.problems).toEqual([]);
    new WorkloadIdentity(stack, "deploy-site", { ...deployProps(githubIssuer(stack)), subject });
    expect(synthFindingRules(app)).not.toContain("WI203");
  });

  test("HCP Terraform's default project name", () => {
    const app = testApp();
    const stack = testStack(app);
    const tfc = OidcIssuer.terraformCloud(stack, "tfc", {
      owner: PLATFORM,
      aws: {},
      vault: { mountPath: "jwt-tfc" },
    });
    const subject = Subject.terraformCloud("acme", "Default Project", "network-prod", "apply");
    expect(subject.problems).toEqual([]);
    new WorkloadIdentity(stack, "network", { ...deployProps(tfc), subject });
    expect(synthFindingRules(app)).not.toContain("WI203");
  });
});
