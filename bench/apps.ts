/**
 * The two apps the benchmark synthesizes from one {@link workload-mix} description: ours (the
 * constructs, with whole-app enforcement as users run it) and the same Terraform resources written
 * by hand with raw provider classes (no record, no check), which is what a user pays anyway.
 */
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { JwtAuthBackend } from "@cdktf/provider-vault/lib/jwt-auth-backend";
import { JwtAuthBackendRole } from "@cdktf/provider-vault/lib/jwt-auth-backend-role";
import { Policy } from "@cdktf/provider-vault/lib/policy";
import { VaultProvider } from "@cdktf/provider-vault/lib/provider";
import { App, TerraformStack } from "cdktf";
import {
  AwsGrant,
  Duration,
  OidcIssuer,
  Subject,
  VaultGrant,
  WorkloadIdentity,
  WorkloadIdentityEnforcement,
} from "../lib";
import {
  APPROVAL_EXPIRY,
  SUPPRESSION,
  identitiesOf,
  issuersOf,
  stackRanges,
  type IdentitySpec,
  type IssuerSpec,
} from "./workload-mix";

const PLATFORM = { team: "platform", contact: "platform@example.com" };

function newStack(app: App, s: number): TerraformStack {
  const stack = new TerraformStack(app, `stack-${s}`);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new VaultProvider(stack, "vault", {});
  return stack;
}

/** Our constructs; returns the number of findings of the synth-time evaluation. */
export function synthOurs(outdir: string, identities: number, stacks: number): number {
  const app = new App({ outdir });
  stackRanges(identities, stacks).forEach(([from, to], s) => {
    const stack = newStack(app, s);
    const issuers = new Map(issuersOf(s).map((spec) => [spec.kind, ourIssuer(stack, spec)]));
    for (const spec of identitiesOf(s, from, to)) {
      new WorkloadIdentity(stack, spec.id, {
        issuer: issuers.get(spec.issuer.kind)!,
        subject: ourSubject(spec),
        owner: { team: spec.team, contact: `${spec.team}@example.com` },
        approver: { name: "security-governance", reference: spec.reference, expiresOn: APPROVAL_EXPIRY },
        ...(spec.vaultPath
          ? {
              secretsApprover: {
                name: "secrets-governance",
                reference: `SECRETS-${spec.reference}`,
                expiresOn: APPROVAL_EXPIRY,
              },
            }
          : {}),
        ttl: Duration.hours(1),
        scope: {
          description: spec.description,
          ...(spec.bucketPrefix
            ? { aws: [AwsGrant.allow(["s3:PutObject"], [`arn:aws:s3:::${spec.bucketPrefix}/*`])] }
            : {}),
          ...(spec.vaultPath ? { vault: [VaultGrant.read(spec.vaultPath)] } : {}),
        },
        ...(spec.suppressed ? { suppressions: [SUPPRESSION] } : {}),
      });
    }
  });
  app.synth();
  return WorkloadIdentityEnforcement.lastEvaluation(app)?.findings.length ?? -1;
}

function ourIssuer(stack: TerraformStack, spec: IssuerSpec): OidcIssuer {
  const common = { owner: PLATFORM, aws: {}, vault: { mountPath: spec.mountPath } };
  switch (spec.kind) {
    case "github-actions":
      return OidcIssuer.githubActions(stack, spec.id, common);
    case "gitlab":
      return OidcIssuer.gitlab(stack, spec.id, common);
    case "kubernetes":
      return OidcIssuer.kubernetes(stack, spec.id, { ...common, url: spec.url });
    case "terraform-cloud":
      return OidcIssuer.terraformCloud(stack, spec.id, common);
    case "spiffe":
      return OidcIssuer.spiffe(stack, spec.id, { ...common, url: spec.url, trustDomain: spec.trustDomain! });
    default:
      return new OidcIssuer(stack, spec.id, { ...common, url: spec.url });
  }
}

function ourSubject(spec: IdentitySpec): Subject {
  const n = spec.id.slice("svc-".length);
  switch (spec.issuer.kind) {
    case "github-actions":
      return Subject.githubEnvironment(`acme/svc-${n}`, "production");
    case "gitlab":
      return Subject.gitlab(`acme/svc-${n}`, "branch", "main");
    case "kubernetes":
      return Subject.kubernetesServiceAccount(`svc-${n}`, "worker");
    case "terraform-cloud":
      return Subject.terraformCloud("acme", "Services", `svc-${n}`, "apply");
    case "spiffe":
      return Subject.spiffe(spec.subject);
    default:
      return Subject.exact(spec.subject);
  }
}

/** The same resources with raw provider classes, as a user would write them without this library. */
export function synthHandWritten(outdir: string, identities: number, stacks: number): void {
  const app = new App({ outdir });
  stackRanges(identities, stacks).forEach(([from, to], s) => {
    const stack = newStack(app, s);
    const issuers = new Map(
      issuersOf(s).map((spec) => {
        const provider = new IamOpenidConnectProvider(stack, `${spec.id}-provider`, {
          url: spec.url,
          clientIdList: [spec.awsAudience],
        });
        const backend = new JwtAuthBackend(stack, `${spec.id}-backend`, {
          path: spec.mountPath,
          oidcDiscoveryUrl: spec.url,
          boundIssuer: spec.url,
        });
        return [spec.kind, { provider, backend }];
      }),
    );
    for (const spec of identitiesOf(s, from, to)) {
      const { provider, backend } = issuers.get(spec.issuer.kind)!;
      const host = spec.issuer.url.replace("https://", "");
      if (spec.bucketPrefix) {
        const role = new IamRole(stack, `${spec.id}-role`, {
          name: spec.id,
          assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Federated: provider.arn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                  StringEquals: { [`${host}:aud`]: spec.issuer.awsAudience, [`${host}:sub`]: spec.subject },
                },
              },
            ],
          }),
          maxSessionDuration: spec.ttlSeconds,
          // The same accountability tags our role carries, written out by hand.
          tags: {
            "workload-identity:id": `stack-${s}/${spec.id}`,
            "workload-identity:owner-team": spec.team,
            "workload-identity:owner-contact": `${spec.team}@example.com`,
            "workload-identity:issuer-owner": "platform",
            "workload-identity:approver": "security-governance",
            "workload-identity:approval-ref": spec.reference,
            "workload-identity:approval-expires": APPROVAL_EXPIRY,
            ...(spec.vaultPath
              ? {
                  "workload-identity:secrets-approver": "secrets-governance",
                  "workload-identity:secrets-approval-ref": `SECRETS-${spec.reference}`,
                  "workload-identity:secrets-approval-expires": APPROVAL_EXPIRY,
                }
              : {}),
            "workload-identity:ttl-seconds": String(spec.ttlSeconds),
            "workload-identity:description": spec.description,
          },
        });
        new IamRolePolicy(stack, `${spec.id}-role-policy`, {
          name: spec.id,
          role: role.name,
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["s3:PutObject"],
                Resource: [`arn:aws:s3:::${spec.bucketPrefix}/*`],
              },
            ],
          }),
        });
      }
      if (spec.vaultPath) {
        const policy = new Policy(stack, `${spec.id}-vault-policy`, {
          name: spec.id,
          policy: `path "${spec.vaultPath}" {\n  capabilities = ["read"]\n}\n`,
        });
        new JwtAuthBackendRole(stack, `${spec.id}-vault-role`, {
          backend: backend.path,
          roleName: spec.id,
          roleType: "jwt",
          boundAudiences: [spec.issuer.vaultAudience],
          boundSubject: spec.subject,
          userClaim: "sub",
          tokenTtl: spec.ttlSeconds,
          tokenMaxTtl: spec.ttlSeconds,
          tokenPolicies: [policy.name],
          tokenNoDefaultPolicy: true,
        });
      }
    }
  });
  app.synth();
}
