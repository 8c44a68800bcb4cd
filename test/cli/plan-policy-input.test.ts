/**
 * Plans hold policies as Terraform rendered them; the AWS provider accepts only JSON. With the real
 * engine: a non-JSON policy string makes the plan unusable input (exit 2, one line naming the file
 * and the resource), while the empty inline_policy block plans render for roles without inline
 * policies is not a policy at all.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CORPUS_DIR } from "../support/fixture-paths";
import { runCli } from "./support/run-cli";

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wi-plan-policy-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

function planWithRole(inlinePolicy: unknown[]): unknown {
  const values = { name: "r", assume_role_policy: TRUST, inline_policy: inlinePolicy, tags: null };
  return {
    format_version: "1.2",
    planned_values: {
      root_module: {
        resources: [{ address: "aws_iam_role.r", mode: "managed", type: "aws_iam_role", name: "r", values }],
      },
    },
    resource_changes: [
      {
        address: "aws_iam_role.r",
        mode: "managed",
        type: "aws_iam_role",
        name: "r",
        change: { actions: ["create"], before: null, after: values, after_unknown: { arn: true } },
      },
    ],
    configuration: { root_module: { resources: [] } },
  };
}

test("a policy string that is not JSON: exit 2, one line naming the file and the resource", () => {
  const plan = JSON.parse(
    fs.readFileSync(path.join(CORPUS_DIR, "checkov-iam-policies-plan", "tfplan.json"), "utf8"),
  );
  const broken = '{"Statement": [';
  for (const change of plan.resource_changes)
    if (change.address === "aws_iam_role_policy.fail_1") change.change.after.policy = broken;
  for (const resource of plan.planned_values.root_module.resources)
    if (resource.address === "aws_iam_role_policy.fail_1") resource.values.policy = broken;
  const file = path.join(tmp, "plan.json");
  fs.writeFileSync(file, JSON.stringify(plan));

  const run = runCli(["check", file]);

  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(lines[0]).toContain("aws_iam_role_policy.fail_1: the policy is not valid JSON");
});

test("an empty inline_policy block in a plan is no policy: clean, not unknown", () => {
  const file = path.join(tmp, "plan.json");
  fs.writeFileSync(file, JSON.stringify(planWithRole([{ name: "", policy: "" }])));

  const run = runCli(["check", file, "--format", "json"]);

  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).findings).toEqual([]);
});
