/**
 * The README's examples cannot rot: every ```ts block with a `title` is type-checked against the
 * library (with `cdktf-workload-identity` mapped to lib/index.ts) and run as a program, with
 * `app.synth()` writing into a temp directory. A block marked `blocks="WI..."` must fail synth with
 * exactly those rules; `reports="WI..."` lists the exact non-blocking findings it prints; any other
 * block must synthesize cleanly. The policy example, CLI lines and rule table are checked too.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import * as library from "../../lib";
import type { CliIo } from "../../lib/cli/cli-io";
import { main as cli } from "../../lib/cli/main";
import { USAGE } from "../../lib/cli/usage";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { POLICY_CONTEXT_KEY } from "../../lib/model/org-policy";
import { RULE_CATALOG } from "../../lib/rules/catalog";
import { findingRuleIds, readmeBlocks, readReadme, REPO_ROOT, type ReadmeBlock } from "./readme-blocks";

const PACKAGE_NAME = "cdktf-workload-identity";
/** Expiry checks run on a fixed date, so the README's approval dates stay valid in this test. */
const TODAY = "2026-12-01";

const readme = readReadme();
const blocks = readmeBlocks(readme);
const programs = blocks.filter((b) => b.language === "ts" && b.attributes.title !== undefined);

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-readme-"));
  tempDirs.push(dir);
  return dir;
}

/** Virtual file of a block: inside the repository so `cdktf` and the providers resolve from node_modules. */
function virtualFile(block: ReadmeBlock): string {
  return path.join(REPO_ROOT, "test", "readme", "__readme__", block.attributes.title);
}

/** Type errors of every program block, compiled together as separate modules (nothing is written). */
function typeErrors(): string[] {
  const config = ts.readConfigFile(path.join(REPO_ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    noEmit: true,
    types: ["node"],
    baseUrl: REPO_ROOT,
    paths: { [PACKAGE_NAME]: ["lib/index.ts"] },
  };
  const sources = new Map(programs.map((b) => [virtualFile(b), b.code]));
  const host = ts.createCompilerHost(compilerOptions);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => sources.has(file) || fileExists.call(host, file);
  host.readFile = (file) => sources.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = sources.get(file);
    return text !== undefined
      ? ts.createSourceFile(file, text, language, true)
      : getSourceFile.call(host, file, language, ...rest);
  };
  const program = ts.createProgram([...sources.keys()], compilerOptions, host);
  return [...sources.keys()].flatMap((file) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
      const where =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      return `${path.basename(file)}${where ? `:${where.line + 1}` : ""}: ${text}`;
    }),
  );
}

interface BlockRun {
  readonly outdir: string;
  readonly error?: Error;
  readonly stderr: string;
}

/**
 * Runs a block as a CommonJS program. `cdktf-workload-identity` is the library under test; every
 * other module comes from the test's own registry, so the block and the library share one cdktf.
 */
function runBlock(block: ReadmeBlock): BlockRun {
  const { outputText } = ts.transpileModule(block.code, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    fileName: block.attributes.title,
  });
  const outdir = tempDir();
  const saved = { outdir: process.env.CDKTF_OUTDIR, context: process.env.CDKTF_CONTEXT_JSON };
  process.env.CDKTF_OUTDIR = outdir;
  process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ [POLICY_CONTEXT_KEY]: { today: TODAY } });
  let stderr = "";
  const write = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const load = (id: string): unknown => (id === PACKAGE_NAME ? library : jest.requireActual(id));
  const module = { exports: {} };
  try {
    new Function("require", "module", "exports", outputText)(load, module, module.exports);
    return { outdir, stderr };
  } catch (error) {
    return { outdir, stderr, error: error as Error };
  } finally {
    write.mockRestore();
    restoreEnv("CDKTF_OUTDIR", saved.outdir);
    restoreEnv("CDKTF_CONTEXT_JSON", saved.context);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

function ruleList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "")
    .sort();
}

function writtenStackFiles(outdir: string): string[] {
  const stacks = path.join(outdir, "stacks");
  if (!fs.existsSync(stacks)) return [];
  return fs
    .readdirSync(stacks)
    .map((stack) => path.join(stacks, stack, "cdk.tf.json"))
    .filter((file) => fs.existsSync(file));
}

function fakeIo(): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: { write: (text: string) => (io.out += text) },
    stderr: { write: (text: string) => (io.err += text) },
    env: {},
    cwd: REPO_ROOT,
    writeFile: (file: string, content: string) => fs.writeFileSync(file, content, "utf8"),
  };
  return io;
}

describe("README examples", () => {
  test("GIVEN the README WHEN its code blocks are extracted THEN every use case is a titled program", () => {
    expect(programs.map((b) => b.attributes.title)).toEqual([
      "main.ts",
      "eks-service-account.ts",
      "references.ts",
      "hcp-terraform.ts",
      "spiffe.ts",
      "gitlab.ts",
      "declared-pattern.ts",
      "suppression.ts",
      "legacy-roles.ts",
    ]);
    for (const program of programs) {
      expect(program.code).toContain(`from "${PACKAGE_NAME}"`);
      expect(program.code).toContain("app.synth()");
      // Provider classes by deep path only, never the package root.
      expect(program.code).not.toMatch(/from "@cdktf\/provider-(aws|vault)"/);
    }
  });

  test("GIVEN every program block WHEN type-checked against the library THEN there are no errors", () => {
    expect(typeErrors()).toEqual([]);
  });

  test.each(programs.map((b) => [b.attributes.title, b] as const))(
    "GIVEN %s WHEN run THEN synth has the outcome the README states",
    (_title, block) => {
      const run = runBlock(block);
      const blocked = ruleList(block.attributes.blocks);
      if (blocked.length > 0) {
        expect(run.error?.message).toContain("cdktf-workload-identity blocked synth");
        expect(findingRuleIds(run.error?.message ?? "")).toEqual(blocked);
        expect(writtenStackFiles(run.outdir)).toEqual([]);
      } else {
        expect(run.error).toBeUndefined();
        expect(fs.existsSync(path.join(run.outdir, "manifest.json"))).toBe(true);
        expect(writtenStackFiles(run.outdir).length).toBeGreaterThan(0);
      }
      expect(findingRuleIds(run.stderr)).toEqual(ruleList(block.attributes.reports));
      const suppressedLines = run.stderr.split("\n").filter((line) => line.includes("[suppressed until "));
      expect(findingRuleIds(suppressedLines.join("\n"))).toEqual(ruleList(block.attributes.suppressed));
    },
  );

  test("GIVEN the suppression example WHEN only one of the two identities suppresses THEN synth is blocked", () => {
    const example = programs.find((b) => b.attributes.title === "suppression.ts")!;
    const original = "suppressions: [sharedSigningKey],";
    expect(example.code).toContain(original);
    const oneSided = example.code.replace(
      original,
      'suppressions: repo === "cli" ? [sharedSigningKey] : [],',
    );
    const run = runBlock({ ...example, code: oneSided });
    expect(findingRuleIds(run.error?.message ?? "")).toEqual(["WI301"]);
  });

  test("GIVEN the quick start WHEN synthesized THEN it holds exactly the resources the README lists", () => {
    const quickStart = programs.find((b) => b.attributes.title === "main.ts")!;
    const run = runBlock(quickStart);
    const json = JSON.parse(
      fs.readFileSync(path.join(run.outdir, "stacks", "github-deploy", "cdk.tf.json"), "utf8"),
    ) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const types = Object.keys(json.resource).sort();
    expect(types).toEqual([
      "aws_iam_openid_connect_provider",
      "aws_iam_role",
      "aws_iam_role_policy",
      "vault_jwt_auth_backend",
      "vault_jwt_auth_backend_role",
      "vault_policy",
    ]);
    for (const type of types) expect(readme).toContain(`- \`${type}\``);
    const [vaultRole] = Object.values(json.resource.vault_jwt_auth_backend_role);
    expect(vaultRole).toMatchObject({
      bound_audiences: ["vault.workload.identity"],
      bound_subject: "repo:acme/api:environment:production",
      user_claim: "sub",
      token_ttl: 1800,
      token_max_ttl: 1800,
      token_explicit_max_ttl: 1800,
      token_no_default_policy: true,
    });
    const [role] = Object.values(json.resource.aws_iam_role);
    expect(role.max_session_duration).toBe(3600);
    expect(JSON.parse(role.assume_role_policy as string).Statement[0].Condition).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": "repo:acme/api:environment:production",
      },
    });
    const [policy] = Object.values(json.resource.vault_policy);
    expect(policy.policy).toMatch(/^# cdktf-workload-identity v1: \{/);
  });

  test("GIVEN the policy example WHEN resolved and used by the CLI THEN it is valid and the quick start passes", () => {
    const example = blocks.find((b) => b.attributes.title === "workload-identity-policy.json");
    expect(example).toBeDefined();
    const policy = JSON.parse(example!.code) as Record<string, unknown>;
    // Every key of the README's policy table is accepted (the example plus `today` covers them all).
    const section = readme.slice(readme.indexOf("## Organisation policy"), readme.indexOf("## Command line"));
    const tableKeys = [...section.matchAll(/^\| `(\w+)`\s+\|/gm)].map((m) => m[1]).sort();
    expect(Object.keys({ ...policy, today: TODAY }).sort()).toEqual(tableKeys);
    expect(() => resolvePolicy({ ...policy, today: TODAY })).not.toThrow();

    const dir = tempDir();
    const policyFile = path.join(dir, "workload-identity-policy.json");
    fs.writeFileSync(policyFile, JSON.stringify({ ...policy, today: TODAY }));
    const quickStart = runBlock(programs.find((b) => b.attributes.title === "main.ts")!);
    const io = fakeIo();
    expect(cli(["check", quickStart.outdir, "--policy", policyFile], io)).toBe(0);
    expect(io.out).toContain("PASS");
  });

  test("GIVEN the CLI lines of the README WHEN compared with the usage THEN every command and option exists", () => {
    const lines = blocks
      .filter((b) => b.language === "sh")
      .flatMap((b) => b.code.split("\n"))
      .filter((line) => line.startsWith(`npx ${PACKAGE_NAME} `));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      const [command, ...args] = line.split(/\s+/).slice(2);
      const usage = (USAGE as Record<string, string>)[command];
      expect(usage).toBeDefined();
      args.forEach((arg, i) => {
        if (arg.startsWith("--")) expect(usage).toMatch(new RegExp(`[ []${arg} `));
        if (args[i - 1] === "--format") expect(usage).toMatch(new RegExp(`[ |]${arg}[|\\]]`));
      });
    }
  });

  test("GIVEN the rule category table WHEN compared with the catalog THEN ranges and OWASP mappings match", () => {
    const rows = [...readme.matchAll(/^\| (WI\d)(\d\d)–WI\d(\d\d) \|[^|]+\|[^|]+\| ([^|]+)\|$/gm)];
    expect(rows.map((r) => r[1])).toEqual(["WI1", "WI2", "WI3", "WI4", "WI5"]);
    for (const [, prefix, first, last, owasp] of rows) {
      const rules = RULE_CATALOG.filter((rule) => rule.id.startsWith(prefix));
      const ids = rules.map((rule) => rule.id).sort();
      expect([ids[0], ids[ids.length - 1]]).toEqual([`${prefix}${first}`, `${prefix}${last}`]);
      const mapped = [...new Set(rules.flatMap((rule) => rule.owasp))].sort((a, b) =>
        a.localeCompare(b, "en", { numeric: true }),
      );
      expect(owasp.split(",").map((s) => s.trim())).toEqual(mapped);
    }
  });
});
