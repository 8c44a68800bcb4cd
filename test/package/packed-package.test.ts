/**
 * The package as users install it (run by `.ci/run` through `npm run test:package`, not by
 * `npm test`: it packs and installs, a few minutes). `npm pack` runs `prepack` (clean build); the
 * tarball is installed from the npm cache into apps with the peer sets the README allows: cdktf with
 * the AWS provider only, the Vault provider only, both; and a CDK Terrain app (cdktn 0.24,
 * constructs 10.7, `@cdktn/provider-aws`, no cdktf, Vault through the generic path). Each app
 * compiles the README examples of its side with strict `tsc` (no skipLibCheck, so every published
 * `.d.ts` it reaches must type-check), runs them as programs, and checks a missing side's error and
 * the engine entry.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import {
  readmeBlocks,
  readReadme,
  REPO_ROOT,
  findingRuleIds,
  type ReadmeBlock,
} from "../readme/readme-blocks";

const run = promisify(execFile);
const PACKAGE_NAME = "cdktf-workload-identity";
/** The README's approval dates stay valid (same as the README test). */
const TODAY = "2026-12-01";
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "wi-package-"));

type Side = "aws" | "vault";
const PROVIDER_OF: Record<Side, string> = { aws: "@cdktf/provider-aws", vault: "@cdktf/provider-vault" };

interface AppSpec {
  readonly core: "cdktf" | "cdktn";
  /** The sides its programs use (cdktf: the provider packages installed). */
  readonly sides: readonly Side[];
}
const APPS: Record<string, AppSpec> = {
  "aws-only": { core: "cdktf", sides: ["aws"] },
  "vault-only": { core: "cdktf", sides: ["vault"] },
  both: { core: "cdktf", sides: ["aws", "vault"] },
  // AWS through @cdktn/provider-aws; Vault has no cdktn bindings on npm, so it goes generic.
  cdktn: { core: "cdktn", sides: ["aws", "vault"] },
};
/** The CDK Terrain set the README documents (exact versions, so the npm cache serves them). */
const CDKTN_DEPENDENCIES = { cdktn: "0.24.0", constructs: "10.7.2", "@cdktn/provider-aws": "25.7.0" };

/** Versions the repository locked (and `npm ci` just put in the cache), so installs stay offline. */
function lockedVersion(name: string): string {
  const manifest = path.join(REPO_ROOT, "node_modules", name, "package.json");
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

function sidesOf(block: ReadmeBlock): Side[] {
  return (Object.keys(PROVIDER_OF) as Side[]).filter((side) => block.code.includes(`"${PROVIDER_OF[side]}/`));
}

const readme = readmeBlocks(readReadme());
/** The README's programs, and two identities on one token, which must block with WI303. */
const programs: readonly ReadmeBlock[] = [
  ...readme.filter((b) => b.language === "ts" && b.attributes.title !== undefined),
  {
    language: "ts",
    attributes: { title: "shared-token.ts", blocks: "WI303" },
    line: 0,
    code: [
      'import { AwsProvider } from "@cdktf/provider-aws/lib/provider";',
      'import { App, TerraformStack } from "cdktf";',
      `import { AwsGrant, Duration, OidcIssuer, Subject, WorkloadIdentity } from "${PACKAGE_NAME}";`,
      "const app = new App();",
      'const stack = new TerraformStack(app, "shared-token");',
      'new AwsProvider(stack, "aws", { region: "eu-west-1" });',
      'const cluster = OidcIssuer.kubernetes(stack, "eks", {',
      '  owner: { team: "platform", contact: "platform@example.com" },',
      '  url: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",',
      "  aws: {},",
      "});",
      'for (const name of ["orders-reader", "orders-writer"]) {',
      "  new WorkloadIdentity(stack, name, {",
      "    issuer: cluster,",
      '    subject: Subject.kubernetesServiceAccount("orders", "orders-api"),',
      "    owner: { team: name, contact: `${name}@example.com` },",
      '    approver: { name: "security-governance", reference: "SEC-1", expiresOn: "2027-06-30" },',
      "    ttl: Duration.hours(1),",
      "    scope: {",
      "      description: `${name} tables`,",
      '      aws: [AwsGrant.allow(["dynamodb:GetItem"], [`arn:aws:dynamodb:eu-west-1:111122223333:table/${name}`])],',
      "    },",
      "  });",
      "}",
      "app.synth();",
    ].join("\n"),
  },
];

/** The README's Vault provider for CDK Terrain apps (cdktn has no Vault bindings on npm). */
const CDKTN_VAULT_PROVIDER = readme.find((b) => b.attributes.snippet === "cdktn-vault-provider")!.code;

/** A program as a CDK Terrain app writes it: the cdktn core and provider family. */
function forCdktn(code: string): string {
  return code
    .replace('import { VaultProvider } from "@cdktf/provider-vault/lib/provider";', CDKTN_VAULT_PROVIDER)
    .replaceAll('from "cdktf";', 'from "cdktn";')
    .replaceAll('"@cdktf/provider-aws/', '"@cdktn/provider-aws/');
}

function programsOf(spec: AppSpec): ReadmeBlock[] {
  return programs.filter((b) => sidesOf(b).every((side) => spec.sides.includes(side)));
}

function missingSides(spec: AppSpec): Side[] {
  return spec.core === "cdktf"
    ? (Object.keys(PROVIDER_OF) as Side[]).filter((s) => !spec.sides.includes(s))
    : [];
}

/** A program that declares the side the app has not installed, and must fail naming its package. */
function missingSideProgram(side: Side): string {
  const sideOption = side === "aws" ? "aws: {}" : 'vault: { mountPath: "jwt-github" }';
  return [
    'import { App, TerraformStack } from "cdktf";',
    `import { OidcIssuer } from "${PACKAGE_NAME}";`,
    "const app = new App();",
    'const stack = new TerraformStack(app, "missing-side");',
    'OidcIssuer.githubActions(stack, "github", {',
    '  owner: { team: "platform", contact: "platform@example.com" },',
    `  ${sideOption},`,
    "});",
    "app.synth();",
  ].join("\n");
}

/** Reviews a synthesized stack through the engine entry; prints what it loaded besides the engine. */
const ENGINE_PROGRAM = [
  `import { blockingFindings, buildGraph, evaluate, loadInputs, resolvePolicy } from "${PACKAGE_NAME}/engine";`,
  "const evaluation = evaluate(buildGraph(loadInputs(process.argv.slice(2))), resolvePolicy({ today: process.env.TODAY }));",
  "const loaded = Object.keys(require.cache).filter((file) => /node_modules[\\\\/](cdktf|cdktn|constructs|@cdktf|@cdktn)[\\\\/]/.test(file));",
  "console.log(JSON.stringify({ identities: evaluation.graph.identities.length, blocking: blockingFindings(evaluation).length, loaded }));",
].join("\n");

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "commonjs",
    strict: true,
    skipLibCheck: false,
    esModuleInterop: true,
    types: ["node"],
    rootDir: ".",
    outDir: "out",
  },
  include: ["*.ts"],
};

interface PackedFile {
  readonly path: string;
}
let packedFiles: string[] = [];
let tarball = "";
const timings: string[] = [];

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings.push(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
}

function appDir(name: string): string {
  return path.join(WORK, name);
}

async function installApp(name: string, spec: AppSpec): Promise<void> {
  const dir = appDir(name);
  fs.mkdirSync(dir);
  const dependencies: Record<string, string> = {
    [PACKAGE_NAME]: `file:${tarball}`,
    typescript: lockedVersion("typescript"),
    "@types/node": lockedVersion("@types/node"),
  };
  if (spec.core === "cdktn") Object.assign(dependencies, CDKTN_DEPENDENCIES);
  else {
    Object.assign(dependencies, { cdktf: lockedVersion("cdktf"), constructs: lockedVersion("constructs") });
    for (const side of spec.sides) dependencies[PROVIDER_OF[side]] = lockedVersion(PROVIDER_OF[side]);
  }
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name, private: true, dependencies }, null, 2),
  );
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  for (const block of programsOf(spec)) {
    const code = spec.core === "cdktn" ? forCdktn(block.code) : block.code;
    fs.writeFileSync(path.join(dir, block.attributes.title), code);
  }
  for (const side of missingSides(spec)) {
    fs.writeFileSync(path.join(dir, `missing-${side}.ts`), missingSideProgram(side));
  }
  fs.writeFileSync(path.join(dir, "review-with-engine.ts"), ENGINE_PROGRAM);
  await timed(`npm install (${name})`, () =>
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir }),
  );
  await timed(`strict tsc (${name})`, () => compile(dir));
}

/** Strict tsc over the app; its diagnostics (on stdout) become the failure message. */
async function compile(dir: string, args: readonly string[] = ["-p", "."]): Promise<void> {
  try {
    const tsc = path.join(dir, "node_modules", "typescript", "bin", "tsc");
    await run(
      process.execPath,
      [tsc, ...(args[0] === "-p" ? args : [...args, "--strict", "--types", "node"])],
      {
        cwd: dir,
      },
    );
  } catch (error) {
    throw new Error(
      `tsc failed in ${path.basename(dir)}:\n${(error as { stdout?: string }).stdout ?? String(error)}`,
    );
  }
}

interface ProgramRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outdir: string;
}

async function runProgram(app: string, file: string, args: string[] = []): Promise<ProgramRun> {
  const outdir = fs.mkdtempSync(path.join(WORK, "out-"));
  const env = {
    ...process.env,
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTEXT_JSON: JSON.stringify({ [`${PACKAGE_NAME}:policy`]: { today: TODAY } }),
    TODAY,
  };
  const script = path.join(appDir(app), "out", file.replace(/\.ts$/, ".js"));
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { cwd: appDir(app), env });
    return { code: 0, stdout, stderr, outdir };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "", outdir };
  }
}

function stackResourceTypes(outdir: string): string[] {
  const stacks = path.join(outdir, "stacks");
  const types = new Set<string>();
  for (const stack of fs.existsSync(stacks) ? fs.readdirSync(stacks) : []) {
    const json = JSON.parse(fs.readFileSync(path.join(stacks, stack, "cdk.tf.json"), "utf8")) as {
      resource?: Record<string, unknown>;
    };
    for (const type of Object.keys(json.resource ?? {})) types.add(type);
  }
  return [...types].sort();
}

function ruleList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "")
    .sort();
}

beforeAll(async () => {
  const packed = await timed("npm pack (prepack build)", () =>
    run("npm", ["pack", "--json", "--pack-destination", WORK], {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  const [manifest] = JSON.parse(packed.stdout) as [{ filename: string; files: PackedFile[] }];
  tarball = path.join(WORK, manifest.filename);
  packedFiles = manifest.files.map((f) => f.path).sort();
  await Promise.all(Object.entries(APPS).map(([name, spec]) => installApp(name, spec)));
  // The engine entry resolved through package.json `exports` (node16) too, not only through
  // `typesVersions` (node10, above); it reaches no peer, so one app suffices.
  await timed("tsc node16 engine entry", () =>
    compile(appDir("vault-only"), [
      "--module",
      "node16",
      "--moduleResolution",
      "node16",
      "--noEmit",
      "review-with-engine.ts",
    ]),
  );
}, 600_000);

afterAll(() => {
  fs.rmSync(WORK, { recursive: true, force: true });
  process.stdout.write(`packed-package test timings:\n  ${timings.join("\n  ")}\n`);
});

describe("the tarball", () => {
  test("holds the licence, the build, the docs and the review workflow", () => {
    for (const file of [
      "LICENSE",
      "README.md",
      "RULES.md",
      "package.json",
      "dist/lib/index.js",
      "dist/lib/index.d.ts",
      "dist/lib/engine-api.js",
      "dist/lib/engine-api.d.ts",
      "dist/bin/cdktf-workload-identity.js",
      "docs/github-actions-review.md",
      "examples/github-workflow/identity-review.yml",
    ]) {
      expect(packedFiles).toContain(file);
    }
  });

  test("holds nothing else: no tests, sources, synth output or build of the examples", () => {
    const allowed =
      /^(LICENSE|README\.md|RULES\.md|package\.json|docs\/[^/]+\.md|examples\/github-workflow\/identity-review\.yml|dist\/(lib|bin)\/.+\.(js|d\.ts))$/;
    expect(packedFiles.filter((file) => !allowed.test(file))).toEqual([]);
  });
});

describe.each(Object.entries(APPS))("the %s app", (app, spec) => {
  const ownPrograms = programsOf(spec);

  test("has the README examples of its sides", () => {
    const titles = ownPrograms.map((b) => b.attributes.title);
    if (spec.sides.includes("aws"))
      expect(titles).toEqual(expect.arrayContaining(["eks-service-account.ts", "shared-token.ts"]));
    if (spec.sides.includes("vault")) expect(titles).toContain("spiffe.ts");
    if (spec.sides.length === 1) expect(ownPrograms.every((b) => sidesOf(b).length === 1)).toBe(true);
  });

  if (spec.core === "cdktn") {
    test("has cdktn and @cdktn/provider-aws installed, and no cdktf or @cdktf provider", () => {
      const installed = (name: string) =>
        fs.existsSync(path.join(appDir(app), "node_modules", name, "package.json"));
      expect(
        ["cdktn", "@cdktn/provider-aws", "cdktf", "@cdktf/provider-aws", "@cdktf/provider-vault"].filter(
          installed,
        ),
      ).toEqual(["cdktn", "@cdktn/provider-aws"]);
    });
  }

  test.each(ownPrograms.map((b) => [b.attributes.title, b] as const))(
    "runs %s with the outcome the README states",
    async (_title, block) => {
      const result = await runProgram(app, block.attributes.title);
      const blocked = ruleList(block.attributes.blocks);
      if (blocked.length > 0) {
        expect(result.code).not.toBe(0);
        expect(findingRuleIds(result.stderr)).toEqual(blocked);
        expect(stackResourceTypes(result.outdir)).toEqual([]);
      } else {
        expect(result.stderr).not.toContain("Error");
        expect(result.code).toBe(0);
        const types = stackResourceTypes(result.outdir);
        for (const side of sidesOf(block)) {
          expect(types).toContain(side === "aws" ? "aws_iam_role" : "vault_jwt_auth_backend_role");
        }
      }
    },
  );

  for (const side of missingSides(spec)) {
    test(`fails on a ${side} side with an error naming its provider package`, async () => {
      const result = await runProgram(app, `missing-${side}.ts`);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(
        `which needs the package ${PROVIDER_OF[side]}, and it is not installed`,
      );
    });
  }

  test("reviews synthesized output through the engine entry, which loads no cdktf or provider", async () => {
    const example = ownPrograms.find((b) => b.attributes.blocks === undefined)!;
    const synth = await runProgram(app, example.attributes.title);
    const review = await runProgram(app, "review-with-engine.ts", [synth.outdir]);
    expect(review.stderr).toBe("");
    const result = JSON.parse(review.stdout) as { identities: number; blocking: number; loaded: string[] };
    expect(result.loaded).toEqual([]);
    expect(result.blocking).toBe(0);
    expect(result.identities).toBeGreaterThan(0);
  });
});
