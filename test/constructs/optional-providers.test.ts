/**
 * Each provider package is an optional peer: an app without one still loads the library and
 * synthesizes identities of the other side, and a side used without its package fails with an error
 * naming the package. The engine entry loads neither cdktf nor constructs nor any provider.
 * Modules are made "not installed" the way Node reports it (MODULE_NOT_FOUND), in an isolated
 * module registry. The packed-package test (test/package) checks the same with real installs.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const AWS_MODULES = [
  "iam-openid-connect-provider",
  "iam-role",
  "iam-role-policy",
  "data-aws-caller-identity",
  "data-aws-partition",
].map((module) => `@cdktf/provider-aws/lib/${module}`);
const VAULT_MODULES = ["policy", "jwt-auth-backend", "jwt-auth-backend-role"].map(
  (module) => `@cdktf/provider-vault/lib/${module}`,
);

type Library = typeof import("../../lib");
type Cdktf = typeof import("cdktf");

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function notInstalled(moduleName: string): Error {
  return Object.assign(
    new Error(`Cannot find module '${moduleName}' from 'lib/constructs/terraform-bindings.ts'`),
    {
      code: "MODULE_NOT_FOUND",
    },
  );
}

/** Runs `body` with a fresh copy of the library and cdktf, where `missing` modules cannot be found. */
function withoutModules(missing: readonly string[], body: (library: Library, cdktf: Cdktf) => void): void {
  try {
    jest.isolateModules(() => {
      for (const name of missing) mockModule(name, () => notInstalled(name));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      body(require("../../lib") as Library, require("cdktf") as Cdktf);
    });
  } finally {
    unmockAll();
  }
}

/** Mocks outlive isolateModules: every one is undone after its test. */
const mocked = new Set<string>();
function mockModule(name: string, error: () => Error): void {
  mocked.add(name);
  jest.doMock(name, () => {
    throw error();
  });
}
function unmockAll(): void {
  for (const name of mocked) jest.dontMock(name);
  mocked.clear();
}

/** A stack with the provider of the one side installed. */
function stackIn(cdktf: Cdktf, side: "aws" | "vault") {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-optional-"));
  outdirs.push(outdir);
  const app = cdktf.Testing.app({
    outdir,
    context: { "cdktf-workload-identity:policy": { today: "2026-06-01" } },
  });
  const stack = new cdktf.TerraformStack(app, "stack");
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (side === "aws") {
    const { AwsProvider } =
      require("@cdktf/provider-aws/lib/provider") as typeof import("@cdktf/provider-aws/lib/provider");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
  } else {
    const { VaultProvider } =
      require("@cdktf/provider-vault/lib/provider") as typeof import("@cdktf/provider-vault/lib/provider");
    new VaultProvider(stack, "vault", { address: "https://vault.example.com" });
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return stack;
}

function accountable(library: Library) {
  return {
    owner: { team: "payments", contact: "payments@example.com" },
    approver: { name: "security", reference: "SEC-1", expiresOn: "2026-12-31" },
    secretsApprover: { name: "secrets-custodians", reference: "SEC-2", expiresOn: "2026-12-31" },
    ttl: library.Duration.hours(1),
  };
}

const PLATFORM = { team: "platform", contact: "platform@example.com" };

function resourceTypes(cdktf: Cdktf, stack: InstanceType<Cdktf["TerraformStack"]>): string[] {
  const json = JSON.parse(cdktf.Testing.synth(stack, true)) as {
    resource?: Record<string, unknown>;
    data?: Record<string, unknown>;
  };
  return [
    ...Object.keys(json.resource ?? {}),
    ...Object.keys(json.data ?? {}).map((t) => `data.${t}`),
  ].sort();
}

describe("without @cdktf/provider-vault", () => {
  test("an AWS-only identity synthesizes", () => {
    withoutModules(VAULT_MODULES, (library, cdktf) => {
      const stack = stackIn(cdktf, "aws");
      const issuer = library.OidcIssuer.kubernetes(stack, "eks", {
        url: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
        owner: PLATFORM,
        aws: {},
      });
      new library.WorkloadIdentity(stack, "orders", {
        issuer,
        subject: library.Subject.kubernetesServiceAccount("orders", "orders-api"),
        scope: {
          description: "Orders API reads its queue",
          aws: [
            library.AwsGrant.allow(["sqs:ReceiveMessage"], ["arn:aws:sqs:eu-west-1:123456789012:orders"]),
          ],
        },
        ...accountable(library),
      });
      expect(resourceTypes(cdktf, stack)).toEqual([
        "aws_iam_openid_connect_provider",
        "aws_iam_role",
        "aws_iam_role_policy",
        "data.aws_caller_identity",
        "data.aws_partition",
      ]);
    });
  });

  test("a Vault side fails with an error naming the package to install", () => {
    withoutModules(VAULT_MODULES, (library, cdktf) => {
      const stack = stackIn(cdktf, "aws");
      expect(() =>
        library.OidcIssuer.githubActions(stack, "github", {
          owner: PLATFORM,
          vault: { mountPath: "jwt-github" },
        }),
      ).toThrow(
        "cdktf-workload-identity: stack/github uses the Vault side (vault_jwt_auth_backend), which needs the package " +
          "@cdktf/provider-vault, and it is not installed. Install it (npm install @cdktf/provider-vault@^15), " +
          "or declare no Vault side.",
      );
    });
  });
});

describe("without @cdktf/provider-aws", () => {
  test("a Vault-only identity synthesizes", () => {
    withoutModules(AWS_MODULES, (library, cdktf) => {
      const stack = stackIn(cdktf, "vault");
      const issuer = library.OidcIssuer.spiffe(stack, "spire", {
        url: "https://spire-oidc.prod.acme.internal",
        trustDomain: "prod.acme.internal",
        owner: PLATFORM,
        vault: { mountPath: "jwt-spire" },
      });
      new library.WorkloadIdentity(stack, "billing", {
        issuer,
        subject: library.Subject.spiffe("spiffe://prod.acme.internal/ns/billing/sa/worker"),
        scope: {
          description: "Billing worker reads its database secret",
          vault: [library.VaultGrant.read("secret/data/billing/db")],
        },
        ...accountable(library),
      });
      expect(resourceTypes(cdktf, stack)).toEqual([
        "vault_jwt_auth_backend",
        "vault_jwt_auth_backend_role",
        "vault_policy",
      ]);
    });
  });

  test("an AWS side fails with an error naming the package to install", () => {
    withoutModules(AWS_MODULES, (library, cdktf) => {
      const stack = stackIn(cdktf, "vault");
      expect(() => library.OidcIssuer.githubActions(stack, "github", { owner: PLATFORM, aws: {} })).toThrow(
        /^cdktf-workload-identity: stack\/github uses the AWS side \(aws_(caller_identity|partition|iam_openid_connect_provider)\), which needs the package @cdktf\/provider-aws, and it is not installed\. Install it \(npm install @cdktf\/provider-aws@\^21\)/,
      );
    });
  });
});

test("a module missing inside an installed provider is not reported as the provider missing", () => {
  withoutModules(["@cdktf/provider-vault/lib/policy"], (library, cdktf) => {
    mockModule("@cdktf/provider-vault/lib/jwt-auth-backend", () => notInstalled("some-dependency"));
    const stack = stackIn(cdktf, "aws");
    expect(() =>
      library.OidcIssuer.githubActions(stack, "github", {
        owner: PLATFORM,
        vault: { mountPath: "jwt-github" },
      }),
    ).toThrow("Cannot find module 'some-dependency'");
  });
});

test("the engine entry loads neither cdktf, constructs nor a provider", () => {
  const forbidden = ["cdktf", "constructs", ...AWS_MODULES, ...VAULT_MODULES];
  try {
    jest.isolateModules(() => {
      for (const name of forbidden) mockModule(name, () => new Error(`the engine entry loaded ${name}`));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const engine = require("../../lib/engine-api") as typeof import("../../lib/engine-api");
      const file = path.join(__dirname, "..", "fixtures", "cli", "clean.tf.json");
      const evaluation = engine.evaluate(
        engine.buildGraph(engine.loadInputs([file])),
        engine.resolvePolicy({}),
      );
      expect(engine.blockingFindings(evaluation)).toEqual([]);
      expect(engine.RULE_CATALOG.length).toBeGreaterThan(0);
    });
  } finally {
    unmockAll();
  }
});
