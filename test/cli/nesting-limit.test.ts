import { runCli } from "./support/run-cli";
import { allowPolicy, githubTrust, tempInputs } from "./support/temp-inputs";

const inputs = tempInputs();
const DEEP = 3000;
const deepArray = `${"[".repeat(DEEP)}"x"${"]".repeat(DEEP)}`;

/** Exit 2, one stderr line naming the file and where the nesting goes too deep. */
function expectNestingError(run: ReturnType<typeof runCli>, file: string, pathStart: string) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(lines[0]).toContain(`nests deeper than 100 levels at ${pathStart}`);
  expect(lines[0]).not.toContain("internal error");
  expect(lines[0].length).toBeLessThan(400);
}

function ruleIdsOf(run: ReturnType<typeof runCli>): string[] {
  expect(run.stderr).toBe("");
  return (JSON.parse(run.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId).sort();
}

describe("nesting beyond the documented limit", () => {
  test("a Terraform JSON attribute 3,000 levels deep is an input error naming the file and JSON path", () => {
    const text = JSON.stringify({
      resource: {
        aws_iam_role: {
          r: {
            name: "r",
            assume_role_policy: githubTrust("repo:o/a:ref:refs/heads/main"),
            tags: { a: "DEEP" },
          },
        },
      },
    }).replace('"DEEP"', deepArray);
    const file = inputs.write("deep.tf.json", text);
    expectNestingError(runCli(["check", file]), file, "$.resource.aws_iam_role.r.tags.a[0][0]");
  });

  test("plan configuration expressions 3,000 levels deep are an input error naming the file", () => {
    const expression = `${'{"x":'.repeat(DEEP)}{"constant_value":1}${"}".repeat(DEEP)}`;
    const plan = JSON.stringify({
      format_version: "1.2",
      planned_values: { root_module: { resources: [] } },
      configuration: {
        root_module: { resources: [{ address: "aws_iam_role.x", expressions: { tags: "DEEP" } }] },
      },
    }).replace('"DEEP"', expression);
    const file = inputs.write("plan.json", plan);
    expectNestingError(
      runCli(["check", file]),
      file,
      "$.configuration.root_module.resources[0].expressions.tags.x.x",
    );
  });

  test("an IAM policy nested 3,000 levels deep inside its string is unknown and the review continues", () => {
    const policy = allowPolicy("s3:GetObject", "*").replace('"s3:GetObject"', deepArray);
    const file = inputs.write("policy.tf.json", {
      resource: {
        aws_iam_role: { r: { name: "r", assume_role_policy: githubTrust("repo:o/a:ref:refs/heads/main") } },
        aws_iam_role_policy: { p: { role: "${aws_iam_role.r.name}", policy } },
      },
    });
    const run = runCli(["check", file, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(ruleIdsOf(run)).toContain("WI509");
    expect(run.stdout).toContain("nests deeper than 100 levels");
  });

  test.each([
    ["HCL", `path "secret/a" { capabilities = ["read"] x = ${"[".repeat(DEEP)}${"]".repeat(DEEP)} }`],
    ["JSON", `{"path": {"secret/a": {"capabilities": ${deepArray}}}}`],
  ])("a Vault policy in %s nested 3,000 levels deep is unknown and the review continues", (_form, policy) => {
    const file = inputs.write("vault.tf.json", {
      resource: { vault_policy: { deep: { name: "deep", policy } } },
    });
    const run = runCli(["check", file, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(ruleIdsOf(run)).toEqual(["WI509"]);
    expect(run.stdout).toContain("deeper than 100 levels");
  });
});
