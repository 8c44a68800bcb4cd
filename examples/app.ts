import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VaultProvider } from "@cdktf/provider-vault/lib/provider";
import { App, LocalBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsGrant } from "../lib/declaration/aws-grant";
import { Duration } from "../lib/declaration/duration";
import { Subject } from "../lib/declaration/subject";
import { VaultGrant } from "../lib/declaration/vault-grant";
import { OidcIssuer } from "../lib/constructs/oidc-issuer";
import { WorkloadIdentity } from "../lib/constructs/workload-identity";

const PLATFORM = { team: "platform", contact: "platform-oncall@example.com" };
// Approvals are time-bound; these are far enough out that `npm run synth` keeps passing for years.
const SECURITY_APPROVAL = { name: "security-governance", reference: "SEC-1234", expiresOn: "2030-12-31" };
const SECRETS_APPROVAL = { name: "secrets-custodians", reference: "SEC-1235", expiresOn: "2030-12-31" };

/** A stack with the providers it needs and a relative state path (same output on every machine). */
function exampleStack(app: App, name: string, sides: { aws?: boolean; vault?: boolean }): TerraformStack {
  const stack = new TerraformStack(app, name);
  new LocalBackend(stack, { path: `terraform.${name}.tfstate` });
  if (sides.aws) new AwsProvider(stack, "aws", { region: "eu-west-1" });
  if (sides.vault) new VaultProvider(stack, "vault", { address: "https://vault.example.com:8200" });
  return stack;
}

/**
 * GitHub Actions deploys the api service: S3 artifacts on AWS, a deploy secret in Vault. The
 * `pullRequest` variant is the change the README's review example shows: the api deploy gets a
 * longer TTL and may delete artifacts, and a ledger export job on release branches is added.
 */
function githubDeploy(scope: Construct, pullRequest: boolean): void {
  const github = OidcIssuer.githubActions(scope, "github", {
    owner: PLATFORM,
    aws: {},
    vault: { mountPath: "jwt-github" },
  });
  new WorkloadIdentity(scope, "deploy-api", {
    issuer: github,
    subject: Subject.githubEnvironment("acme/api", "production"),
    owner: { team: "payments", contact: "payments-oncall@example.com" },
    approver: SECURITY_APPROVAL,
    secretsApprover: SECRETS_APPROVAL,
    ttl: pullRequest ? Duration.hours(1) : Duration.minutes(30),
    scope: {
      description: "Deploy the api service to production",
      aws: [
        AwsGrant.allow(pullRequest ? ["s3:PutObject", "s3:DeleteObject"] : ["s3:PutObject"], [
          "arn:aws:s3:::acme-artifacts/api/*",
        ]),
      ],
      vault: [VaultGrant.read("secret/data/payments/api/deploy")],
    },
  });
  if (!pullRequest) return;
  new WorkloadIdentity(scope, "ledger-export", {
    issuer: github,
    subject: Subject.pattern(
      "repo:acme/ledger:ref:refs/heads/release/*",
      "Every release branch exports the ledger it was cut from",
    ),
    owner: { team: "payments", contact: "payments-oncall@example.com" },
    approver: { name: "security-governance", reference: "SEC-1301", expiresOn: "2030-12-31" },
    ttl: Duration.minutes(15),
    scope: {
      description: "Export the ledger of a release to the reporting bucket",
      aws: [AwsGrant.allow(["s3:PutObject"], ["arn:aws:s3:::acme-ledger-exports/*"])],
    },
  });
}

/** An EKS service account reads the orders table. */
function eksServiceAccount(scope: Construct): void {
  const cluster = OidcIssuer.kubernetes(scope, "eks-prod", {
    owner: PLATFORM,
    url: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
    aws: {},
  });
  new WorkloadIdentity(scope, "orders-api", {
    issuer: cluster,
    subject: Subject.kubernetesServiceAccount("orders", "orders-api"),
    owner: { team: "orders", contact: "orders-oncall@example.com" },
    approver: SECURITY_APPROVAL,
    ttl: Duration.hours(1),
    scope: {
      description: "Serve order lookups from the orders table",
      aws: [
        AwsGrant.allow(
          ["dynamodb:GetItem", "dynamodb:Query"],
          ["arn:aws:dynamodb:eu-west-1:111122223333:table/orders"],
        ),
      ],
    },
  });
}

/** An HCP Terraform workspace applies the network stack. */
function terraformCloudWorkspace(scope: Construct): void {
  const hcp = OidcIssuer.terraformCloud(scope, "hcp-terraform", { owner: PLATFORM, aws: {} });
  new WorkloadIdentity(scope, "network-apply", {
    issuer: hcp,
    subject: Subject.terraformCloud("acme", "Networking", "network-prod", "apply"),
    owner: { team: "network", contact: "network-oncall@example.com" },
    approver: SECURITY_APPROVAL,
    ttl: Duration.hours(2),
    scope: {
      description: "Apply the production network workspace",
      aws: [
        AwsGrant.allow(
          ["ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateTags"],
          ["arn:aws:ec2:eu-west-1:111122223333:vpc/*", "arn:aws:ec2:eu-west-1:111122223333:subnet/*"],
          { StringEquals: { "aws:RequestedRegion": ["eu-west-1"] } },
        ),
      ],
    },
  });
}

/** A SPIFFE workload (JWT-SVID from SPIRE) reads its own secrets from Vault. */
function spiffeWorkload(scope: Construct): void {
  const spire = OidcIssuer.spiffe(scope, "spire", {
    owner: PLATFORM,
    url: "https://oidc-discovery.prod.acme.internal",
    trustDomain: "prod.acme.internal",
    vault: { mountPath: "jwt-spiffe" },
  });
  new WorkloadIdentity(scope, "billing-worker", {
    issuer: spire,
    subject: Subject.spiffe("spiffe://prod.acme.internal/ns/billing/sa/worker"),
    owner: { team: "billing", contact: "billing-oncall@example.com" },
    approver: SECURITY_APPROVAL,
    secretsApprover: SECRETS_APPROVAL,
    ttl: Duration.minutes(20),
    scope: {
      description: "Read the billing worker's database credentials",
      vault: [VaultGrant.of("secret/data/billing/worker/*", ["read", "list"])],
    },
  });
}

/**
 * The example app: one stack per use case. `context` is passed to the App (tests pin the
 * organisation policy's `today` there). `pullRequest` builds the app as changed by the pull
 * request of the README's review example.
 */
export function buildExampleApp(
  outdir: string,
  context?: { [key: string]: unknown },
  pullRequest = false,
): App {
  // No stack traces in annotations: they hold machine paths and would make output differ between machines.
  const app = new App({ outdir, context, stackTraces: false });
  githubDeploy(exampleStack(app, "github-deploy", { aws: true, vault: true }), pullRequest);
  eksServiceAccount(exampleStack(app, "eks-orders", { aws: true }));
  terraformCloudWorkspace(exampleStack(app, "hcp-terraform-network", { aws: true }));
  spiffeWorkload(exampleStack(app, "spiffe-billing", { vault: true }));
  return app;
}
