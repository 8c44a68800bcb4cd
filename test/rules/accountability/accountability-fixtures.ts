/** Identities with records and tag-derived accountability for the WI1xx tests. */
import type { Accountability, Identity } from "../../../lib/model/graph";
import type { IdentityRecord } from "../../../lib/model/record";
import { awsRole, identity } from "../../support/graph-builder";

export function record(overrides: Partial<IdentityRecord> = {}): IdentityRecord {
  return {
    schema: "cdktf-workload-identity/v1",
    id: "app/deploy-api",
    description: "Deploy the api service to production",
    owner: { team: "payments", contact: "payments-oncall@example.com" },
    approver: { name: "security-governance", reference: "SEC-1234", expiresOn: "2027-06-30" },
    ttlSeconds: 1800,
    issuer: {
      kind: "github-actions",
      url: "https://token.actions.githubusercontent.com",
      constructPath: "app/github",
      owner: { team: "platform", contact: "platform@example.com" },
    },
    subject: { kind: "github-environment", value: "repo:acme/api:environment:production" },
    audiences: { aws: ["sts.amazonaws.com"] },
    scope: { aws: [], vault: [] },
    suppressions: [],
    ...overrides,
  };
}

/** A declared identity: record plus the matching accountability view. */
export function declared(
  id: string,
  overrides: Partial<IdentityRecord> = {},
  extra: Partial<Identity> = {},
): Identity {
  const r = record({ id, ...overrides });
  const accountability: Accountability = {
    source: "record",
    owner: r.owner,
    approver: r.approver,
    secretsApprover: r.secretsApprover,
    ttlSeconds: r.ttlSeconds,
    description: r.description,
  };
  return identity(id, {
    record: r,
    accountability,
    awsRoles: [awsRole(`aws_iam_role.${id.replace(/\W/g, "_")}`)],
    ...extra,
  });
}

/** A hand-written workload role with accountability from tags (or none). */
export function handWritten(
  name: string,
  accountability: Accountability = { source: "none" },
  extra: Partial<Identity> = {},
): Identity {
  return identity(`aws_iam_role.${name}`, {
    accountability,
    awsRoles: [awsRole(`aws_iam_role.${name}`)],
    ...extra,
  });
}

/** A Lambda execution role: a service identity the accountability rules leave alone. */
export function serviceRole(name: string): Identity {
  return identity(`aws_iam_role.${name}`, { kind: "service", awsRoles: [awsRole(`aws_iam_role.${name}`)] });
}
