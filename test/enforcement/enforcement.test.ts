import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VaultProvider } from "@cdktf/provider-vault/lib/provider";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { main } from "../../lib/cli/main";
import { OidcIssuer } from "../../lib/constructs/oidc-issuer";
import { WorkloadIdentity } from "../../lib/constructs/workload-identity";
import type { WorkloadIdentityProps } from "../../lib/constructs/workload-identity";
import { AwsGrant } from "../../lib/declaration/aws-grant";
import { Duration } from "../../lib/declaration/duration";
import { Subject } from "../../lib/declaration/subject";
import { VaultGrant } from "../../lib/declaration/vault-grant";
import { REPORT_ONLY_ENV, WorkloadIdentityEnforcement } from "../../lib/enforcement/enforcement";
import { POLICY_CONTEXT_KEY } from "../../lib/model/org-policy";
import { RECORD_KEY } from "../../lib/model/record";

const TODAY = "2026-11-27";
const outdirs: string[] = [];

function newApp(context: Record<string, unknown> = {}): { app: App; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), "wi-enforce-"));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { [POLICY_CONTEXT_KEY]: { today: TODAY }, ...context } });
  return { app, outdir };
}

afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function stackWithIssuer(app: App, name: string): { stack: TerraformStack; github: OidcIssuer } {
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new VaultProvider(stack, "vault", { address: "https://vault.example.com:8200" });
  const github = OidcIssuer.githubActions(stack, "github", {
    owner: { team: "platform", contact: "platform@example.com" },
    aws: {},
    vault: { mountPath: `jwt-github-${name}` },
  });
  return { stack, github };
}

function identity(
  scope: Construct,
  id: string,
  issuer: OidcIssuer,
  overrides: Partial<WorkloadIdentityProps> & { repo?: string; vaultPath?: string } = {},
): WorkloadIdentity {
  const { repo = `acme/${id}`, vaultPath = `secret/data/${id}/deploy`, ...props } = overrides;
  return new WorkloadIdentity(scope, id, {
    issuer,
    subject: Subject.githubEnvironment(repo, "production"),
    owner: { team: `${id}-team`, contact: `${id}@example.com` },
    approver: { name: "security-governance", reference: "SEC-1", expiresOn: "2027-06-30" },
    secretsApprover: { name: "secrets-custodians", reference: "SEC-2", expiresOn: "2027-06-30" },
    ttl: Duration.hours(1),
    scope: {
      description: `Deploy ${id}`,
      aws: [AwsGrant.allow(["s3:PutObject"], [`arn:aws:s3:::acme-artifacts/${id}/*`])],
      vault: [VaultGrant.read(vaultPath)],
    },
    ...props,
  });
}

function stackFiles(outdir: string): string[] {
  return ["one", "two", "three"]
    .map((s) => join(outdir, "stacks", s, "cdk.tf.json"))
    .filter((f) => existsSync(f));
}

/** Synthesizes and returns what enforcement printed on stderr (warnings, report-only notes). */
function synthPrinting(app: App): string {
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    app.synth();
    return stderr.mock.calls.map((c) => String(c[0])).join("");
  } finally {
    stderr.mockRestore();
  }
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected synth to fail");
}

describe("whole-app enforcement at synth", () => {
  test("GIVEN an earlier clean synth WHEN a later synth into the same outdir is blocked THEN the earlier stacks are removed and check on the output does not pass", () => {
    const { app, outdir } = newApp();
    const clean = stackWithIssuer(app, "one");
    identity(clean.stack, "payments-api", clean.github);
    synthPrinting(app);
    expect(stackFiles(outdir)).toHaveLength(1);

    const blocked = new App({ outdir, context: { [POLICY_CONTEXT_KEY]: { today: TODAY } } });
    const one = stackWithIssuer(blocked, "one");
    identity(one.stack, "payments-api", one.github, { vaultPath: "secret/data/payments/*" });
    identity(one.stack, "payments-db", one.github, { vaultPath: "secret/data/payments/db" });
    expect(synthError(blocked)).toContain('blocking finding in stack "one"');

    expect(stackFiles(outdir)).toEqual([]);
    let stderr = "";
    const code = main(["check", outdir], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
      cwd: outdir,
      writeFile: () => undefined,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('for stack "one", which does not exist');
  });

  test('GIVEN skipValidation on the App WHEN synth THEN it says checks were skipped, records it in each stack\'s "//", and check fails on the output (WI113)', () => {
    const outdir = mkdtempSync(join(tmpdir(), "wi-enforce-"));
    outdirs.push(outdir);
    const app = new App({
      outdir,
      skipValidation: true,
      context: { [POLICY_CONTEXT_KEY]: { today: TODAY } },
    });
    const one = stackWithIssuer(app, "one");
    // Would block (shared Vault path) if the checks ran.
    identity(one.stack, "payments-api", one.github, { vaultPath: "secret/data/payments/*" });
    identity(one.stack, "payments-db", one.github, { vaultPath: "secret/data/payments/db" });
    const printed = synthPrinting(app);
    expect(printed.match(/checks were skipped at synth/g)).toHaveLength(1);
    const written = JSON.parse(readFileSync(join(outdir, "stacks", "one", "cdk.tf.json"), "utf8"));
    expect(written["//"][RECORD_KEY]).toEqual({
      enforcement: "skipped",
      reason: expect.stringContaining("skipValidation"),
    });
    let stdout = "";
    const code = main(["check", outdir, "--format", "json"], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      env: {},
      cwd: outdir,
      writeFile: () => undefined,
    });
    expect(code).toBe(1);
    const findings = JSON.parse(stdout).findings as { ruleId: string; location: { stack: string } }[];
    expect(findings.filter((f) => f.ruleId === "WI113").map((f) => f.location.stack)).toEqual(["one"]);
    // The CLI still finds what the synth did not check.
    expect(findings.some((f) => f.ruleId === "WI301")).toBe(true);
  });

  test("GIVEN non-blocking and suppressed findings WHEN synth THEN each is a cdktf annotation on its construct: WARN, and INFO saying suppressed", () => {
    const { app, outdir } = newApp();
    const suppression = {
      ruleId: "WI301",
      reason: "Both jobs rotate the same payments database credential (SEC-77)",
      approver: "security-governance",
      expiresOn: "2027-01-31",
    };
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "payments-api", one.github, {
      vaultPath: "secret/data/payments/*",
      suppressions: [suppression],
    });
    identity(one.stack, "payments-db", one.github, {
      vaultPath: "secret/data/payments/db",
      suppressions: [suppression],
    });
    identity(one.stack, "previews", one.github, {
      subject: Subject.pattern(
        "repo:acme/site:ref:refs/heads/preview/*",
        "Preview branches are created per pull request",
      ),
    });
    synthPrinting(app);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    const annotations = manifest.stacks.one.annotations as {
      constructPath: string;
      level: string;
      message: string;
    }[];
    const ours = annotations
      .filter((a) => a.message.startsWith("cdktf-workload-identity "))
      .map((a) => [a.level, a.constructPath, a.message.split(" ")[1], a.message.split(" ")[2]]);
    // The declared wildcard subject is reported on both sides (IAM trust, Vault glob claim).
    expect(ours.sort()).toEqual([
      ["@cdktf/info", "one/payments-api/vault-policy", "WI301", "suppressed"],
      ["@cdktf/warn", "one/previews/role", "WI203", "warning"],
      ["@cdktf/warn", "one/previews/vault-role", "WI209", "warning"],
    ]);
  });

  test("GIVEN an unknown value of the enforcement variable WHEN synth THEN it fails naming the value", () => {
    const { app } = newApp();
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "payments-api", one.github);
    process.env[REPORT_ONLY_ENV] = "reprot";
    try {
      expect(synthError(app)).toContain(`${REPORT_ONLY_ENV}="reprot" is not a known value`);
    } finally {
      delete process.env[REPORT_ONLY_ENV];
    }
  });

  test("GIVEN stacks one and three sharing a Vault path WHEN synth THEN it fails naming both and writes no stack", () => {
    const { app, outdir } = newApp();
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "payments-api", one.github, { vaultPath: "secret/data/payments/*" });
    const two = stackWithIssuer(app, "two");
    identity(two.stack, "orders-api", two.github);
    const three = stackWithIssuer(app, "three");
    identity(three.stack, "payments-db", three.github, { vaultPath: "secret/data/payments/db" });

    const message = synthError(app);

    expect(message).toContain("WI301");
    expect(message).toContain("one/payments-api");
    expect(message).toContain("three/payments-db");
    expect(message).toContain("secret/data/payments/*");
    expect(message).toContain("secret/data/payments/db");
    expect(message).toContain("suppressions:");
    expect(stackFiles(outdir)).toEqual([]);
    const blocking = WorkloadIdentityEnforcement.lastEvaluation(app)!.findings.filter(
      (f) => f.severity === "error",
    );
    expect(blocking.map((f) => f.ruleId)).toEqual(["WI301"]);
    expect([...blocking[0].identityIds].sort()).toEqual(["one/payments-api", "three/payments-db"]);
  });

  test("GIVEN two stacks whose trust accepts the same GitHub token WHEN synth THEN WI303 blocks", () => {
    const { app, outdir } = newApp();
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "deploy-a", one.github, { repo: "acme/api" });
    const two = stackWithIssuer(app, "two");
    identity(two.stack, "deploy-b", two.github, { repo: "acme/api" });

    const message = synthError(app);

    expect(message).toContain("WI303");
    expect(message).toContain("one/deploy-a");
    expect(message).toContain("two/deploy-b");
    expect(stackFiles(outdir)).toEqual([]);
  });

  test("GIVEN one issuer in a platform stack used by identities in two other stacks WHEN they share a token THEN WI303 blocks on both sides", () => {
    const build = (secondRepo: string) => {
      const { app } = newApp();
      const platform = stackWithIssuer(app, "platform");
      for (const [name, repo] of [
        ["one", "acme/api"],
        ["two", secondRepo],
      ]) {
        const stack = new TerraformStack(app, name);
        new AwsProvider(stack, "aws", { region: "eu-west-1" });
        new VaultProvider(stack, "vault", { address: "https://vault.example.com:8200" });
        identity(stack, `deploy-${name}`, platform.github, { repo });
      }
      return app;
    };

    const shared = build("acme/api");
    expect(synthError(shared)).toContain("WI303");
    expect(WorkloadIdentityEnforcement.lastEvaluation(shared)!.findings.map((f) => f.ruleId)).toEqual([
      "WI303",
    ]);

    const separate = build("acme/web");
    separate.synth();
    // The trust is known in every stack (no cross-stack reference), so nothing is left unknown.
    expect(WorkloadIdentityEnforcement.lastEvaluation(separate)!.findings).toEqual([]);
  });

  test("GIVEN an identity allowed to sts:AssumeRole into another stack's role WHEN synth THEN WI305 blocks", () => {
    const { app } = newApp();
    const one = stackWithIssuer(app, "one");
    // A role that trusts its account (so AssumeRole is possible); a role trusting only OIDC cannot be chained into.
    new IamRole(one.stack, "target", {
      name: "acme-target-role",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" },
        ],
      }),
    });
    const two = stackWithIssuer(app, "two");
    identity(two.stack, "chainer", two.github, {
      scope: {
        description: "Hop into the target role",
        aws: [AwsGrant.allow(["sts:AssumeRole"], ["arn:aws:iam::111122223333:role/acme-target-role"])],
      },
    });

    const message = synthError(app);

    expect(message).toContain("WI305");
    expect(message).toContain("two/chainer");
    expect(message).toContain("one/target");
  });

  test("GIVEN a chaining grant onto a role that trusts only its OIDC issuer WHEN synth THEN a latent-grant warning, not a block", () => {
    const { app } = newApp();
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "target", one.github, { name: "acme-target-role" });
    const two = stackWithIssuer(app, "two");
    identity(two.stack, "chainer", two.github, {
      scope: {
        description: "Hop into the target role",
        aws: [AwsGrant.allow(["sts:AssumeRole"], ["arn:aws:iam::111122223333:role/acme-target-role"])],
      },
    });

    synthPrinting(app);

    const findings = WorkloadIdentityEnforcement.lastEvaluation(app)!.findings;
    expect(findings.map((f) => [f.ruleId, f.severity, [...f.identityIds].sort()])).toEqual([
      ["WI305", "warning", ["one/target", "two/chainer"]],
    ]);
    expect(findings[0].message).toContain("latent");
  });

  test("GIVEN both identities record an approved exception WHEN synth THEN it passes and records the suppression", () => {
    const { app, outdir } = newApp();
    const suppression = {
      ruleId: "WI301",
      reason: "Both jobs rotate the same payments database credential (SEC-77)",
      approver: "security-governance",
      expiresOn: "2027-01-31",
    };
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "payments-api", one.github, {
      vaultPath: "secret/data/payments/*",
      suppressions: [suppression],
    });
    const three = stackWithIssuer(app, "three");
    identity(three.stack, "payments-db", three.github, {
      vaultPath: "secret/data/payments/db",
      suppressions: [suppression],
    });

    app.synth();

    const written = JSON.parse(readFileSync(join(outdir, "stacks", "one", "cdk.tf.json"), "utf8"));
    const recorded = written["//"][RECORD_KEY].findings as { ruleId: string; suppressedBy?: unknown }[];
    expect(recorded.filter((f) => f.ruleId === "WI301").map((f) => f.suppressedBy)).toEqual([suppression]);
  });

  test("GIVEN only one of the two owners suppressed the shared path WHEN synth THEN it still blocks", () => {
    const { app } = newApp();
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "payments-api", one.github, {
      vaultPath: "secret/data/payments/*",
      suppressions: [
        {
          ruleId: "WI301",
          reason: "We need the whole payments tree for migration",
          approver: "security-governance",
          expiresOn: "2027-01-31",
        },
      ],
    });
    const three = stackWithIssuer(app, "three");
    identity(three.stack, "payments-db", three.github, { vaultPath: "secret/data/payments/db" });

    expect(synthError(app)).toContain("WI301");
  });

  test("GIVEN report-only mode for CI WHEN a finding would block THEN synth writes every stack and records it", () => {
    const { app, outdir } = newApp();
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "a", one.github, { vaultPath: "secret/data/shared/*" });
    const two = stackWithIssuer(app, "two");
    identity(two.stack, "b", two.github, { vaultPath: "secret/data/shared/x" });
    process.env[REPORT_ONLY_ENV] = "report";
    let printed: string;
    try {
      printed = synthPrinting(app);
    } finally {
      delete process.env[REPORT_ONLY_ENV];
    }
    expect(printed).toContain("1 blocking finding NOT enforced");
    expect(stackFiles(outdir).map((f) => f.split(/[\\/]/).slice(-2)[0])).toEqual(["one", "two"]);
    const written = JSON.parse(readFileSync(join(outdir, "stacks", "one", "cdk.tf.json"), "utf8"));
    expect(
      written["//"][RECORD_KEY].findings.map(
        (f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`,
      ),
    ).toEqual(["WI301:error"]);
  });

  test("GIVEN a suppression that has expired (per the policy date) WHEN synth THEN it stops suppressing", () => {
    const suppression = {
      ruleId: "WI301",
      reason: "Both jobs rotate the same payments database credential (SEC-77)",
      approver: "security-governance",
      expiresOn: "2027-01-31",
    };
    const build = (today: string) => {
      const { app } = newApp({ [POLICY_CONTEXT_KEY]: { today } });
      const one = stackWithIssuer(app, "one");
      identity(one.stack, "a", one.github, {
        vaultPath: "secret/data/shared/*",
        suppressions: [suppression],
      });
      identity(one.stack, "b", one.github, {
        vaultPath: "secret/data/shared/x",
        suppressions: [suppression],
      });
      return app;
    };
    expect(() => build("2027-01-30").synth()).not.toThrow();
    // Declared before expiry; the check at a later date (e.g. CI re-run) must not honour it.
    const later = build("2027-01-30");
    WorkloadIdentityEnforcement.enable(later, { policy: { today: "2027-01-31" } });
    expect(synthError(later)).toContain("WI301");
  });

  test("GIVEN `today` given in code WHEN an identity is declared THEN its declaration-time checks use it, like the rules", () => {
    const { app } = newApp();
    WorkloadIdentityEnforcement.enable(app, { policy: { today: "2027-07-01" } });
    const one = stackWithIssuer(app, "one");
    // The approval (until 2027-06-30) is still valid under the context's date, not under the code's.
    expect(() => identity(one.stack, "a", one.github)).toThrow(/approver\.expiresOn.*2027-06-30/s);
    expect(WorkloadIdentityEnforcement.lastEvaluation(app)).toBeUndefined();
  });

  test("GIVEN a severity override from cdktf.json context WHEN synth THEN the finding is reported, not blocking", () => {
    const { app, outdir } = newApp({
      [POLICY_CONTEXT_KEY]: { today: TODAY, severityOverrides: { WI301: "warning" } },
    });
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "a", one.github, { vaultPath: "secret/data/shared/*" });
    identity(one.stack, "b", one.github, { vaultPath: "secret/data/shared/x" });
    expect(synthPrinting(app)).toContain("WI301");
    const written = JSON.parse(readFileSync(join(outdir, "stacks", "one", "cdk.tf.json"), "utf8"));
    expect(
      written["//"][RECORD_KEY].findings.map(
        (f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`,
      ),
    ).toEqual(["WI301:warning"]);
  });

  test("GIVEN an app with only hand-written resources and enforcement enabled WHEN a role trusts any principal THEN synth fails", () => {
    const { app, outdir } = newApp();
    const stack = new TerraformStack(app, "one");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new IamRole(stack, "wide-open", {
      name: "wide-open",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
      }),
    });
    WorkloadIdentityEnforcement.enable(app);

    const message = synthError(app);

    expect(message).toContain("WI206");
    expect(message).toContain("aws_iam_role.wide-open");
    expect(stackFiles(outdir)).toEqual([]);
  });

  /** A hand-written grant of a secret to a role named by a variable that has no value at synth. */
  function unknownAttachmentApp(policy: Record<string, unknown>): { app: App; outdir: string } {
    const made = newApp({ [POLICY_CONTEXT_KEY]: { today: TODAY, ...policy } });
    const stack = new TerraformStack(made.app, "one");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const target = new TerraformVariable(stack, "target_role", { type: "string" });
    new IamRolePolicy(stack, "grant", {
      name: "grant",
      role: target.stringValue,
      policy: JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db",
          },
        ],
      }),
    });
    WorkloadIdentityEnforcement.enable(made.app);
    return made;
  }

  test("GIVEN a grant to a role that is unknown at synth WHEN synth THEN WI306 blocks (unknown fails closed)", () => {
    const { app, outdir } = unknownAttachmentApp({});
    const message = synthError(app);
    expect(message).toContain("WI306");
    expect(message).toContain("var.target_role");
    expect(stackFiles(outdir)).toEqual([]);
  });

  test('GIVEN the same grant under the org policy `unknown: "warning"` WHEN synth THEN it is printed, not blocking', () => {
    const { app, outdir } = unknownAttachmentApp({ unknown: "warning" });
    expect(synthPrinting(app)).toContain("WI306");
    expect(stackFiles(outdir)).toHaveLength(1);
  });

  test("GIVEN a grant using an IAM policy variable WHEN synth THEN it is evaluated, not reported as unknown", () => {
    const { app, outdir } = newApp();
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "per-user", one.github, {
      scope: {
        description: "Write under the caller's own prefix",
        aws: [AwsGrant.allow(["s3:PutObject"], ["arn:aws:s3:::acme-home/${aws:username}/*"])],
      },
    });

    app.synth();

    expect(WorkloadIdentityEnforcement.lastEvaluation(app)!.findings).toEqual([]);
    const written = readFileSync(join(outdir, "stacks", "one", "cdk.tf.json"), "utf8");
    expect(written).toContain("acme-home/$${aws:username}/*"); // escaped for Terraform, literal for AWS
  });

  test("GIVEN a clean app WHEN synthesized THEN the CLI check of cdktf.out reaches the identical verdict", () => {
    const { app, outdir } = newApp({
      [POLICY_CONTEXT_KEY]: { today: TODAY, severityOverrides: { WI301: "warning" } },
    });
    const one = stackWithIssuer(app, "one");
    identity(one.stack, "a", one.github, { vaultPath: "secret/data/shared/*" });
    const two = stackWithIssuer(app, "two");
    identity(two.stack, "b", two.github, { vaultPath: "secret/data/shared/x" });
    synthPrinting(app);
    const synthFingerprints = WorkloadIdentityEnforcement.lastEvaluation(app)!
      .findings.map((f) => f.fingerprint)
      .sort();

    const policyFile = join(outdir, "policy.json");
    writeFileSync(policyFile, JSON.stringify({ today: TODAY, severityOverrides: { WI301: "warning" } }));
    let stdout = "";
    const code = main(["check", outdir, "--policy", policyFile, "--format", "json"], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      env: {},
      cwd: outdir,
      writeFile: () => undefined,
    });

    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const cliFingerprints = (report.findings as { fingerprint: string }[]).map((f) => f.fingerprint).sort();
    expect(cliFingerprints).toEqual(synthFingerprints);
    expect(synthFingerprints.length).toBeGreaterThan(0);
  });
});
