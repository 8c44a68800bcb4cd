import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../lib/cli/main";

/**
 * `npm run bench:hostile`: the scale cases of issue 13, timed through `check` in-process.
 * Prints figures; the targets (well under a second per 100 roles sharing one secret, a Vault
 * policy repeating one path block 20,000 times under a second) are read off the output.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wi-hostile-scale-"));

function timeCheck(label: string, stack: unknown): void {
  const file = path.join(dir, `${label.replace(/\W+/g, "-")}.tf.json`);
  fs.writeFileSync(file, JSON.stringify(stack));
  let stdout = "";
  const started = performance.now();
  const code = main(["check", file, "--format", "json"], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true },
    env: {},
    cwd: dir,
    writeFile: () => undefined,
  });
  const ms = performance.now() - started;
  const findings = (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings;
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const size = fs.statSync(file).size;
  console.log(
    `${label}: exit ${code}, ${Math.round(ms)} ms, ${(size / 2 ** 20).toFixed(1)} MiB input, ` +
      `${(stdout.length / 2 ** 20).toFixed(1)} MiB report, findings ${JSON.stringify(Object.fromEntries(byRule))}`,
  );
}

function trust(sub: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: {
          Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
        },
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": sub,
          },
        },
      },
    ],
  });
}

const block = 'path "secret/data/app/*" {\n  capabilities = ["read"]\n}\n';
timeCheck("Vault policy repeating one path block 20,000 times", {
  resource: {
    vault_policy: { app: { name: "app", policy: block.repeat(20_000) } },
    vault_jwt_auth_backend_role: {
      app: {
        role_name: "app",
        backend: "jwt",
        user_claim: "sub",
        bound_audiences: ["vault"],
        bound_claims: { sub: "repo:o/app:ref:refs/heads/main" },
        token_policies: ["app"],
        token_max_ttl: 3600,
      },
    },
  },
});

const COUNTS = [100, 1000, 10_000];

for (const count of COUNTS) {
  const roles: Record<string, unknown> = {};
  const policies: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    roles[`r${i}`] = { name: `role-${i}`, assume_role_policy: trust(`repo:o/app${i}:ref:refs/heads/main`) };
    policies[`p${i}`] = {
      role: `\${aws_iam_role.r${i}.name}`,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shared-db-AbCdEf",
          },
        ],
      }),
    };
  }
  timeCheck(`${count} roles sharing one secret`, {
    resource: { aws_iam_role: roles, aws_iam_role_policy: policies },
  });
}
// WI303: every role trusts the same subject (one token opens all of them).
for (const count of COUNTS) {
  const roles: Record<string, unknown> = {};
  for (let i = 0; i < count; i++)
    roles[`r${i}`] = { name: `role-${i}`, assume_role_policy: trust("repo:o/app:ref:refs/heads/main") };
  timeCheck(`${count} roles trusting one subject`, { resource: { aws_iam_role: roles } });
}

// WI301: every Vault role has its own policy reaching the same path.
for (const count of COUNTS) {
  const policies: Record<string, unknown> = {};
  const roles: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    policies[`p${i}`] = { name: `app-${i}`, policy: block };
    roles[`r${i}`] = {
      role_name: `app-${i}`,
      backend: "jwt",
      user_claim: "sub",
      bound_audiences: ["vault"],
      bound_claims: { sub: `repo:o/app${i}:ref:refs/heads/main` },
      token_policies: [`app-${i}`],
      token_max_ttl: 3600,
    };
  }
  timeCheck(`${count} Vault roles reaching one path`, {
    resource: { vault_policy: policies, vault_jwt_auth_backend_role: roles },
  });
}
// WI305: every role may assume every role of the account, and trusts the account: N(N-1) edges,
// one finding per grant.
for (const count of [100, 400, 1000]) {
  const roles: Record<string, unknown> = {};
  const policies: Record<string, unknown> = {};
  const accountTrust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "arn:aws:iam::111122223333:root" } },
    ],
  });
  for (let i = 0; i < count; i++) {
    roles[`r${i}`] = { name: `role-${i}`, assume_role_policy: accountTrust };
    policies[`p${i}`] = {
      role: `\${aws_iam_role.r${i}.name}`,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/*" },
        ],
      }),
    };
  }
  timeCheck(`${count} roles that can all assume each other`, {
    resource: { aws_iam_role: roles, aws_iam_role_policy: policies },
  });
}
fs.rmSync(dir, { recursive: true, force: true });
