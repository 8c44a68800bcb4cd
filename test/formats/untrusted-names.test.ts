/**
 * A role name holding U+202E (Trojan Source), a newline and backticks, quoted by rule messages
 * (WI308 and the WI305 unknown reason, both from lib/analysis/aws-role-reach) and carried to every
 * output: rule messages quote it with the one helper (lib/model/unsafe-text `quote`), and text,
 * Markdown, JSON, SARIF and the synth-blocking message keep it escaped.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import { WorkloadIdentityEnforcement } from "../../lib/enforcement/enforcement";
import { evaluate } from "../../lib/engine/evaluate";
import { buildGraph } from "../../lib/extract/build-graph";
import { POLICY_CONTEXT_KEY } from "../../lib/model/org-policy";
import { policy } from "../support/graph-builder";
import { runCli } from "../cli/support/run-cli";

const NAME = "ops\u202e\n`x`";
/** How a message quotes NAME: JSON-quoted, U+202E and the newline as escapes. */
const QUOTED = '"arn:aws:iam::111122223333:role/ops\\u202e\\n`x`"';
/** Unsafe characters other than the newlines outputs are made of. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

const SERVICE_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const ACCOUNT_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" },
  ],
});
/** Rewrites the hostile role (WI308), and may assume a role whose name is known only after apply (WI305 unknown). */
const ATTACKER_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: `arn:aws:iam::111122223333:role/${NAME}` },
    { Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::111122223333:role/${NAME}-*` },
  ],
});
const TERRAFORM = {
  resource: {
    aws_iam_role: {
      victim: { name: NAME, assume_role_policy: SERVICE_TRUST },
      attacker: { name: "attacker", assume_role_policy: SERVICE_TRUST },
      later: { assume_role_policy: ACCOUNT_TRUST },
    },
    aws_iam_role_policy: { attacker: { role: "attacker", policy: ATTACKER_POLICY } },
  },
};

const dir = mkdtempSync(join(tmpdir(), "wi-untrusted-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, "main.tf.json");
writeFileSync(file, JSON.stringify(TERRAFORM));

describe("a name with U+202E, a newline and backticks reaches every output escaped", () => {
  test("rule messages quote it with the one helper: one line, U+202E and the newline as escapes", () => {
    const graph = buildGraph([{ file: "main.tf.json", format: "terraform-json", json: TERRAFORM }]);
    const messages = evaluate(graph, policy())
      .findings.filter((f) => f.ruleId === "WI308" || f.ruleId === "WI305")
      .map((f) => f.message);
    expect(messages).toEqual([
      'Identity "attacker" has sts:AssumeRole grants or trust that cannot be evaluated (sts:AssumeRole resource ' +
        `${QUOTED.slice(0, -1)}-*" may match a role whose name is known only after apply): unknown — needs review.`,
      `Identity "attacker" can change role "arn:aws*:iam::*:role/ops\\u202e\\n\`x\`" of identity "ops\\u202e\\n\`x\`" ` +
        `through "iam:PutRolePolicy" on ${QUOTED}, and so become it.`,
    ]);
  });

  test("text: the message stays on one line", () => {
    const { stdout } = runCli(["check", file, "--format", "text"]);
    const line = stdout.split("\n").find((l) => l.includes("can change role"));
    expect(line).toContain(`on ${QUOTED}, and so become it.`);
    expect(stdout).not.toMatch(RAW_UNSAFE);
  });

  test("Markdown: backticks cannot open a code span, the name cannot break the table row", () => {
    const { stdout } = runCli(["check", file, "--format", "markdown"]);
    const row = stdout.split("\n").find((l) => l.includes("WI308"));
    expect(row).toContain("role/ops\\\\u202e\\\\n\\`x\\`");
    expect(row).not.toMatch(/(^|[^\\])`/);
    expect(stdout).not.toMatch(RAW_UNSAFE);
  });

  test.each(["json", "sarif"])(
    "%s: valid JSON, the message carries the escapes and no raw control",
    (format) => {
      const { stdout } = runCli(["check", file, "--format", format]);
      expect(stdout).not.toMatch(RAW_UNSAFE);
      const parsed = JSON.parse(stdout) as {
        findings?: { ruleId: string; message: string }[];
        runs?: { results: { ruleId: string; message: { text: string } }[] }[];
      };
      const messages =
        parsed.findings?.filter((f) => f.ruleId === "WI308").map((f) => f.message) ??
        parsed
          .runs![0].results.filter((r) => r.ruleId === "WI308")
          // SARIF plain text escapes `\\`, `[` and `]` with a backslash (embedded links, SARIF 2.1.0 §3.11.6).
          .map((r) => r.message.text.replace(/\\([\\[\]])/g, "$1"));
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(`on ${QUOTED}, and so become it.`);
      expect(messages[0]).not.toMatch(/[\n\u202e]/);
    },
  );

  test("the synth-blocking message", () => {
    const outdir = mkdtempSync(join(dir, "synth-"));
    const app = new App({ outdir, context: { [POLICY_CONTEXT_KEY]: { today: "2026-11-27" } } });
    const stack = new TerraformStack(app, "app");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new IamRole(stack, "victim", { name: NAME, assumeRolePolicy: SERVICE_TRUST });
    const attacker = new IamRole(stack, "attacker", { name: "attacker", assumeRolePolicy: SERVICE_TRUST });
    new IamRolePolicy(stack, "attacker-policy", { role: attacker.name, policy: ATTACKER_POLICY });
    WorkloadIdentityEnforcement.enable(app);
    let message = "";
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    const line = message.split("\n").find((l) => l.includes("can change role"));
    expect(line).toContain(`on ${QUOTED}, and so become it.`);
    expect(message).not.toMatch(RAW_UNSAFE);
  });
});
