import type { IdentityGraph } from "../model/graph";
import type { SourceLocation } from "../model/location";
import { isUnknown } from "../model/unknown";
import { quote } from "./quote";
import { lookupTable } from "../model/lookup-table";

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

/**
 * The form used to compare issuers everywhere: URL without scheme and trailing slashes, lower
 * case (IAM condition keys are case-insensitive), e.g. `token.actions.githubusercontent.com`.
 */
export function normalizeIssuer(urlOrHost: string): string {
  return urlOrHost
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/\/+$/, "")
    .toLowerCase();
}

/** How a Federated principal value resolves to an issuer. */
export type FederatedPrincipal =
  | { readonly kind: "issuer"; readonly issuer: string }
  | { readonly kind: "malformed"; readonly problem: string }
  | { readonly kind: "unknown"; readonly reason: string };

/**
 * `<account>` is the extractor's placeholder for an account known only after apply (a provider
 * created in the same configuration): the provider is still identified by its host and path.
 */
const PROVIDER_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|<account>):oidc-provider\/(.+)$/;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const PATH_SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=@%-]+$/;
const EKS_HOST = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/i;
const EKS_PATH = /^\/id\/[A-Za-z0-9]+$/;
const PROVIDER_REFERENCE =
  /^\$\{((?:module\.[^.}]+(?:\["[^"]*"\])?\.)*(?:data\.)?aws_iam_openid_connect_provider\.[^.}]+)\.arn\}$/;

/** Why the host+path of an `oidc-provider/` ARN is not a valid provider URL, or undefined. */
function providerUrlProblem(hostPath: string): string | undefined {
  if (/[\s:]/.test(hostPath)) return "its provider URL contains a colon or whitespace";
  const [host, ...segments] = hostPath.split("/");
  if (!HOST.test(host)) return "its provider host is not a host name";
  if (segments.some((segment) => !PATH_SEGMENT.test(segment)))
    return "its provider URL has an empty or invalid path segment";
  const path = segments.length > 0 ? `/${segments.join("/")}` : "";
  if (EKS_HOST.test(host) && !EKS_PATH.test(path))
    return "an EKS issuer URL must end in /id/<cluster OIDC id>";
  return undefined;
}

/**
 * Problems visible in a value that still contains `${...}` interpolations: whatever the holes
 * turn out to be, a colon or whitespace written after `oidc-provider/` cannot be part of a
 * provider URL (the aymanzahran corpus case puts a role ARN where the EKS id belongs).
 */
function interpolatedProviderProblem(value: string): string | undefined {
  const literal = value.replace(/\$\{[^}]*\}/g, "");
  const marker = literal.indexOf("oidc-provider/");
  if (marker < 0) return undefined;
  const after = literal.slice(marker + "oidc-provider/".length);
  if (/[\s:]/.test(after)) return "its provider URL contains a colon or whitespace";
  return undefined;
}

/** Prefix `module.a.module.b.` of an address inside modules, or "". */
function modulePrefixOf(address: string): string {
  const match = /^((?:module\.[^.]+(?:\["[^"]*"\]|\[\d+\])?\.)*)/.exec(address);
  return match ? match[1] : "";
}

/**
 * Resolves one `Federated` principal value: an `oidc-provider` ARN, a built-in provider host,
 * or a reference to an `aws_iam_openid_connect_provider` in the inputs (its url).
 */
export function resolveFederatedPrincipal(
  value: string,
  roleLocation: SourceLocation,
  graph: IdentityGraph,
): FederatedPrincipal {
  const trimmed = value.trim();
  if (BUILT_IN_PROVIDERS.has(trimmed.toLowerCase())) return { kind: "issuer", issuer: trimmed.toLowerCase() };
  if (trimmed.includes("${")) {
    const reference = PROVIDER_REFERENCE.exec(trimmed);
    if (reference) return resolveProviderReference(reference[1], roleLocation, graph);
    const problem = interpolatedProviderProblem(trimmed);
    if (problem) return { kind: "malformed", problem };
    return { kind: "unknown", reason: `the Federated principal ${quote(trimmed)} is not resolved` };
  }
  if (trimmed === "")
    return { kind: "unknown", reason: "the Federated principal is empty (known only after apply)" };
  const arn = PROVIDER_ARN.exec(trimmed);
  if (!arn) {
    if (/^arn:aws[a-z-]*:iam::\d{12}:saml-provider\//.test(trimmed)) {
      return { kind: "malformed", problem: "it is a SAML provider, which cannot issue web-identity tokens" };
    }
    return {
      kind: "malformed",
      problem: "it is neither an oidc-provider ARN nor an identity provider IAM knows",
    };
  }
  const problem = providerUrlProblem(arn[2]);
  if (problem) return { kind: "malformed", problem };
  return { kind: "issuer", issuer: normalizeIssuer(arn[2]) };
}

function resolveProviderReference(
  reference: string,
  roleLocation: SourceLocation,
  graph: IdentityGraph,
): FederatedPrincipal {
  const candidates = new Set([reference, `${modulePrefixOf(roleLocation.address)}${reference}`]);
  const provider = graph.oidcProviders.find(
    (p) => candidates.has(p.location.address) && (p.location.stack ?? "") === (roleLocation.stack ?? ""),
  );
  if (!provider)
    return { kind: "unknown", reason: `the OIDC provider ${quote(reference)} is not in the inputs` };
  if (isUnknown(provider.url) || provider.url.includes("${")) {
    return { kind: "unknown", reason: `the url of OIDC provider ${quote(reference)} is not known` };
  }
  return { kind: "issuer", issuer: normalizeIssuer(provider.url) };
}

/** Issuer family, for the subject grammar and for what an audience looks like. */
export type IssuerFamily =
  "github-actions" | "gitlab" | "kubernetes" | "terraform-cloud" | "spiffe" | "google" | "generic";

/** The family of a normalized issuer (hand-written roles have no record telling it). */
export function issuerFamilyOf(issuer: string): IssuerFamily {
  const [host, ...path] = issuer.split("/");
  if (host === "token.actions.githubusercontent.com") return "github-actions";
  if (host === "gitlab.com") return "gitlab";
  if (EKS_HOST.test(host) && path[0] === "id") return "kubernetes";
  if (host === "app.terraform.io") return "terraform-cloud";
  if (host === "accounts.google.com") return "google";
  return "generic";
}
