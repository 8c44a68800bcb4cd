/**
 * The jsii build as a Python or Go app runs it (run by `.ci/run` through `npm run test:package`,
 * after `npm run jsii`). Python's and Go's jsii packages start `@jsii/runtime` (a Node.js process)
 * and send it JSON requests: load each assembly's npm tarball, create objects, call static and
 * instance methods. This test starts that runtime (the version jsii-pacmak generated code for) and
 * sends the requests the Python app of the README's "Other languages" section would: the tarball is
 * the one jsii-pacmak put into the generated Python package, loaded next to cdktf, constructs and
 * `@cdktf/provider-vault` from the npm cache (the versions the repository locked). No Python or Go
 * runs here (no Python package index or Go toolchain on this machine).
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { REPO_ROOT } from "../readme/readme-blocks";

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "wi-jsii-runtime-"));
afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as { version: string };
const version = (name: string) =>
  readJson(path.join(REPO_ROOT, "node_modules", name, "package.json")).version;
const LIBRARY_VERSION = readJson(path.join(REPO_ROOT, "package.json")).version;
/** What `npm run jsii` put into the generated Python package (the Go package has the same bytes). */
const LIBRARY_TARBALL = path.join(
  REPO_ROOT,
  "jsii",
  "dist-lang",
  "python",
  "src",
  "cdktf_workload_identity",
  "_jsii",
  `cdktf-workload-identity@${LIBRARY_VERSION}.jsii.tgz`,
);
/** The policy date the approvals below are checked against (they expire 2027-06-30). */
const TODAY = "2026-12-01";

/** `npm pack NAME@VERSION` from the npm cache `npm ci` filled; the tarball's path. */
function packFromCache(name: string, packageVersion: string): string {
  const out = execFileSync(
    "npm",
    ["pack", `${name}@${packageVersion}`, "--json", "--prefer-offline", "--pack-destination", WORK],
    { cwd: WORK, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  return path.join(WORK, (JSON.parse(out) as { filename: string }[])[0].filename);
}

type Ref = { readonly "$jsii.byref": string };
type Response = { readonly ok?: unknown; readonly error?: string; readonly hello?: string };

/** A host speaking the jsii runtime's protocol: one JSON request per line, one response per line. */
class JsiiHost {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly responses: Response[] = [];
  private readonly waiting: ((response: Response) => void)[] = [];

  constructor(runtimeBin: string) {
    this.child = spawn(process.execPath, [runtimeBin], { stdio: "pipe" });
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => {
      const response = JSON.parse(line) as Response;
      const waiter = this.waiting.shift();
      if (waiter) waiter(response);
      else this.responses.push(response);
    });
  }

  private next(): Promise<Response> {
    const ready = this.responses.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => this.waiting.push(resolve));
  }

  async hello(): Promise<string> {
    return (await this.next()).hello ?? "";
  }

  /** Sends one request; resolves to `ok`, rejects with the runtime's error message. */
  async request(api: string, body: Record<string, unknown>): Promise<unknown> {
    this.child.stdin.write(`${JSON.stringify({ api, ...body })}\n`);
    const response = await this.next();
    if (response.error !== undefined) throw new Error(response.error);
    return response.ok;
  }

  create(fqn: string, args: unknown[]): Promise<Ref> {
    return this.request("create", { fqn, args }) as Promise<Ref>;
  }
  async sinvoke(fqn: string, method: string, args: unknown[]): Promise<unknown> {
    return ((await this.request("sinvoke", { fqn, method, args })) as { result?: unknown }).result;
  }
  async invoke(objref: Ref, method: string, args: unknown[] = []): Promise<unknown> {
    return ((await this.request("invoke", { objref, method, args })) as { result?: unknown }).result;
  }
  async get(objref: Ref, property: string): Promise<unknown> {
    return ((await this.request("get", { objref, property })) as { value?: unknown }).value;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.stdin.end(`${JSON.stringify({ exit: 0 })}\n`);
    });
  }
}

const LIB = "cdktf-workload-identity";
let host: JsiiHost;

beforeAll(async () => {
  if (!fs.existsSync(LIBRARY_TARBALL)) {
    throw new Error(`${path.relative(REPO_ROOT, LIBRARY_TARBALL)} is missing: run npm run jsii first`);
  }
  const runtimeVersion = version("jsii-pacmak");
  const runtimeTarball = packFromCache("@jsii/runtime", runtimeVersion);
  execFileSync("tar", ["xzf", runtimeTarball, "-C", WORK]);
  host = new JsiiHost(path.join(WORK, "package", "webpack", "bin", "jsii-runtime.js"));
  expect(await host.hello()).toBe(`@jsii/runtime@${runtimeVersion}`);
  for (const name of ["constructs", "cdktf", "@cdktf/provider-vault"]) {
    const tarball = packFromCache(name, version(name));
    await host.request("load", { name, version: version(name), tarball });
  }
  await host.request("load", { name: LIB, version: LIBRARY_VERSION, tarball: LIBRARY_TARBALL });
});
afterAll(() => host?.close());

/** An app with a GitLab issuer on the Vault side, as the Python example would build it. */
async function vaultApp(outdir: string): Promise<{ app: Ref; stack: Ref; issuer: Ref }> {
  const app = await host.create("cdktf.App", [
    { outdir, context: { "cdktf-workload-identity:policy": { today: TODAY } } },
  ]);
  const stack = await host.create("cdktf.TerraformStack", [app, "deploys"]);
  await host.create("@cdktf/provider-vault.provider.VaultProvider", [
    stack,
    "vault",
    { address: "https://vault.example.com" },
  ]);
  const issuer = (await host.sinvoke(`${LIB}.OidcIssuer`, "gitlab", [
    stack,
    "gitlab",
    { owner: { team: "platform", contact: "platform@example.com" }, vault: { mountPath: "jwt-gitlab" } },
  ])) as Ref;
  return { app, stack, issuer };
}

async function declareIdentity(stack: Ref, issuer: Ref, id: string, ref: string): Promise<Ref> {
  const subject = await host.sinvoke(`${LIB}.Subject`, "gitlab", ["acme/api", "branch", ref]);
  const ttl = await host.sinvoke(`${LIB}.Duration`, "minutes", [30]);
  const grant = await host.sinvoke(`${LIB}.VaultGrant`, "read", [`secret/data/api/${id}`]);
  const approval = { name: "security-governance", reference: "SEC-1", expiresOn: "2027-06-30" };
  return host.create(`${LIB}.WorkloadIdentity`, [
    stack,
    id,
    {
      issuer,
      subject,
      owner: { team: id, contact: `${id}@example.com` },
      approver: approval,
      secretsApprover: { ...approval, reference: "SEC-2" },
      ttl,
      scope: { description: `Deploy ${id}`, vault: [grant] },
    },
  ]);
}

test("an identity synthesizes through the jsii runtime, and its attributes are readable", async () => {
  const outdir = path.join(WORK, "clean");
  const { app, stack, issuer } = await vaultApp(outdir);
  const identity = await declareIdentity(stack, issuer, "api-deploy", "main");
  expect(await host.get(identity, "vaultRoleName")).toBe("deploys-api-deploy");
  expect(await host.get(identity, "roleName")).toBeUndefined();
  await host.invoke(app, "synth");

  const synthesized = JSON.parse(
    fs.readFileSync(path.join(outdir, "stacks", "deploys", "cdk.tf.json"), "utf8"),
  ) as {
    resource: Record<string, Record<string, Record<string, unknown>>>;
  };
  expect(Object.keys(synthesized.resource).sort()).toEqual([
    "vault_jwt_auth_backend",
    "vault_jwt_auth_backend_role",
    "vault_policy",
  ]);
  const [role] = Object.values(synthesized.resource.vault_jwt_auth_backend_role);
  expect(role).toMatchObject({
    role_name: "deploys-api-deploy",
    bound_subject: "project_path:acme/api:ref_type:branch:ref:main",
    token_ttl: 1800,
    token_no_default_policy: true,
  });
});

test("two identities on one token block synth with WI303, as cdktf synth would in Python", async () => {
  const { app, stack, issuer } = await vaultApp(path.join(WORK, "shared"));
  await declareIdentity(stack, issuer, "api-deploy", "main");
  await declareIdentity(stack, issuer, "web-deploy", "main");
  await expect(host.invoke(app, "synth")).rejects.toThrow(/WI303/);
  expect(fs.existsSync(path.join(WORK, "shared", "stacks", "deploys", "cdk.tf.json"))).toBe(false);
});

test("an invalid declaration reaches the host as one error listing every problem", async () => {
  const { stack, issuer } = await vaultApp(path.join(WORK, "invalid"));
  const subject = await host.sinvoke(`${LIB}.Subject`, "gitlab", ["acme/api", "branch", "main"]);
  const ttl = await host.sinvoke(`${LIB}.Duration`, "hours", [13]);
  const error = await host
    .create(`${LIB}.WorkloadIdentity`, [
      stack,
      "incomplete",
      {
        issuer,
        subject,
        owner: { team: "api", contact: "api@example.com" },
        approver: { name: "api", reference: "SEC-3", expiresOn: "2030-12-31" },
        ttl,
        scope: { description: "Nothing granted" },
      },
    ])
    .then(
      () => undefined,
      (thrown: Error) => thrown.message,
    );
  expect(error).toMatch(/^Invalid WorkloadIdentity "deploys\/incomplete" \(\d+ problems\)/);
  for (const field of ["approver.name", "ttl", "scope"]) expect(error).toContain(` ${field}: `);
});
