/**
 * Either core, either provider family. Under cdktn without typed bindings for a side, the constructs
 * emit the block through the core's generic resource with the provider schema's names; the output
 * must be byte-identical to the typed classes'. Here cdktn is cdktf's own module under the name
 * `cdktn` (cdktn is a fork that keeps cdktf's runtime), and the typed providers are not installed, so
 * all eight block types go through the generic path. The packed-package test runs a real cdktn app.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

type Library = typeof import("../../lib");
type Cdktf = typeof import("cdktf");

const TYPED_MODULES = [
  "@cdktf/provider-aws/lib/iam-openid-connect-provider",
  "@cdktf/provider-aws/lib/iam-role",
  "@cdktf/provider-aws/lib/iam-role-policy",
  "@cdktf/provider-aws/lib/data-aws-caller-identity",
  "@cdktf/provider-aws/lib/data-aws-partition",
  "@cdktf/provider-vault/lib/policy",
  "@cdktf/provider-vault/lib/jwt-auth-backend",
  "@cdktf/provider-vault/lib/jwt-auth-backend-role",
];

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const mocked = new Set<string>();
function notInstalled(name: string): Error {
  return Object.assign(new Error(`Cannot find module '${name}' from 'lib/constructs/terraform-core.ts'`), {
    code: "MODULE_NOT_FOUND",
  });
}

/** A fresh library and core; `cdktn` is installed (as cdktf's runtime) when asked, `missing` are not. */
function isolated<T>(
  options: { cdktn: boolean; missing: readonly string[] },
  body: (library: Library, core: Cdktf) => T,
): T {
  let result: T | undefined;
  try {
    jest.isolateModules(() => {
      if (options.cdktn) {
        mocked.add("cdktn");
        jest.doMock("cdktn", () => jest.requireActual("cdktf"), { virtual: true });
      }
      for (const name of options.missing) {
        mocked.add(name);
        jest.doMock(name, () => {
          throw notInstalled(name);
        });
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const core = require(options.cdktn ? "cdktn" : "cdktf") as Cdktf;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      result = body(require("../../lib") as Library, core);
    });
  } finally {
    for (const name of mocked) jest.dontMock(name);
    mocked.clear();
  }
  return result as T;
}

/** Every block type: an issuer creating both sides, an exact-subject and a pattern-subject identity. */
function buildApp(library: Library, core: Cdktf) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-families-"));
  outdirs.push(outdir);
  const app = core.Testing.app({
    outdir,
    context: { "cdktf-workload-identity:policy": { today: "2026-06-01" } },
  });
  const stack = new core.TerraformStack(app, "stack");
  const issuer = library.OidcIssuer.githubActions(stack, "github", {
    owner: { team: "platform", contact: "platform@example.com" },
    aws: {},
    vault: { mountPath: "jwt-github" },
  });
  const accountable = {
    owner: { team: "payments", contact: "payments@example.com" },
    approver: { name: "security", reference: "SEC-1", expiresOn: "2026-12-31" },
    secretsApprover: { name: "secrets-custodians", reference: "SEC-2", expiresOn: "2026-12-31" },
    ttl: library.Duration.minutes(30),
  };
  new library.WorkloadIdentity(stack, "deploy-api", {
    ...accountable,
    issuer,
    subject: library.Subject.githubEnvironment("acme/api", "production"),
    permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/boundary",
    scope: {
      description: "Deploy the api service",
      aws: [library.AwsGrant.allow(["s3:PutObject"], ["arn:aws:s3:::acme-artifacts/api/*"])],
      vault: [library.VaultGrant.read("secret/data/payments/api/deploy")],
    },
  });
  new library.WorkloadIdentity(stack, "preview", {
    ...accountable,
    issuer,
    subject: library.Subject.pattern("repo:acme/web:pull_request*", "previews of any pull request"),
    scope: {
      description: "Preview deploys",
      vault: [library.VaultGrant.read("secret/data/web/preview")],
    },
  });
  return stack;
}

function synthesized(options: { cdktn: boolean; missing: readonly string[] }) {
  return isolated(options, (library, core) => {
    const stack = buildApp(library, core);
    const json = core.Testing.synth(stack);
    const hcl = core.Testing.synthHcl(stack) as string;
    const types = Object.keys((JSON.parse(json) as { resource: object }).resource);
    const data = Object.keys((JSON.parse(json) as { data: object }).data);
    return { json, hcl, types: [...types, ...data.map((t) => `data.${t}`)].sort() };
  });
}

test("under cdktn without typed providers, all eight block types synthesize byte-identically to the typed classes", () => {
  const typed = synthesized({ cdktn: false, missing: [] });
  const generic = synthesized({ cdktn: true, missing: TYPED_MODULES });
  expect(typed.types).toEqual([
    "aws_iam_openid_connect_provider",
    "aws_iam_role",
    "aws_iam_role_policy",
    "data.aws_caller_identity",
    "data.aws_partition",
    "vault_jwt_auth_backend",
    "vault_jwt_auth_backend_role",
    "vault_policy",
  ]);
  expect(generic.json).toBe(typed.json);
  expect(generic.hcl).toBe(typed.hcl);
});

test("under cdktn with the @cdktf providers installed, their typed classes are used", () => {
  const classes = isolated({ cdktn: true, missing: [] }, (library, core) => {
    const stack = buildApp(library, core);
    return stack.node
      .findAll()
      .filter((c) => (c as { terraformResourceType?: string }).terraformResourceType !== undefined)
      .map((c) => c.constructor.name)
      .sort();
  });
  expect(classes).toEqual([
    "DataAwsCallerIdentity",
    "DataAwsPartition",
    "IamOpenidConnectProvider",
    "IamRole",
    "IamRolePolicy",
    "JwtAuthBackend",
    "JwtAuthBackendRole",
    "JwtAuthBackendRole",
    "Policy",
    "Policy",
  ]);
});

test("without cdktn and cdktf the constructs name both cores", () => {
  const attempt = () =>
    jest.isolateModules(() => {
      jest.doMock("cdktf", () => {
        throw notInstalled("cdktf");
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const library = require("../../lib") as Library;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { RootConstruct } = require("constructs") as typeof import("constructs");
      library.OidcIssuer.githubActions(new RootConstruct(), "github", {
        owner: { team: "platform", contact: "platform@example.com" },
        aws: {},
      });
    });
  try {
    expect(attempt).toThrow(
      /neither cdktn \(CDK Terrain\) nor cdktf is installed.*npm install cdktn@\^0\.24/,
    );
  } finally {
    jest.dontMock("cdktf");
  }
});
