import type { RuleResult } from "../../model/finding";
import type { OidcProvider } from "../../model/graph";
import { isUnknown } from "../../model/unknown";
import type { Rule } from "../rule";
import { webIdentityTrusts } from "../../analysis/trust-aws-analysis";
import { normalizeIssuer } from "../../model/issuer";
import { quote, quoteLocation } from "../../analysis/quote";

/** Google OAuth client IDs: `NUMBER-ID.apps.googleusercontent.com`, or the numeric id. */
const GOOGLE_CLIENT_ID = /^(\d+(-[a-z0-9]+)?\.apps\.googleusercontent\.com|\d+)$/;

interface KnownProvider {
  readonly provider: OidcProvider;
  readonly issuer: string;
  readonly clientIds: readonly string[];
}

function knownProvider(provider: OidcProvider): { issuer: string; clientIds: readonly string[] } | undefined {
  if (isUnknown(provider.url) || isUnknown(provider.clientIds) || provider.url.includes("${"))
    return undefined;
  if (provider.clientIds.some((id) => id.includes("${"))) return undefined;
  return { issuer: normalizeIssuer(provider.url), clientIds: provider.clientIds };
}

export const WI213_AUDIENCE_NEVER_MATCHES: Rule = {
  id: "WI213",
  title: "OIDC audience cannot match the issuer's tokens",
  severity: "warning",
  rationale:
    "STS accepts a token only when its aud is in the provider's client ID list, and the trust then compares the aud condition. Google ID tokens for OAuth clients carry the client ID (`...apps.googleusercontent.com`) as aud, so a client ID such as sts.amazonaws.com matches nothing; a trust that pins an audience missing from the provider's list can never be assumed. Broken trust invites a hurried, wider fix.",
  fix: "List the audience the issuer really puts in its tokens in `client_id_list`, and pin that same value in the trust.",
  owasp: ["NHI6"],
  check({ graph }) {
    const results: RuleResult[] = [];
    const providers: KnownProvider[] = [];
    for (const provider of graph.oidcProviders) {
      const known = knownProvider(provider);
      if (known) providers.push({ provider, ...known });
    }
    for (const { provider, issuer, clientIds } of providers) {
      if (issuer !== "accounts.google.com") continue;
      const wrong = clientIds.find((id) => !GOOGLE_CLIENT_ID.test(id));
      if (wrong === undefined) continue;
      results.push({
        message: `OIDC provider ${quoteLocation(provider.location)} for ${quote(issuer)} lists client ID ${quote(wrong)}, which is not a Google OAuth client ID, so Google tokens do not carry it as audience.`,
        location: provider.location,
        identityIds: [],
        key: wrong,
      });
    }
    // Providers by issuer and stack: each trust looks up its own.
    const byIssuerAndStack = new Map<string, Map<string, KnownProvider[]>>();
    for (const known of providers) {
      let byStack = byIssuerAndStack.get(known.issuer);
      if (!byStack) byIssuerAndStack.set(known.issuer, (byStack = new Map()));
      const stack = known.provider.location.stack ?? "";
      const list = byStack.get(stack);
      if (list) list.push(known);
      else byStack.set(stack, [known]);
    }
    // Indexed: this runs per trust, unoptimized, where each iterator step allocates.
    const trusts = webIdentityTrusts(graph, "assumable");
    for (let t = 0; t < trusts.length; t++) {
      const trust = trusts[t];
      const literalPin = trust.audiencePins.find((pin) => pin.match !== "glob");
      if (!literalPin) continue;
      if (trust.issuer === undefined) continue;
      const matching = byIssuerAndStack
        .get(trust.issuer)
        ?.get(trust.occurrence.principal.location.stack ?? "");
      if (matching === undefined || matching.length !== 1) continue;
      const clientIds = matching[0].clientIds;
      const fits = literalPin.values.some((value) =>
        literalPin.match === "literal"
          ? clientIds.includes(value)
          : clientIds.some((id) => id.toLowerCase() === value.toLowerCase()),
      );
      if (fits) continue;
      const location = trust.occurrence.principal.location;
      results.push({
        message: `Role ${quoteLocation(location)} pins audience ${quote(literalPin.values[0] ?? "")}, which OIDC provider ${quoteLocation(matching[0].provider.location)} does not list as a client ID, so the role cannot be assumed.`,
        location,
        related: [matching[0].provider.location],
        identityIds: trust.occurrence.identityIds,
        key: trust.principal,
      });
    }
    return results;
  },
};
