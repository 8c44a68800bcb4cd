import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VaultProvider } from "@cdktf/provider-vault/lib/provider";
import { App, TerraformStack } from "cdktf";
import { AwsGrant, Duration, OidcIssuer, Subject, VaultGrant, WorkloadIdentity } from "../../lib";

const PLATFORM = { team: "platform", contact: "platform@example.com" };
const APPROVAL = { name: "security-governance", reference: "SEC-1", expiresOn: "2099-12-31" };
const SECRETS = { name: "secrets-custodians", reference: "SEC-2", expiresOn: "2099-12-31" };

/**
 * The app whose output test/fixtures/cli/record-v1-out holds as written by the first output format
 * (the record repeated under `"//"` of each of an identity's resources): identities with both
 * sides, AWS only and Vault only, in two stacks, with a declared pattern subject and an audited
 * suppression, so every accountability source and verdict kind is compared across formats.
 */
export function synthRecordFormatApp(outdir: string): void {
  const app = new App({ outdir });
  const stacks = ["orders", "billing"].map((name) => {
    const stack = new TerraformStack(app, name);
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new VaultProvider(stack, "vault", {});
    return stack;
  });
  const [orders, billing] = stacks;
  const github = OidcIssuer.githubActions(orders, "github", {
    owner: PLATFORM,
    aws: {},
    vault: { mountPath: "jwt-github" },
  });
  const spire = OidcIssuer.spiffe(billing, "spire", {
    owner: PLATFORM,
    url: "https://oidc-discovery.prod.acme.internal",
    trustDomain: "prod.acme.internal",
    vault: { mountPath: "jwt-spiffe" },
  });
  new WorkloadIdentity(orders, "deploy-api", {
    issuer: github,
    subject: Subject.githubEnvironment("acme/api", "production"),
    owner: { team: "payments", contact: "payments@example.com" },
    approver: APPROVAL,
    secretsApprover: SECRETS,
    ttl: Duration.minutes(30),
    scope: {
      description: "Deploy the api service",
      aws: [AwsGrant.allow(["s3:PutObject"], ["arn:aws:s3:::acme-artifacts/api/*"])],
      vault: [VaultGrant.read("secret/data/payments/api/deploy")],
    },
  });
  new WorkloadIdentity(orders, "preview-upload", {
    issuer: github,
    subject: Subject.pattern(
      "repo:acme/site:ref:refs/heads/preview/*",
      "Preview branches are per pull request",
    ),
    owner: { team: "web", contact: "web@example.com" },
    approver: APPROVAL,
    ttl: Duration.hours(1),
    scope: {
      description: "Upload preview builds",
      aws: [AwsGrant.allow(["s3:PutObject"], ["arn:aws:s3:::acme-site-previews/*"])],
    },
  });
  for (const worker of ["worker", "reconciler"]) {
    new WorkloadIdentity(billing, `billing-${worker}`, {
      issuer: spire,
      subject: Subject.spiffe(`spiffe://prod.acme.internal/ns/billing/sa/${worker}`),
      owner: { team: "billing", contact: "billing@example.com" },
      approver: APPROVAL,
      secretsApprover: SECRETS,
      ttl: Duration.minutes(20),
      scope: {
        description: `Read the billing ${worker}'s database credentials`,
        vault: [VaultGrant.read("secret/data/billing/database")],
      },
      suppressions: [
        {
          ruleId: "WI301",
          reason: "Both billing processes use the one database account until BILL-12 splits it",
          approver: "security-governance",
          expiresOn: "2099-03-31",
        },
      ],
    });
  }
  app.synth();
}
