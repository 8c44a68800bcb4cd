/**
 * Public API values are recognized by the objects this copy of the library made, never by the
 * brand alone (issue 13): forged objects, Proxies and values of another copy are rejected with an
 * error saying so. And a constructor that throws, for whatever reason, leaves the tree as it was.
 */
import { Testing, type TerraformStack } from "cdktf";
import { OidcIssuer } from "../../lib/constructs/oidc-issuer";
import { WorkloadIdentity, type WorkloadIdentityProps } from "../../lib/constructs/workload-identity";
import { AwsGrant } from "../../lib/declaration/aws-grant";
import { Duration } from "../../lib/declaration/duration";
import { Subject } from "../../lib/declaration/subject";
import { VaultGrant } from "../../lib/declaration/vault-grant";
import { WorkloadIdentityValidationError } from "../../lib/errors/validation-errors";
import { removeOutdirs, testApp, testStack } from "./construct-harness";
import { deployProps, githubIssuer, PLATFORM } from "./identity-fixtures";

afterAll(removeOutdirs);

const brand = (name: string) => Symbol.for(`cdktf-workload-identity.${name}`);

/** The problems of a declaration that must be refused, checking the tree is left as it was. */
function problemsOf(change: (issuer: OidcIssuer) => Partial<Record<keyof WorkloadIdentityProps, unknown>>) {
  const stack = testStack();
  const issuer = githubIssuer(stack);
  const before = Testing.synth(stack);
  try {
    new WorkloadIdentity(stack, "deploy-api", {
      ...deployProps(issuer),
      ...change(issuer),
    } as WorkloadIdentityProps);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkloadIdentityValidationError);
    expect(stack.node.tryFindChild("deploy-api")).toBeUndefined();
    expect(Testing.synth(stack)).toBe(before);
    return (error as WorkloadIdentityValidationError).problems.map((p) => `${p.field}: ${p.problem}`);
  }
  throw new Error("expected the identity to be refused");
}

const NOT_MADE_HERE =
  "was not created by this copy of cdktf-workload-identity (another copy or version of the package, a Proxy, or a forged object)";

describe("values carrying the brand but not made by this copy are refused", () => {
  const forged = (name: string, shape: Record<string, unknown>) => ({ [brand(name)]: true, ...shape });

  test.each([
    ["ttl", "Duration", () => forged("Duration", { toSeconds: () => 1800, problems: [] })],
    [
      "subject",
      "Subject",
      () => forged("Subject", { value: "repo:acme/api:environment:production", problems: [] }),
    ],
    [
      "issuer",
      "OidcIssuer",
      () => forged("OidcIssuer", { url: "https://token.actions.githubusercontent.com" }),
    ],
  ])("a forged %s", (field, what, value) => {
    expect(problemsOf(() => ({ [field]: value() }))).toEqual([
      `${field}: carries the ${what} brand but ${NOT_MADE_HERE}`,
    ]);
  });

  test("forged grants in the scope, each named by its index", () => {
    const problems = problemsOf(() => ({
      scope: {
        description: "Deploy the api service",
        aws: [forged("AwsGrant", { actions: ["s3:*"], resources: ["*"], problems: [] })],
        vault: [VaultGrant.read("secret/data/a"), forged("VaultGrant", { path: "secret/*", problems: [] })],
      },
    }));
    expect(problems).toEqual([
      `scope.aws[0]: carries the AwsGrant brand but ${NOT_MADE_HERE}`,
      `scope.vault[1]: carries the VaultGrant brand but ${NOT_MADE_HERE}`,
    ]);
  });

  test("a Proxy around a real value, and an object inheriting from one, are not that value", () => {
    expect(problemsOf(() => ({ ttl: new Proxy(Duration.minutes(30), {}) }))).toEqual([
      `ttl: carries the Duration brand but ${NOT_MADE_HERE}`,
    ]);
    const inherited = Object.create(Subject.githubBranch("acme/api", "main")) as object;
    expect(problemsOf(() => ({ subject: inherited }))).toEqual([
      `subject: carries the Subject brand but ${NOT_MADE_HERE}`,
    ]);
    expect(Duration.isDuration(new Proxy(Duration.minutes(30), {}))).toBe(false);
    expect(AwsGrant.isAwsGrant(Object.create(AwsGrant.allow(["s3:GetObject"], ["*"])))).toBe(false);
  });

  test("a Proxy whose every trap throws is simply not a Duration, and no TypeError escapes", () => {
    const hostile = new Proxy(
      {},
      {
        has: () => {
          throw new Error("has");
        },
        get: () => {
          throw new Error("get");
        },
        ownKeys: () => {
          throw new Error("ownKeys");
        },
        getPrototypeOf: () => {
          throw new Error("getPrototypeOf");
        },
      },
    );
    expect(problemsOf(() => ({ ttl: hostile }))).toEqual(["ttl: is not a Duration"]);
  });

  test("values made by the factories are accepted", () => {
    const stack = testStack();
    expect(() => new WorkloadIdentity(stack, "deploy-api", deployProps(githubIssuer(stack)))).not.toThrow();
  });
});

describe("a constructor that throws leaves nothing in the tree, and its id can be used again", () => {
  function resourceTypes(stack: TerraformStack): string[] {
    const json = JSON.parse(Testing.synth(stack)) as Record<string, Record<string, unknown> | undefined>;
    return ["data", "resource"]
      .flatMap((kind) => Object.keys(json[kind] ?? {}).map((type) => `${kind}.${type}`))
      .sort();
  }

  test("invalid props: the app synthesizes without a half identity, and the id is free", () => {
    const app = testApp();
    const stack = testStack(app);
    const issuer = githubIssuer(stack);
    const before = resourceTypes(stack);
    expect(
      () => new WorkloadIdentity(stack, "deploy-api", deployProps(issuer, { ttl: Duration.minutes(-1) })),
    ).toThrow(WorkloadIdentityValidationError);
    expect(resourceTypes(stack)).toEqual(before);
    const identity = new WorkloadIdentity(stack, "deploy-api", deployProps(issuer));
    expect(identity.node.path).toBe("stack/deploy-api");
    app.synth(); // the whole-app review passes: one identity, nothing left of the failed one
    expect(stack.node.findAll().filter(WorkloadIdentity.isWorkloadIdentity)).toHaveLength(1);
  });

  test("a props getter that throws: its own error, nothing left behind", () => {
    const stack = testStack();
    const issuer = githubIssuer(stack);
    const before = resourceTypes(stack);
    const props = { ...deployProps(issuer) } as Record<string, unknown>;
    Object.defineProperty(props, "scope", {
      get() {
        throw new Error("scope getter failed");
      },
    });
    expect(
      () => new WorkloadIdentity(stack, "deploy-api", props as unknown as WorkloadIdentityProps),
    ).toThrow("scope getter failed");
    expect(stack.node.tryFindChild("deploy-api")).toBeUndefined();
    expect(resourceTypes(stack)).toEqual(before);
    expect(() => new WorkloadIdentity(stack, "deploy-api", deployProps(issuer))).not.toThrow();
  });

  test("a failure while the resources are made removes those already made, in its own stack too", () => {
    const app = testApp();
    const issuerStack = testStack(app, "issuers");
    const stack = testStack(app, "apps");
    const issuer = githubIssuer(issuerStack);
    const before = resourceTypes(stack);
    // The AWS side is made first (role, policy, and the account data sources naming the provider
    // of another stack); then the Vault side fails.
    const failing = Object.create(issuer) as OidcIssuer;
    Object.defineProperty(failing, "vaultMountPath", {
      get() {
        throw new Error("mount path unavailable");
      },
    });
    // An object inheriting from the issuer is refused before anything is made:
    expect(() => new WorkloadIdentity(stack, "deploy-api", deployProps(failing))).toThrow(
      WorkloadIdentityValidationError,
    );
    Object.defineProperty(issuer, "vaultMountPath", {
      configurable: true,
      get() {
        throw new Error("mount path unavailable");
      },
    });
    expect(() => new WorkloadIdentity(stack, "deploy-api", deployProps(issuer))).toThrow(
      "mount path unavailable",
    );
    expect(stack.node.tryFindChild("deploy-api")).toBeUndefined();
    expect(resourceTypes(stack)).toEqual(before);
  });

  test("an OidcIssuer with a throwing props getter leaves nothing, and its id can be used again", () => {
    const stack = testStack();
    const props = { owner: PLATFORM } as Record<string, unknown>;
    Object.defineProperty(props, "aws", {
      get() {
        throw new Error("aws getter failed");
      },
    });
    expect(
      () =>
        new OidcIssuer(stack, "github", {
          url: "https://token.actions.githubusercontent.com",
          ...props,
        } as never),
    ).toThrow();
    expect(stack.node.tryFindChild("github")).toBeUndefined();
    expect(() => githubIssuer(stack)).not.toThrow();
  });
});
