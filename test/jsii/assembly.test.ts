/**
 * The jsii assembly (`npm run jsii`, run by .ci/run before the tests) lists the public construct
 * API, under the same names as the TypeScript entry, and jsii-pacmak generated a Python class and a
 * Go file for every type. Without a build the checks on generated files skip, saying so; the
 * manifest check always runs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import * as jsiiEntry from "../../jsii";
import * as library from "../../lib";
import { readmeBlocks, readReadme } from "../readme/readme-blocks";

const ROOT = path.join(__dirname, "..", "..");
const ASSEMBLY = path.join(ROOT, "jsii", ".jsii");
const PYTHON_MODULE = path.join(
  ROOT,
  "jsii",
  "dist-lang",
  "python",
  "src",
  "cdktf_workload_identity",
  "__init__.py",
);
const GO_PACKAGE = path.join(ROOT, "jsii", "dist-lang", "go", "cdktfworkloadidentity");

interface JsiiMember {
  readonly name: string;
  readonly static?: boolean;
  readonly optional?: boolean;
}
interface JsiiType {
  readonly kind: "class" | "interface" | "enum";
  readonly datatype?: boolean;
  readonly base?: string;
  readonly interfaces?: string[];
  readonly properties?: JsiiMember[];
  readonly methods?: JsiiMember[];
}
interface Assembly {
  readonly name: string;
  readonly version: string;
  readonly dependencies: Record<string, string>;
  readonly types: Record<string, JsiiType>;
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;

test("jsii/package.json names the root package and its version, license and peers", () => {
  const root = readJson(path.join(ROOT, "package.json")) as {
    name: string;
    version: string;
    license: string;
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
  };
  const jsii = readJson(path.join(ROOT, "jsii", "package.json"));
  expect(jsii).toMatchObject({
    name: root.name,
    version: root.version,
    license: root.license,
    peerDependencies: { cdktf: root.peerDependencies.cdktf, constructs: root.peerDependencies.constructs },
    dependencies: root.dependencies,
    bundleDependencies: Object.keys(root.dependencies),
  });
});

const built = fs.existsSync(ASSEMBLY) && fs.existsSync(PYTHON_MODULE);
if (!built) {
  // Visible in the test output: these checks need `npm run jsii` first (.ci/run always runs it).
  console.warn(`jsii assembly checks SKIPPED: ${path.relative(ROOT, ASSEMBLY)} not built; run npm run jsii`);
}

(built ? describe : describe.skip)("the built assembly", () => {
  // Jest runs a skipped describe's body to collect its tests: read the assembly only when built.
  const assembly = (built ? JSON.parse(fs.readFileSync(ASSEMBLY, "utf8")) : { types: {} }) as Assembly;
  const type = (name: string): JsiiType => {
    const found = assembly.types[`cdktf-workload-identity.${name}`];
    if (found === undefined) throw new Error(`${name} is not in the assembly`);
    return found;
  };
  const names = (
    members: readonly JsiiMember[] | undefined,
    filter: (m: JsiiMember) => boolean = () => true,
  ) =>
    (members ?? [])
      .filter(filter)
      .map((m) => m.name)
      .sort();
  const typeNames = Object.keys(assembly.types).map((fqn) => fqn.replace(/^cdktf-workload-identity\./, ""));

  test("is the root package, depending on the core and constructs only", () => {
    const root = readJson(path.join(ROOT, "package.json"));
    expect([assembly.name, assembly.version]).toEqual([root.name, root.version]);
    expect(Object.keys(assembly.dependencies).sort()).toEqual(["cdktf", "constructs"]);
  });

  test("lists exactly the construct API: the entry's classes and the props, options and value types", () => {
    const classes = Object.entries(jsiiEntry)
      .filter(([, value]) => typeof value === "function")
      .map(([name]) => name);
    expect(typeNames.filter((name) => type(name).kind === "class").sort()).toEqual(classes.sort());
    expect(typeNames.filter((name) => type(name).datatype).sort()).toEqual([
      "ApprovalProps",
      "GitHubActionsIssuerProps",
      "GitLabIssuerProps",
      "IdentityScopeProps",
      "KubernetesIssuerProps",
      "OidcIssuerAwsOptions",
      "OidcIssuerCommonProps",
      "OidcIssuerProps",
      "OidcIssuerVaultOptions",
      "OwnerProps",
      "SpiffeIssuerProps",
      "SuppressionProps",
      "TerraformCloudIssuerProps",
      "ValidationProblem",
      "WorkloadIdentityEnforcementProps",
      "WorkloadIdentityProps",
    ]);
    expect(typeNames.filter((name) => type(name).kind === "interface" && !type(name).datatype)).toEqual([
      "ITerraformBlock",
    ]);
  });

  test("every class has the same name in the TypeScript entry", () => {
    for (const name of typeNames.filter((n) => type(n).kind === "class")) {
      expect([name, typeof (library as Record<string, unknown>)[name]]).toEqual([name, "function"]);
    }
  });

  test("the constructs extend constructs' Construct and keep their factories", () => {
    expect(type("OidcIssuer").base).toBe("constructs.Construct");
    expect(type("WorkloadIdentity").base).toBe("constructs.Construct");
    expect(names(type("OidcIssuer").methods, (m) => m.static === true)).toEqual([
      "githubActions",
      "gitlab",
      "isOidcIssuer",
      "kubernetes",
      "spiffe",
      "terraformCloud",
    ]);
    expect(names(type("Subject").methods, (m) => m.static === true)).toEqual([
      "exact",
      "githubBranch",
      "githubEnvironment",
      "githubPullRequest",
      "githubTag",
      "gitlab",
      "gitlabRef",
      "isSubject",
      "kubernetesServiceAccount",
      "pattern",
      "spiffe",
      "terraformCloud",
      "terraformCloudRun",
    ]);
    expect(names(type("AwsGrant").methods, (m) => m.static === true)).toEqual(["allow", "isAwsGrant"]);
    expect(names(type("VaultGrant").methods, (m) => m.static === true)).toEqual([
      "allow",
      "isVaultGrant",
      "of",
      "read",
    ]);
    expect(names(type("Duration").methods, (m) => m.static === true)).toEqual([
      "hours",
      "isDuration",
      "minutes",
      "parse",
      "seconds",
    ]);
  });

  test("the identity's required props are required, and TypeScript-only members are left out", () => {
    expect(names(type("WorkloadIdentityProps").properties, (m) => !m.optional)).toEqual([
      "approver",
      "issuer",
      "owner",
      "scope",
      "subject",
      "ttl",
    ]);
    expect(names(type("WorkloadIdentity").properties)).toEqual([
      "roleArn",
      "roleName",
      "vaultPolicyName",
      "vaultRoleName",
    ]);
    // Enum-like classes: constants as static read-only properties, so a typo fails to compile.
    expect(names(type("VaultCapability").properties, (m) => m.static === true)).toEqual([
      "CREATE",
      "DELETE",
      "DENY",
      "LIST",
      "PATCH",
      "READ",
      "SUDO",
      "UPDATE",
    ]);
    expect(names(type("GitlabRefType").properties, (m) => m.static === true)).toEqual(["BRANCH", "TAG"]);
    expect(names(type("TerraformCloudRunPhase").properties, (m) => m.static === true)).toEqual([
      "APPLY",
      "PLAN",
    ]);
    // Engine types (string-literal unions, read-only records) stay TypeScript-only.
    expect(names(type("AwsGrant").methods)).not.toContain("toRecord");
    expect(names(type("OidcIssuer").properties)).not.toContain("record");
  });

  test("jsii-pacmak generated a Python class and a Go file for every type", () => {
    const python = fs.readFileSync(PYTHON_MODULE, "utf8");
    const goFiles = fs.readdirSync(GO_PACKAGE);
    for (const name of typeNames) {
      expect([name, new RegExp(`^class ${name}\\b`, "m").test(python)]).toEqual([name, true]);
      expect([name, goFiles.includes(`${name}.go`)]).toEqual([name, true]);
    }
  });

  const python = spawnSync("python3", ["--version"]);
  (python.status === 0 ? test : test.skip)("the generated Python module compiles", () => {
    const compiled = spawnSync("python3", ["-m", "py_compile", PYTHON_MODULE], { encoding: "utf8" });
    expect(compiled.stderr).toBe("");
    expect(compiled.status).toBe(0);
  });

  (python.status === 0 ? test : test.skip)("the README's Python example fits the generated module", () => {
    const examples = readmeBlocks(readReadme()).filter((b) => b.language === "python");
    expect(examples).toHaveLength(1);
    const checked = spawnSync(
      "python3",
      [path.join(__dirname, "python-example-check.py"), PYTHON_MODULE, "cdktf_workload_identity"],
      { input: examples[0].code, encoding: "utf8" },
    );
    expect(checked.stderr).toBe("");
    expect(checked.stdout.trim()).toBe("");
    // The checker reports what does not fit: a keyword the generated signature does not declare, and
    // the required one (an approval's expiry) it then misses.
    const broken = spawnSync(
      "python3",
      [path.join(__dirname, "python-example-check.py"), PYTHON_MODULE, "cdktf_workload_identity"],
      { input: examples[0].code.replace("expires_on=", "expiresOn="), encoding: "utf8" },
    );
    expect(broken.stdout.trim().split("\n")).toEqual([
      "ApprovalProps.__init__ has no argument expiresOn",
      "ApprovalProps.__init__ requires expires_on",
    ]);
  });
});
