import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main as cli } from "../../lib/cli/main";
import type { CliIo } from "../../lib/cli/cli-io";
import { loadInputs } from "../../lib/cli/load-inputs";
import { evaluate } from "../../lib/engine/evaluate";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { buildGraph } from "../../lib/extract/build-graph";
import { diffReview } from "../../lib/review/review-diff";

/** `review` reads base and head the same way: a PR that only reorganises a module changes nothing. */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-review-module-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(relative: string, json: unknown): void {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
}

const trust = JSON.stringify({
  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
});
const reads = (resource: string) =>
  JSON.stringify({
    Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: resource }],
  });
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db";
const OTHER = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:other";

const roles = {
  aws_iam_role: {
    a: { name: "a", assume_role_policy: trust, inline_policy: [{ name: "x", policy: reads(SECRET) }] },
    b: { name: "b", assume_role_policy: trust },
  },
};
const grant = {
  aws_iam_role_policy: { b: { name: "b", role: "${aws_iam_role.b.name}", policy: reads("${var.secret}") } },
};

function review(basePath: string, headPath: string) {
  const policy = resolvePolicy({ today: "2026-12-01" });
  return diffReview(
    evaluate(buildGraph(loadInputs([basePath])), policy),
    evaluate(buildGraph(loadInputs([headPath])), policy),
  );
}

test("GIVEN base in one file and head split over files with the variable moved to terraform.tfvars.json WHEN reviewed THEN nothing is new or fixed", () => {
  write("base/main.tf.json", { variable: { secret: { default: SECRET } }, resource: { ...roles, ...grant } });
  write("head/roles.tf.json", { resource: roles });
  write("head/grants.tf.json", { variable: { secret: {} }, resource: grant });
  write("head/terraform.tfvars.json", { secret: SECRET });
  const diff = review(path.join(dir, "base"), path.join(dir, "head"));
  expect(diff.findings.new.map((f) => f.ruleId)).toEqual([]);
  expect(diff.findings.fixed.map((f) => f.ruleId)).toEqual([]);
  expect(
    diff.findings.unchanged.filter((f) => f.ruleId === "WI302").map((f) => [...f.identityIds].sort()),
  ).toEqual([["aws_iam_role.a", "aws_iam_role.b"]]);
  expect(diff.identities.added.length + diff.identities.removed.length).toBe(0);
});

test("GIVEN head changes only terraform.tfvars.json so b stops sharing WHEN reviewed THEN the shared path is fixed", () => {
  write("base/main.tf.json", { variable: { secret: { default: SECRET } }, resource: { ...roles, ...grant } });
  write("head/main.tf.json", { variable: { secret: { default: SECRET } }, resource: { ...roles, ...grant } });
  write("head/terraform.tfvars.json", { secret: OTHER });
  const diff = review(path.join(dir, "base"), path.join(dir, "head"));
  expect(diff.findings.fixed.map((f) => f.ruleId)).toEqual(["WI302"]);
  expect(diff.findings.new.map((f) => f.ruleId)).toEqual([]);
});

test("GIVEN --var-file on review WHEN run THEN both sides read it (the sharing it causes is unchanged, not new)", () => {
  write("base/main.tf.json", { variable: { secret: { default: OTHER } }, resource: { ...roles, ...grant } });
  write("head/main.tf.json", { variable: { secret: { default: OTHER } }, resource: { ...roles, ...grant } });
  write("vars.json", { secret: SECRET });
  const out: string[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => out.push(text) },
    env: {},
    cwd: dir,
    writeFile: () => undefined,
  };
  const args = [
    "review",
    "--base",
    path.join(dir, "base"),
    "--head",
    path.join(dir, "head"),
    "--format",
    "json",
  ];
  expect(cli([...args, "--var-file", path.join(dir, "vars.json")], io)).toBe(0);
  const report = JSON.parse(out.join("")) as { findings: Record<string, { ruleId: string }[]> };
  expect(report.findings.unchanged.map((f) => f.ruleId)).toContain("WI302");
  expect(report.findings.new.map((f) => f.ruleId)).toEqual([]);
});
