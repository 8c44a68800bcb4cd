import { RECORD_SCHEMA, type IdentityRecord } from "../../lib/model/record";

/** A valid identity record; tests override what they are about. */
export function identityRecord(overrides: Partial<IdentityRecord> = {}): IdentityRecord {
  return {
    schema: RECORD_SCHEMA,
    id: "stack/deploy-api",
    description: "Deploy the api service",
    owner: { team: "payments", contact: "payments@example.com" },
    approver: { name: "security", reference: "SEC-1", expiresOn: "2027-06-30" },
    ttlSeconds: 1800,
    issuer: {
      kind: "github-actions",
      url: "https://token.actions.githubusercontent.com",
      constructPath: "stack/github",
      owner: { team: "platform", contact: "platform@example.com" },
    },
    subject: { kind: "github-environment", value: "repo:acme/api:environment:production" },
    audiences: { vault: ["vault.workload.identity"] },
    scope: { aws: [], vault: [{ path: "secret/data/payments/api", capabilities: ["read"] }] },
    suppressions: [],
    ...overrides,
  };
}
