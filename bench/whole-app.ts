/**
 * Whole-app enforcement cost at scale: synthesizes the same app of N workload identities twice,
 * with enforcement (`app.synth()` as users run it) and without it (cdktf's own synth of the same
 * resources, its validations included), alternating runs, and prints the ratio.
 * Target (issue "Synth-time enforcement"): at 5,000 identities, +15% at most.
 *
 *   npm run bench -- [identities=5000] [stacks=5] [rounds=3]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VaultProvider } from "@cdktf/provider-vault/lib/provider";
import { App, TerraformStack } from "cdktf";
import { AwsGrant, Duration, OidcIssuer, Subject, VaultGrant, WorkloadIdentity } from "../lib";
import { disableEnforcementForBaseline, WorkloadIdentityEnforcement } from "../lib/enforcement/enforcement";

const [identities = 5000, stackCount = 5, rounds = 3] = process.argv.slice(2).map(Number);

function buildApp(outdir: string, enforced: boolean): App {
  const app = new App({ outdir });
  const perStack = Math.ceil(identities / stackCount);
  for (let s = 0; s < stackCount; s++) {
    const stack = new TerraformStack(app, `stack-${s}`);
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new VaultProvider(stack, "vault", {});
    const github = OidcIssuer.githubActions(stack, "github", {
      owner: { team: "platform", contact: "platform@example.com" },
      aws: {},
      vault: { mountPath: `jwt-github-${s}` },
    });
    for (let i = s * perStack; i < Math.min(identities, (s + 1) * perStack); i++) {
      new WorkloadIdentity(stack, `svc-${i}`, {
        issuer: github,
        subject: Subject.githubEnvironment(`acme/svc-${i}`, "production"),
        owner: { team: `team-${i}`, contact: `team-${i}@example.com` },
        approver: { name: "security-governance", reference: `SEC-${i}`, expiresOn: "2099-12-31" },
        secretsApprover: { name: "secrets-governance", reference: `SECRETS-${i}`, expiresOn: "2099-12-31" },
        ttl: Duration.hours(1),
        scope: {
          description: `Deploy service ${i}`,
          aws: [AwsGrant.allow(["s3:PutObject"], [`arn:aws:s3:::acme-artifacts/svc-${i}/*`])],
          vault: [VaultGrant.read(`secret/data/svc-${i}/deploy`)],
        },
      });
    }
  }
  if (!enforced) disableEnforcementForBaseline(app);
  return app;
}

function timeSynth(enforced: boolean): { seconds: number; analysis: number; findings: number } {
  const outdir = mkdtempSync(join(tmpdir(), "wi-bench-"));
  try {
    const app = buildApp(outdir, enforced);
    global.gc?.();
    const start = process.hrtime.bigint();
    app.synth();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const verdict = WorkloadIdentityEnforcement.lastEvaluation(app);
    return { seconds, analysis: verdict?.analysisSeconds ?? 0, findings: verdict?.findings.length ?? -1 };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const baseline: number[] = [];
const enforced: number[] = [];
const analysis: number[] = [];
let findings = 0;
// Warm-up, not measured: module loading, JIT, and the lazily loaded IAM action catalog.
timeSynth(false);
timeSynth(true);
for (let r = 0; r < rounds; r++) {
  baseline.push(timeSynth(false).seconds);
  const run = timeSynth(true);
  enforced.push(run.seconds);
  analysis.push(run.analysis);
  findings = run.findings;
}
const b = median(baseline);
const e = median(enforced);
console.log(`identities: ${identities} in ${stackCount} stacks, rounds: ${rounds} (median)`);
console.log(
  `cdktf synth without enforcement: ${b.toFixed(2)} s  [${baseline.map((x) => x.toFixed(2)).join(", ")}]`,
);
console.log(
  `cdktf synth with enforcement:    ${e.toFixed(2)} s  [${enforced.map((x) => x.toFixed(2)).join(", ")}]`,
);
const a = median(analysis);
console.log(
  `overhead, end to end: ${(((e - b) / b) * 100).toFixed(1)}% (target <= 15%), findings: ${findings}`,
);
console.log(
  `of which graph extraction + rules: ${a.toFixed(2)} s = ${((a / b) * 100).toFixed(1)}% of cdktf's synth ` +
    `(the rest is garbage collection of the stacks' JSON held for one whole-app check, and noise)`,
);
