import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "./support/run-cli";

jest.mock("../../lib/extract/build-graph", () => jest.requireActual("./support/fake-engine"));
jest.mock("../../lib/rules/catalog", () => jest.requireActual("./support/fake-engine"));

const FIXTURES = path.join(__dirname, "..", "fixtures", "cli");
const APP = path.join(FIXTURES, "app-out");
const CLEAN = path.join(FIXTURES, "clean.tf.json");
const BASE = path.join(FIXTURES, "base-out");
const HEAD = path.join(FIXTURES, "head-out");
const POLICY = path.join(FIXTURES, "policy-strict.json");
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wi-cli-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Exit 2 with exactly one line on stderr that contains every given fragment. */
function expectOneLineError(run: ReturnType<typeof runCli>, ...fragments: string[]) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe("check", () => {
  test("exit 1 with the blocking finding of the one bad identity across all stacks", () => {
    const run = runCli(["check", APP, "--policy", POLICY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Workload identity check: FAIL — 1 blocking finding");
    expect(run.stdout.match(/^ERROR/gm)).toHaveLength(1);
    expect(run.stdout).toContain("WI901  beta:aws_iam_role.beta_bad_worker");
    expect(run.stdout).toContain("Identity beta/bad-worker is marked bad");
    expect(run.stdout).not.toMatch(ANSI);
  });

  test("exit 0 when nothing blocks", () => {
    const run = runCli(["check", CLEAN]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("PASS — no blocking findings");
  });

  test("json output has a schema version and exactly the flagged identities", () => {
    const run = runCli(["check", APP, "--format", "json", "--policy", POLICY]);
    const report = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(report.schemaVersion).toBe(1);
    expect(report.kind).toBe("check");
    expect(report.verdict).toBe("fail");
    expect(
      report.findings.map((f: { identityIds: string[]; ruleId: string; blocking: boolean }) => [
        f.ruleId,
        f.identityIds,
        f.blocking,
      ]),
    ).toEqual([["WI901", ["beta/bad-worker"], true]]);
    expect(report.inputs.map((i: { stack: string }) => i.stack)).toEqual(["alpha", "beta"]);
  });

  test("--output writes the report to the file and prints a one-line summary", () => {
    const run = runCli(["check", APP, "--format", "sarif", "--output", "out.sarif"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("out.sarif: FAIL — 1 blocking finding\n");
    expect(JSON.parse(run.files.get("out.sarif")!).version).toBe("2.1.0");
  });

  test("an output file that cannot be written is exit 2, not a verdict", () => {
    expectOneLineError(
      runCli(["check", CLEAN, "--output", "/nope/out.txt"], { failWrite: true }),
      "/nope/out.txt",
      "permission denied",
    );
  });

  test("colours only on a terminal without NO_COLOR, never in files", () => {
    expect(runCli(["check", APP], { tty: true }).stdout).toMatch(ANSI);
    expect(runCli(["check", APP], { tty: true, env: { NO_COLOR: "1" } }).stdout).not.toMatch(ANSI);
    expect(runCli(["check", APP], { tty: false }).stdout).not.toMatch(ANSI);
    expect(runCli(["check", APP, "--output", "r.txt"], { tty: true }).files.get("r.txt")).not.toMatch(ANSI);
  });

  test("markdown output", () => {
    const run = runCli(["check", APP, "--format", "markdown"]);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")[0]).toMatch(/^❌ \*\*Workload identity check: 1 blocking finding\*\*/);
  });
});

describe("bad input: exit 2, one line naming the file, never a verdict", () => {
  test("missing path", () => {
    const missing = path.join(tmp, "cdktf.out");
    expectOneLineError(runCli(["check", missing]), missing, "does not exist");
  });

  test("empty directory", () => {
    expectOneLineError(runCli(["check", tmp]), tmp, "empty directory");
  });

  test("manifest naming a missing stack file", () => {
    fs.writeFileSync(
      path.join(tmp, "manifest.json"),
      JSON.stringify({ stacks: { a: { synthesizedStackPath: "stacks/a/cdk.tf.json" } } }),
    );
    expectOneLineError(
      runCli(["check", tmp]),
      path.join(tmp, "manifest.json"),
      "stacks/a/cdk.tf.json",
      "does not exist",
    );
  });

  test("truncated JSON", () => {
    const file = path.join(tmp, "cut.tf.json");
    fs.writeFileSync(file, '{"resource": {');
    expectOneLineError(runCli(["check", file]), file, "unexpected end of input at line 1, column 15");
  });

  test("JSON of another shape", () => {
    const file = path.join(FIXTURES, "other-shape.json");
    expectOneLineError(runCli(["check", file]), file, "neither Terraform JSON nor a Terraform plan");
  });

  test("review names the side whose input is bad", () => {
    const missing = path.join(tmp, "base");
    expectOneLineError(runCli(["review", "--base", missing, "--head", HEAD]), missing, "does not exist");
  });

  test("control characters in a path are escaped in the message", () => {
    const run = runCli(["check", path.join(tmp, "evil\u001b[31m\nname")]);
    expectOneLineError(run, "evil\\x1b[31m\\nname");
    expect(run.stderr).not.toMatch(ANSI);
  });

  test("an internal error exits 2 with one line naming the input and a hint to report it, never 0", () => {
    const file = path.join(tmp, "x.tf.json");
    fs.writeFileSync(file, JSON.stringify({ "//": { testIdentities: ["explode"] }, terraform: {} }));
    expectOneLineError(
      runCli(["check", file]),
      `internal error while reading ${file}: Cannot read properties of undefined`,
      "bug",
    );
  });
});

describe("usage errors: exit 2 with the usage line", () => {
  test.each([
    [
      ["frobnicate"],
      'unknown command "frobnicate"',
      "usage: cdktf-workload-identity <check|review|inventory|rules>",
    ],
    [[], "no command given", "usage: cdktf-workload-identity <check"],
    [["check", CLEAN, "--colour"], "unknown option --colour", "usage: cdktf-workload-identity check PATH..."],
    [["check", CLEAN, "-x"], "unknown option -x", "usage: cdktf-workload-identity check"],
    [["check"], "check needs at least one PATH", "usage: cdktf-workload-identity check"],
    [
      ["check", CLEAN, "--format", "xml"],
      'unknown format "xml" for check; use text, markdown, json, sarif',
      "usage:",
    ],
    [["check", CLEAN, "--format"], "--format needs a value", "usage:"],
    [["check", CLEAN, "--format", "json", "--format", "text"], "--format given more than once", "usage:"],
    [
      ["review", "--base", BASE],
      "review needs --head PATH",
      "usage: cdktf-workload-identity review --base PATH --head PATH",
    ],
    [
      ["review", "--base", BASE, "--head", HEAD, "--format", "csv"],
      'unknown format "csv" for review; use text, markdown, json, sarif',
      "usage:",
    ],
    [
      ["inventory", APP, "--format", "sarif"],
      'unknown format "sarif" for inventory; use text, table, csv, markdown, json',
      "usage:",
    ],
    [["rules", "extra"], 'unexpected argument "extra"', "usage: cdktf-workload-identity rules"],
  ])("%j", (argv, message, usage) => {
    const run = runCli(argv as string[]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const [first, second, ...rest] = run.stderr.trimEnd().split("\n");
    expect(first).toBe(`cdktf-workload-identity: ${message}`);
    expect(second.startsWith(usage)).toBe(true);
    expect(rest).toEqual([]);
  });

  test.each([["check"], ["review"], ["inventory"], ["rules"]])(
    "%s --help prints its usage and exits 0",
    (command) => {
      const run = runCli([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout.startsWith(`usage: cdktf-workload-identity ${command}`)).toBe(true);
      expect(run.stderr).toBe("");
    },
  );

  test("top-level --help lists the commands", () => {
    const run = runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["check", "review", "inventory", "rules"])
      expect(run.stdout).toContain(`  ${command} `);
  });
});

describe("--policy", () => {
  test("an invalid policy is exit 2 naming the file and every problem on one line", () => {
    const file = path.join(FIXTURES, "policy-invalid.json");
    expectOneLineError(
      runCli(["check", CLEAN, "--policy", file]),
      `invalid policy ${file}`,
      'unknown key "colour"',
      "maxTtl:",
    );
  });

  test("a missing policy file is exit 2", () => {
    const file = path.join(tmp, "policy.json");
    expectOneLineError(runCli(["check", CLEAN, "--policy", file]), file, "does not exist");
  });

  test("a policy that is not JSON is exit 2 with the position", () => {
    const file = path.join(tmp, "policy.json");
    fs.writeFileSync(file, "maxTtl: 1h\n");
    expectOneLineError(runCli(["check", CLEAN, "--policy", file]), file, "line 1, column 1");
  });

  test("severity overrides from the policy change the verdict", () => {
    const file = path.join(tmp, "policy.json");
    fs.writeFileSync(file, JSON.stringify({ severityOverrides: { WI901: "warning" } }));
    expect(runCli(["check", APP, "--policy", file]).code).toBe(0);
  });
});

describe("review", () => {
  test("exit 1 when head introduces a blocking finding; the pre-existing one does not block", () => {
    const run = runCli(["review", "--base", BASE, "--head", HEAD, "--format", "json", "--policy", POLICY]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.identities.added.map((i: { id: string }) => i.id)).toEqual(["main/bad-new"]);
    expect(report.identities.removed).toEqual([]);
    expect(report.findings.new.map((f: { identityIds: string[] }) => f.identityIds)).toEqual([
      ["main/bad-new"],
    ]);
    expect(report.findings.unchanged.map((f: { identityIds: string[] }) => f.identityIds)).toEqual([
      ["main/bad-legacy"],
    ]);
    expect(report.findings.fixed).toEqual([]);
    expect(report.summary.blocking).toBe(1);
  });

  test("exit 0 when the change only fixes findings", () => {
    const run = runCli(["review", "--base", HEAD, "--head", BASE, "--format", "json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.findings.fixed.map((f: { identityIds: string[] }) => f.identityIds)).toEqual([
      ["main/bad-new"],
    ]);
    expect(report.identities.removed.map((i: { id: string }) => i.id)).toEqual(["main/bad-new"]);
  });

  test("markdown for an unchanged app is a single short line (plus the hidden marker)", () => {
    const run = runCli(["review", "--base", BASE, "--head", BASE]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toEqual([
      "✅ Workload identity review: no identity changes (2 identities, 1 existing finding).",
      "<!-- cdktf-workload-identity review -->",
    ]);
  });

  test("markdown for a change starts with the verdict and counts", () => {
    const run = runCli([
      "review",
      "--base",
      BASE,
      "--head",
      HEAD,
      "--format",
      "markdown",
      "--output",
      "review.md",
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("review.md: FAIL — the change introduces 1 blocking finding\n");
    expect(run.files.get("review.md")!.split("\n")[0]).toBe(
      "❌ **Workload identity review: 1 new blocking finding** — identities: 1 added, 0 changed, 0 removed; findings: 1 new, 0 fixed, 1 unchanged",
    );
  });

  test("sarif marks new and unchanged results", () => {
    const run = runCli(["review", "--base", BASE, "--head", HEAD, "--format", "sarif"]);
    const results = JSON.parse(run.stdout).runs[0].results;
    expect(
      results.map((r: { baselineState: string; properties: { identityIds: string[] } }) => [
        r.baselineState,
        r.properties.identityIds[0],
      ]),
    ).toEqual([
      ["new", "main/bad-new"],
      ["unchanged", "main/bad-legacy"],
    ]);
  });
});

describe("inventory", () => {
  test("table lists every identity with owner, approver, TTL, trust and scope", () => {
    const run = runCli(["inventory", APP]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0].split(/\s{2,}/)).toEqual([
      "IDENTITY",
      "OWNER",
      "APPROVER",
      "SECRETS APPROVER",
      "TTL",
      "TRUST",
      "SCOPE",
    ]);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["alpha/good-api", "beta/bad-worker"]);
    expect(lines[1]).toMatch(/payments <pay@example\.com>/);
    expect(lines[1]).toContain("30m");
  });

  test.each([
    [
      "csv",
      (out: string) =>
        expect(out.split("\r\n")[1].startsWith('"alpha/good-api","workload","alpha","payments"')).toBe(true),
    ],
    [
      "json",
      (out: string) =>
        expect(JSON.parse(out).identities.map((i: { id: string }) => i.id)).toEqual([
          "alpha/good-api",
          "beta/bad-worker",
        ]),
    ],
    [
      "markdown",
      (out: string) =>
        expect(out.split("\n")[2]).toMatch(/^\| alpha\/good\\-api \| workload \| alpha \| payments \|/),
    ],
  ])("%s", (format, check) => {
    const run = runCli(["inventory", APP, "--format", format]);
    expect(run.code).toBe(0);
    check(run.stdout);
  });
});

describe("rules", () => {
  test.each([
    ["text", /^WI901 {2}error {4}Identity marked bad$/m],
    ["markdown", /^\| \[WI901\]\(#wi901\) \| error \| Identity marked bad \| NHI5 \|$/m],
  ])("%s lists the catalog", (format, pattern) => {
    const run = runCli(["rules", "--format", format]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(pattern);
  });

  test("json lists every rule id", () => {
    const run = runCli(["rules", "--format", "json"]);
    expect(JSON.parse(run.stdout).rules.map((r: { id: string }) => r.id)).toEqual(["WI901", "WI902"]);
  });
});

describe("--format names shared across commands", () => {
  test("GIVEN inventory WHEN --format text THEN the terminal table, as with check", () => {
    const text = runCli(["inventory", APP, "--format", "text"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(runCli(["inventory", APP, "--format", "table"]).stdout);
    expect(text.stdout.length).toBeGreaterThan(0);
  });

  test("GIVEN review WHEN --format text THEN the terminal review, same verdict and exit code as markdown", () => {
    const text = runCli(["review", "--base", BASE, "--head", HEAD, "--format", "text"]);
    const markdown = runCli(["review", "--base", BASE, "--head", HEAD]);
    expect(text.code).toBe(markdown.code);
    expect(text.stdout.split("\n")[0]).toMatch(/^Workload identity review: (PASS|FAIL) — /);
  });
});
