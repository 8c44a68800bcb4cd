/**
 * OpenTofu's `tofu show -json` writes the same plan JSON format as Terraform (format_version 1.2,
 * the constant its `internal/command/jsonplan` writes; https://opentofu.org/docs/internals/json-format
 * documents the version as "1.0" with Terraform's rule: minor versions are compatible, an unknown
 * major version is rejected), with its own version in `terraform_version` and its registry
 * (`registry.opentofu.org/...`) in provider addresses. The fixture is hand-made in that format: three GitHub deploy roles, two of
 * which trust the same token. It must be reviewed exactly like the Terraform plan of the same roles.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "./support/run-cli";

const OPENTOFU_PLAN = path.join(__dirname, "..", "fixtures", "cli", "opentofu-plan.json");

interface JsonFinding {
  readonly ruleId: string;
  readonly location: { readonly address: string };
  readonly fingerprint: string;
}

function findings(file: string): { code: number; findings: [string, string][]; fingerprints: string[] } {
  const run = runCli(["check", file, "--format", "json"]);
  expect(run.stderr).toBe("");
  const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; inputs: { format: string }[] };
  expect(report.inputs.map((input) => input.format)).toEqual(["plan-json"]);
  return {
    code: run.code,
    findings: report.findings.map((f) => [f.ruleId, f.location.address]),
    fingerprints: report.findings.map((f) => f.fingerprint),
  };
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wi-opentofu-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("the fixture is OpenTofu's plan format", () => {
  const plan = JSON.parse(fs.readFileSync(OPENTOFU_PLAN, "utf8")) as {
    format_version: string;
    terraform_version: string;
    resource_changes: { provider_name: string }[];
  };
  expect(plan.format_version).toBe("1.2");
  expect(plan.terraform_version).toBe("1.10.6");
  expect(new Set(plan.resource_changes.map((c) => c.provider_name))).toEqual(
    new Set(["registry.opentofu.org/hashicorp/aws"]),
  );
});

test("an OpenTofu plan is reviewed: the two roles on one token block with WI303", () => {
  const result = findings(OPENTOFU_PLAN);
  expect(result.code).toBe(1);
  expect(result.findings).toEqual([
    ["WI303", "aws_iam_role.deploy_api"],
    ["WI101", "aws_iam_role.deploy_api"],
    ["WI101", "aws_iam_role.deploy_api_copy"],
    ["WI101", "aws_iam_role.deploy_web"],
  ]);
});

test("the same plan written by Terraform gets the same findings and fingerprints", () => {
  const terraformPlan = path.join(tmp, "opentofu-plan.json");
  fs.writeFileSync(
    terraformPlan,
    fs
      .readFileSync(OPENTOFU_PLAN, "utf8")
      .replaceAll("registry.opentofu.org/", "registry.terraform.io/")
      .replace('"terraform_version": "1.10.6"', '"terraform_version": "1.9.8"'),
  );
  expect(findings(terraformPlan)).toEqual(findings(OPENTOFU_PLAN));
});

test("the format_version OpenTofu's documentation shows (1.0) is read the same; a major version 2 is refused", () => {
  const text = fs.readFileSync(OPENTOFU_PLAN, "utf8");
  const documented = path.join(tmp, "opentofu-plan-1.0.json");
  fs.writeFileSync(documented, text.replace('"format_version": "1.2"', '"format_version": "1.0"'));
  expect(findings(documented)).toEqual(findings(OPENTOFU_PLAN));
  const nextMajor = path.join(tmp, "opentofu-plan-2.0.json");
  fs.writeFileSync(nextMajor, text.replace('"format_version": "1.2"', '"format_version": "2.0"'));
  const run = runCli(["check", nextMajor, "--format", "json"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("only major versions 0 and 1");
});
