/**
 * Issuer facts, one home for the declaring side (OidcIssuer, render) and the checking side
 * (extract, trust analysis, WI2xx): the kinds of issuer, their default URLs and audiences, and how
 * an issuer URL, an IAM OIDC provider ARN and an IAM condition-key prefix map to one another.
 *
 * * IAM names an OIDC provider after the issuer URL without `https://`:
 *   `arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST[/PATH]`, and the condition keys of a role
 *   trusting it are `HOST[/PATH]:aud|sub|...`
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
 * * IAM compares condition keys case-insensitively, so issuers are compared lower-cased.
 *
 * To add an issuer kind: one entry in ISSUER_KINDS here (and its grammar in subject-grammar.ts);
 * see CONTRIBUTING.md.
 */
import { boundedMemo } from "./bounded-memo";
import { lookupTable } from "./lookup-table";

/** The one kind type: what `OidcIssuer` declares and what the reviewer infers from a URL. */
export type IssuerKind =
  "github-actions" | "gitlab" | "kubernetes" | "terraform-cloud" | "spiffe" | "generic";

/**
 * What the library assumes about each kind of issuer. Audiences are defaults only; every issuer
 * and identity can override them.
 *
 * * AWS side: `sts.amazonaws.com` (what GitHub's aws-actions/configure-aws-credentials and EKS IRSA
 *   request), except HCP Terraform, whose dynamic credentials default to `aws.workload.identity`.
 * * Vault side: `vault.workload.identity` for every kind (HCP Terraform's own default); Vault >= 1.17
 *   requires bound_audiences when the token carries `aud`, so a default is always set and the
 *   workload requests its token for that audience.
 */
export interface IssuerKindFacts {
  /** Issuer URL when the kind has a well-known public one. */
  readonly url?: string;
  readonly awsAudience: string;
  readonly vaultAudience: string;
}

export const DEFAULT_VAULT_AUDIENCE = "vault.workload.identity";

export const ISSUER_KINDS: Readonly<Record<IssuerKind, IssuerKindFacts>> = {
  "github-actions": {
    url: "https://token.actions.githubusercontent.com",
    awsAudience: "sts.amazonaws.com",
    vaultAudience: DEFAULT_VAULT_AUDIENCE,
  },
  gitlab: {
    url: "https://gitlab.com",
    awsAudience: "sts.amazonaws.com",
    vaultAudience: DEFAULT_VAULT_AUDIENCE,
  },
  kubernetes: { awsAudience: "sts.amazonaws.com", vaultAudience: DEFAULT_VAULT_AUDIENCE },
  "terraform-cloud": {
    url: "https://app.terraform.io",
    awsAudience: "aws.workload.identity",
    vaultAudience: DEFAULT_VAULT_AUDIENCE,
  },
  spiffe: { awsAudience: "sts.amazonaws.com", vaultAudience: DEFAULT_VAULT_AUDIENCE },
  generic: { awsAudience: "sts.amazonaws.com", vaultAudience: DEFAULT_VAULT_AUDIENCE },
};

/** Key under an issuer-owned resource's `"//"` object holding its IssuerRecord. */
export const ISSUER_RECORD_KEY = "cdktf-workload-identity-issuer";

/** EKS cluster issuers: `https://oidc.eks.REGION.amazonaws.com/id/ID`. */
export const EKS_ISSUER_HOST = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/i;
export const EKS_ISSUER_PATH = /^\/id\/[A-Za-z0-9]+$/;

/** The IAM condition key prefix (and provider ARN suffix) of an issuer URL: host and path without the scheme. */
export function conditionKeyPrefix(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//i, "");
}

/**
 * The form used to compare issuers everywhere: URL without scheme and trailing slashes, lower
 * case (IAM condition keys are case-insensitive), e.g. `token.actions.githubusercontent.com`.
 */
export function normalizeIssuer(urlOrHost: string): string {
  return normalizedIssuer(urlOrHost);
}

/** Issuers come from input: the memos are bounded. */
const MAX_REMEMBERED_ISSUERS = 4096;
// Every trust, token acceptor and Vault backend of an app asks, about a handful of issuers.
const normalizedIssuer = boundedMemo(MAX_REMEMBERED_ISSUERS, (urlOrHost) =>
  urlOrHost
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/\/+$/, "")
    .toLowerCase(),
);

/** The ARN IAM gives the OIDC provider of `issuerUrl` in an account. */
export function oidcProviderArn(partition: string, account: string, issuerUrl: string): string {
  return `arn:${partition}:iam::${account}:oidc-provider/${conditionKeyPrefix(issuerUrl)}`;
}

/**
 * `arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST[/PATH]`. The account may be `<account>`, the
 * extractor's placeholder for an account known only after apply.
 */
const PROVIDER_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}|<account>):oidc-provider\/(.+)$/;

/** The parts of an OIDC provider ARN, or undefined when the value is not one. */
export function parseOidcProviderArn(
  arn: string,
): { readonly partition: string; readonly account: string; readonly hostPath: string } | undefined {
  const match = PROVIDER_ARN.exec(arn);
  return match ? { partition: match[1], account: match[2], hostPath: match[3] } : undefined;
}

/** The issuer URL an OIDC provider ARN names (`https://` + host and path), or undefined. */
export function issuerUrlOfProviderArn(arn: string): string | undefined {
  const parsed = parseOidcProviderArn(arn);
  return parsed ? `https://${parsed.hostPath}` : undefined;
}

/** The kind of a normalized issuer, for reviewing hand-written roles that carry no record. */
export function issuerKindOf(issuer: string): IssuerKind {
  return kindByIssuer(issuer);
}

function inferIssuerKind(issuer: string): IssuerKind {
  const [host, ...path] = normalizeIssuer(issuer).split("/");
  const known = WELL_KNOWN_HOSTS.get(host);
  if (known !== undefined) return known;
  if (EKS_ISSUER_HOST.test(host) && path[0] === "id") return "kubernetes";
  return "generic";
}

// Asked for every trust and token acceptor of an app, about a handful of issuers.
const kindByIssuer = boundedMemo(MAX_REMEMBERED_ISSUERS, inferIssuerKind);

/** Normalized host of each kind's well-known URL -> the kind (the first kind listing it). */
const WELL_KNOWN_HOSTS: ReadonlyMap<string, IssuerKind> = new Map(
  (Object.keys(ISSUER_KINDS) as IssuerKind[])
    .filter((kind) => ISSUER_KINDS[kind].url !== undefined)
    .reverse()
    .map((kind) => [normalizeIssuer(ISSUER_KINDS[kind].url!), kind]),
);

/** The claims that carry audience and subject in a web-identity trust, per issuer. */
export interface IssuerClaimNames {
  readonly audience: string;
  readonly subject: string;
}

const OIDC_CLAIMS: IssuerClaimNames = { audience: "aud", subject: "sub" };

/**
 * Identity providers IAM knows without an `oidc-provider` ARN (Federated principal written as the
 * host). IAM documents their condition keys: Cognito and Google use aud/sub, Facebook and Login
 * with Amazon use app_id and id/user_id.
 */
const BUILT_IN_PROVIDERS = lookupTable<IssuerClaimNames>({
  "cognito-identity.amazonaws.com": OIDC_CLAIMS,
  "accounts.google.com": OIDC_CLAIMS,
  "graph.facebook.com": { audience: "app_id", subject: "id" },
  "www.amazon.com": { audience: "app_id", subject: "user_id" },
});

export function claimNamesOf(issuer: string): IssuerClaimNames {
  return BUILT_IN_PROVIDERS.get(issuer) ?? OIDC_CLAIMS;
}

/** True for a Federated principal written as the host of a provider IAM knows by name. */
export function isBuiltInProvider(value: string): boolean {
  return BUILT_IN_PROVIDERS.has(value.trim().toLowerCase());
}
