import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeValue } from "../../lib/errors/validation-errors";
import { formatNamesFor } from "../../lib/formats/formats";
import { blockedSynthMessage } from "../../lib/formats/synth-block-message";
import type { Finding } from "../../lib/model/finding";
import { RULE_CATALOG } from "../../lib/rules/catalog";
import { runCli } from "../cli/support/run-cli";

/** A role whose name reads `deployexe.png` on screen: U+202E reverses what follows. */
const NAME = "deploy\u202egnp.exe";
/** Bidi controls and invisible characters that must never leave raw (CVE-2021-42574). */
const RAW_UNSAFE = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

const dir = mkdtempSync(join(tmpdir(), "wi-trojan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, json: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

const trust = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }],
};
const head = write("head.tf.json", {
  resource: { aws_iam_role: { [NAME]: { name: NAME, assume_role_policy: JSON.stringify(trust) } } },
});
const base = write("base.tf.json", { resource: {} });

describe("a role named deploy\\u202egnp.exe leaves no raw U+202E in any output", () => {
  test.each(formatNamesFor("check"))("check --format %s", (format) => {
    const run = runCli(["check", head, "--format", format]);
    expect(run.stdout).toContain("WI206");
    expect(run.stdout).not.toMatch(RAW_UNSAFE);
    expect(run.stderr).not.toMatch(RAW_UNSAFE);
  });

  test.each(formatNamesFor("review"))("review --format %s", (format) => {
    const run = runCli(["review", "--base", base, "--head", head, "--format", format]);
    expect(run.stdout).toContain("WI206");
    expect(run.stdout).not.toMatch(RAW_UNSAFE);
  });

  test.each(formatNamesFor("inventory"))("inventory --format %s", (format) => {
    const run = runCli(["inventory", head, "--format", format]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_UNSAFE);
  });

  test("JSON and SARIF stay valid JSON and carry the name as a \\u escape", () => {
    for (const format of ["json", "sarif"]) {
      const out = runCli(["check", head, "--format", format]).stdout;
      expect(out).toContain("\\u202e");
      expect(JSON.stringify(JSON.parse(out))).toContain(NAME);
    }
  });

  test("the synth-blocking message and construct errors", () => {
    const finding: Finding = {
      ruleId: "WI206",
      severity: "error",
      message: `Role ${NAME} trusts any principal.`,
      location: {
        file: "stacks/x/cdk.tf.json",
        stack: "x",
        address: `aws_iam_role.${NAME}`,
        constructPath: `x/${NAME}`,
      },
      related: [{ file: "stacks/x/cdk.tf.json", stack: "x", address: `aws_iam_policy.${NAME}` }],
      identityIds: [],
      fingerprint: "f",
      suppressedBy: undefined,
    } as unknown as Finding;
    const message = blockedSynthMessage([finding], new Map(RULE_CATALOG.map((r) => [r.id, r])));
    expect(message).toContain("WI206");
    expect(message).not.toMatch(RAW_UNSAFE);
    expect(describeValue(NAME)).toBe('"deploy\\u202egnp.exe"');
  });
});
