/**
 * Builders for hand-made identity graphs in rule tests. Every builder takes overrides so a test
 * states only what it is about.
 */
import type { PolicyDocument, PolicyStatement } from "../../lib/model/iam-policy";
import type {
  AwsPolicy,
  AwsRole,
  AwsUser,
  Identity,
  IdentityGraph,
  StaticCredential,
  VaultPolicy,
  VaultRole,
} from "../../lib/model/graph";
import type { SourceLocation } from "../../lib/model/location";
import type { ResolvedPolicy } from "../../lib/model/org-policy";

export function loc(address: string, extra: Partial<SourceLocation> = {}): SourceLocation {
  return { file: "test.tf.json", address, ...extra };
}

export function statement(overrides: Partial<PolicyStatement> = {}): PolicyStatement {
  return {
    effect: "Allow",
    actions: [],
    notActions: [],
    resources: [],
    notResources: [],
    principals: [],
    notPrincipals: [],
    conditions: [],
    ...overrides,
  };
}

export function doc(...statements: PolicyStatement[]): PolicyDocument {
  return { statements };
}

/** A web-identity trust document as the constructs write it. */
export function webIdentityTrust(
  issuerHost: string,
  sub: string,
  aud = "sts.amazonaws.com",
  operator = "StringEquals",
): PolicyDocument {
  return doc(
    statement({
      actions: ["sts:AssumeRoleWithWebIdentity"],
      principals: [{ type: "Federated", values: [`arn:aws:iam::111122223333:oidc-provider/${issuerHost}`] }],
      conditions: [
        { operator: "StringEquals", key: `${issuerHost}:aud`, values: [aud] },
        { operator, key: `${issuerHost}:sub`, values: [sub] },
      ],
    }),
  );
}

export function awsPolicy(
  address: string,
  document: AwsPolicy["document"],
  overrides: Partial<AwsPolicy> = {},
): AwsPolicy {
  return {
    location: loc(address),
    kind: "inline",
    name: address,
    document,
    attachedTo: [],
    documentSources: [],
    ...overrides,
  };
}

export function awsRole(address: string, overrides: Partial<AwsRole> = {}): AwsRole {
  return {
    location: loc(address),
    name: address.split(".").pop() ?? address,
    arn: { unknown: true, reason: "known only after apply" },
    trust: doc(),
    trustSources: [],
    tags: {},
    policies: [],
    ...overrides,
  };
}

export function awsUser(address: string, overrides: Partial<AwsUser> = {}): AwsUser {
  return {
    location: loc(address),
    name: address.split(".").pop() ?? address,
    policies: [],
    groups: [],
    ...overrides,
  };
}

export function vaultPolicy(
  address: string,
  rules: VaultPolicy["rules"],
  overrides: Partial<VaultPolicy> = {},
): VaultPolicy {
  return {
    location: loc(address),
    name: address.split(".").pop() ?? address,
    rules,
    attachedTo: [],
    ...overrides,
  };
}

export function vaultRole(address: string, overrides: Partial<VaultRole> = {}): VaultRole {
  return {
    location: loc(address),
    authType: "jwt",
    roleName: address.split(".").pop() ?? address,
    backendPath: "jwt",
    roleType: "jwt",
    boundAudiences: ["vault"],
    boundSubject: "repo:acme/api:environment:production",
    boundClaimsType: "string",
    userClaim: "sub",
    tokenPolicies: [],
    tokenTtl: 1800,
    tokenMaxTtl: 1800,
    tokenExplicitMaxTtl: 1800,
    tokenNoDefaultPolicy: true,
    policies: [],
    ...overrides,
  };
}

export function identity(id: string, overrides: Partial<Identity> = {}): Identity {
  const first = overrides.awsRoles?.[0] ?? overrides.vaultRoles?.[0] ?? overrides.awsUsers?.[0];
  return {
    id,
    name: id,
    kind: "workload",
    accountability: { source: "none" },
    awsRoles: [],
    awsUsers: [],
    vaultRoles: [],
    location: first?.location ?? loc(id),
    ...overrides,
  };
}

export function staticCredential(
  address: string,
  kind: StaticCredential["kind"],
  overrides: Partial<StaticCredential> = {},
): StaticCredential {
  return { location: loc(address), kind, detail: "", ...overrides };
}

/** A graph whose policy and vault-policy lists are gathered from the identities unless given. */
export function graph(overrides: Partial<IdentityGraph> = {}): IdentityGraph {
  const identities = overrides.identities ?? [];
  const awsPolicies = [
    ...new Set(identities.flatMap((i) => [...i.awsRoles, ...i.awsUsers].flatMap((p) => p.policies))),
  ];
  const vaultPolicies = [...new Set(identities.flatMap((i) => i.vaultRoles.flatMap((r) => r.policies)))];
  return {
    identities,
    awsPolicies,
    oidcProviders: [],
    vaultAuthBackends: [],
    vaultPolicies,
    awsGroups: [],
    staticCredentials: [],
    notes: [],
    unknowns: [],
    recordIssues: [],
    sources: [{ file: "test.tf.json", format: "terraform-json" }],
    ...overrides,
  };
}

export function policy(overrides: Partial<ResolvedPolicy> = {}): ResolvedPolicy {
  return {
    maxTtlSeconds: 12 * 3600,
    minTtlSeconds: 15 * 60,
    maxSessionDurationSeconds: 12 * 3600,
    severityOverrides: {},
    today: "2026-11-27",
    expiryWarningDays: 30,
    unknownSeverity: "error",
    ...overrides,
  };
}
