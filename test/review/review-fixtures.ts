import type { Evaluation } from "../../lib/engine/evaluate";
import type { Finding } from "../../lib/model/finding";
import type { Identity } from "../../lib/model/graph";
import type { PolicyDocument } from "../../lib/model/iam-policy";
import {
  awsPolicy,
  awsRole,
  doc,
  graph,
  identity,
  loc,
  policy,
  statement,
  vaultPolicy,
  vaultRole,
  webIdentityTrust,
} from "../support/graph-builder";

export const GITHUB = "token.actions.githubusercontent.com";

export interface DeployOptions {
  ttl?: number;
  actions?: string[];
  sub?: string;
  operator?: string;
  owner?: string;
  approver?: string;
  approvalExpires?: string;
  vaultCapabilities?: string[];
  trust?: PolicyDocument;
}

/** A declared workload identity with an IAM role and a Vault role; options change one aspect. */
export function deployIdentity(id: string, options: DeployOptions = {}): Identity {
  const role = awsRole(`aws_iam_role.${id}`, {
    trust:
      options.trust ??
      webIdentityTrust(
        GITHUB,
        options.sub ?? "repo:acme/api:environment:production",
        "sts.amazonaws.com",
        options.operator,
      ),
    maxSessionDurationSeconds: 3600,
    policies: [
      awsPolicy(
        `aws_iam_role_policy.${id}`,
        doc(
          statement({
            actions: options.actions ?? ["s3:PutObject"],
            resources: ["arn:aws:s3:::acme-artifacts/api/*"],
          }),
        ),
      ),
    ],
  });
  const vault = vaultRole(`vault_jwt_auth_backend_role.${id}`, {
    tokenPolicies: [id],
    policies: [
      vaultPolicy(`vault_policy.${id}`, [
        { path: "secret/data/payments/api", capabilities: options.vaultCapabilities ?? ["read"] },
      ]),
    ],
  });
  return identity(id, {
    awsRoles: [role],
    vaultRoles: [vault],
    accountability: {
      source: "record",
      owner: { team: options.owner ?? "payments", contact: "payments@example.com" },
      issuerOwner: { team: "platform", contact: "platform@example.com" },
      approver: {
        name: options.approver ?? "security-governance",
        reference: "SEC-1",
        expiresOn: options.approvalExpires ?? "2027-06-30",
      },
      ttlSeconds: options.ttl ?? 1800,
    },
  });
}

export function finding(ruleId: string, print: string, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    ruleTitle: `Rule ${ruleId}`,
    fix: `Fix of ${ruleId}`,
    severity: "error",
    message: `Finding ${print}`,
    location: loc(`aws_iam_role.${print}`),
    related: [],
    identityIds: [],
    unknown: false,
    fingerprint: print,
    ...overrides,
  };
}

export function evaluation(identities: Identity[], findings: Finding[] = []): Evaluation {
  return {
    graph: graph({ identities }),
    policy: policy({ today: "2026-11-27", expiryWarningDays: 30 }),
    findings,
  };
}
