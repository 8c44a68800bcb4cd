import { boundedMemo } from "../model/bounded-memo";
import type { IdentityGraph } from "../model/graph";
import type { SourceLocation } from "../model/location";
import {
  EKS_ISSUER_HOST,
  EKS_ISSUER_PATH,
  isBuiltInProvider,
  normalizeIssuer,
  parseOidcProviderArn,
} from "../model/issuer";
import { isUnknown } from "../model/unknown";
import { quote } from "./quote";

/** How a Federated principal value resolves to an issuer. */
export type FederatedPrincipal =
  | { readonly kind: "issuer"; readonly issuer: string }
  | { readonly kind: "malformed"; readonly problem: string }
  | { readonly kind: "unknown"; readonly reason: string };

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const PATH_SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=@%-]+$/;
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
  if (EKS_ISSUER_HOST.test(host) && !EKS_ISSUER_PATH.test(path))
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
  if (isBuiltInProvider(trimmed)) return { kind: "issuer", issuer: trimmed.toLowerCase() };
  if (trimmed.includes("${")) {
    const reference = PROVIDER_REFERENCE.exec(trimmed);
    if (reference) return resolveProviderReference(reference[1], roleLocation, graph);
    const problem = interpolatedProviderProblem(trimmed);
    if (problem) return { kind: "malformed", problem };
    return { kind: "unknown", reason: `the Federated principal ${quote(trimmed)} is not resolved` };
  }
  return literalPrincipal(trimmed);
}

// A literal value resolves the same wherever it is written; apps repeat a few providers.
const literalPrincipal = boundedMemo(4096, (value) => Object.freeze(resolveLiteralPrincipal(value)));

/** A Federated value without interpolation that is not a built-in provider. */
function resolveLiteralPrincipal(trimmed: string): FederatedPrincipal {
  if (trimmed === "")
    return { kind: "unknown", reason: "the Federated principal is empty (known only after apply)" };
  const arn = parseOidcProviderArn(trimmed);
  if (!arn) {
    if (/^arn:aws[a-z-]*:iam::\d{12}:saml-provider\//.test(trimmed)) {
      return { kind: "malformed", problem: "it is a SAML provider, which cannot issue web-identity tokens" };
    }
    return {
      kind: "malformed",
      problem: "it is neither an oidc-provider ARN nor an identity provider IAM knows",
    };
  }
  const problem = providerUrlProblem(arn.hostPath);
  if (problem) return { kind: "malformed", problem };
  return { kind: "issuer", issuer: normalizeIssuer(arn.hostPath) };
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
