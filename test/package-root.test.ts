/**
 * The package root declares constructs without loading the reviewer (extractor, rules, formats,
 * CLI): an app pays for it when it synthesizes, not when it imports the package (issue 11, package
 * load). The root still exports every value of the engine entry, the same objects.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

type Library = typeof import("../lib");
type Cdktf = typeof import("cdktf");

/** The reviewer's entry points: any of them loaded means the reviewer was loaded. */
const REVIEWER_MODULES = [
  "../lib/engine-api",
  "../lib/engine/evaluate",
  "../lib/extract/build-graph",
  "../lib/rules/catalog",
  "../lib/formats/formats",
  "../lib/cli/main",
];

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `body` with a fresh library in which requiring any reviewer module throws. */
function withoutReviewer(body: (library: Library, cdktf: Cdktf) => void): void {
  try {
    jest.isolateModules(() => {
      for (const name of REVIEWER_MODULES)
        jest.doMock(name, () => {
          throw new Error(`loaded ${name}`);
        });
      /* eslint-disable @typescript-eslint/no-require-imports */
      body(require("../lib") as Library, require("cdktf") as Cdktf);
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
  } finally {
    for (const name of REVIEWER_MODULES) jest.dontMock(name);
  }
}

test("declaring an issuer and an identity loads no reviewer module; reading an engine export does", () => {
  withoutReviewer((library, cdktf) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-root-"));
    outdirs.push(outdir);
    const app = cdktf.Testing.app({ outdir });
    const stack = new cdktf.TerraformStack(app, "stack");
    const issuer = library.OidcIssuer.kubernetes(stack, "eks", {
      url: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      owner: { team: "platform", contact: "platform@example.com" },
      aws: {},
    });
    const identity = new library.WorkloadIdentity(stack, "orders", {
      issuer,
      subject: library.Subject.kubernetesServiceAccount("orders", "orders-api"),
      scope: {
        description: "Orders API reads its queue",
        aws: [library.AwsGrant.allow(["sqs:ReceiveMessage"], ["arn:aws:sqs:eu-west-1:123456789012:orders"])],
      },
      owner: { team: "payments", contact: "payments@example.com" },
      approver: { name: "security", reference: "SEC-1", expiresOn: "2026-12-31" },
      ttl: library.Duration.hours(1),
    });
    expect(identity.node.path).toBe("stack/orders");
    expect(library.WorkloadIdentityEnforcement.isEnabled(stack)).toBe(true);
    expect(() => library.evaluate).toThrow("loaded ../lib/engine-api");
  });
});

test("the root exports every value of the engine entry, the same object", () => {
  jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const root = require("../lib") as Record<string, unknown>;
    const engine = require("../lib/engine-api") as Record<string, unknown>;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const names = Object.keys(engine).filter((name) => name !== "__esModule");
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect([name, root[name]]).toEqual([name, engine[name]]);
    for (const name of names) expect(root[name] === engine[name]).toBe(true);
  });
});
