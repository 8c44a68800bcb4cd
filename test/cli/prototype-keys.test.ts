import { runCli } from "./support/run-cli";
import { allowPolicy, githubTrust, tempInputs } from "./support/temp-inputs";

const PROTOTYPE_KEYS = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"];
const inputs = tempInputs();

interface JsonFinding {
  ruleId: string;
  location: { address: string };
}

/** Rule ids and addresses of a JSON check report, with `name` replaced by NAME. */
function findingsOf(file: string, name: string): { code: number; findings: string[] } {
  const run = runCli(["check", file, "--format", "json"]);
  expect(run.stderr).toBe("");
  const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
  const findings = report.findings
    .map((f) => `${f.ruleId} ${f.location.address.split(name).join("NAME")}`)
    .sort();
  return { code: run.code, findings };
}

/** One role (named `name`, also its Terraform name) with a wildcard inline policy. */
function roleStack(name: string): unknown {
  // Built as text: a JSON object literal cannot hold an own "__proto__" key.
  return JSON.parse(`{
    "resource": {
      "aws_iam_role": { ${JSON.stringify(name)}: { "name": ${JSON.stringify(name)}, "assume_role_policy": ${JSON.stringify(githubTrust("repo:org/app:ref:refs/heads/main"))} } },
      "aws_iam_role_policy": { "p": { "role": ${JSON.stringify(`\${aws_iam_role.${name}.name}`)}, "policy": ${JSON.stringify(allowPolicy("*", "*"))} } }
    }
  }`);
}

describe("input keys named like Object.prototype members are ordinary names", () => {
  const baseline = () => findingsOf(inputs.write("plain.tf.json", roleStack("plain")), "plain");

  test.each(PROTOTYPE_KEYS)("a role named %s gets the same findings as any role", (key) => {
    const expected = baseline();
    expect(expected.findings.length).toBeGreaterThan(0);
    const file = inputs.write(`${key}.tf.json`, JSON.stringify(roleStack(key)));
    expect(findingsOf(file, key)).toEqual(expected);
  });

  test.each(PROTOTYPE_KEYS)("a resource type %s next to the role changes nothing", (key) => {
    const expected = baseline();
    const stack = JSON.stringify(roleStack("plain")).replace(
      '"resource":{',
      `"resource":{"${key}":{"x":{"a":1}},`,
    );
    const file = inputs.write(`type-${key}.tf.json`, stack);
    expect(findingsOf(file, "plain")).toEqual(expected);
  });

  test.each(PROTOTYPE_KEYS)("a plan resource %s.x is read without error", (key) => {
    const plan = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [{ address: `${key}.x`, mode: "managed", type: key, name: "x", values: {} }],
        },
      },
    };
    const run = runCli(["check", inputs.write(`plan-${key}.json`, plan)]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  test('Vault legacy policy = "constructor" is an unreadable policy, not a crash', () => {
    const file = inputs.write("legacy.tf.json", {
      resource: {
        vault_policy: { legacy: { name: "legacy", policy: 'path "secret/a" { policy = "constructor" }' } },
      },
    });
    const { code, findings } = findingsOf(file, "legacy");
    expect(code).toBe(1);
    expect(findings).toEqual(["WI509 vault_policy.NAME"]);
  });

  test.each(PROTOTYPE_KEYS)("the CLI flag --%s is an unknown option", (key) => {
    const run = runCli(["check", `--${key}`, "x"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`unknown option --${key}`);
  });
});
