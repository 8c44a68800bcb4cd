import { appendAll } from "../../model/append-all";
import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote, quoteLocation } from "../../analysis/quote";
import { cappedList, compareLocations, groupLocations, SHOWN_IDENTITIES } from "../../analysis/shared-groups";
import type { TokenAcceptor } from "../../analysis/trust-token-acceptors";
import { tokenAcceptors } from "../../analysis/trust-token-acceptors";
import { sharedTokens, type SharedToken } from "../../analysis/trust-token-pairs";

function issuerLabel(issuer: string): string {
  return issuer.startsWith("vault-mount:")
    ? `Vault mount ${quote(issuer.split(":").slice(2).join(":"))}`
    : `issuer ${quote(issuer)}`;
}

/**
 * One result per token several identities accept: shares with the same identities and the same
 * shared subject are one finding (an identity may accept it through several principals).
 */
function tokenResults(shares: readonly SharedToken[]): RuleResult[] {
  const merged = new Map<string, { acceptors: TokenAcceptor[]; subject: string; issuer: string }>();
  for (const share of shares) {
    const acceptors = share.sides.flat();
    const ids = [...new Set(acceptors.map((a) => a.identityId))].sort();
    const key = JSON.stringify([ids, share.subject]);
    const known = merged.get(key);
    if (known) appendAll(known.acceptors, acceptors);
    else merged.set(key, { acceptors, subject: share.subject, issuer: acceptors[0].issuer });
  }
  return [...merged.values()].map(({ acceptors, subject, issuer }) => {
    const entries = acceptors.map((acceptor) => ({
      acceptor,
      identity: { id: acceptor.identityId, name: acceptor.identityName },
    }));
    const { location, related } = groupLocations(entries, (e) => e.acceptor.location, "per-identity");
    const names = new Map<string, string>();
    for (const { identity } of entries) names.set(identity.id, identity.name);
    const ids = [...names.keys()].sort();
    const where = `${issuerLabel(issuer)} with subject ${quote(subject)}`;
    const message =
      ids.length === 2
        ? `Identities ${quote(names.get(ids[0])!)} and ${quote(names.get(ids[1])!)} accept the same token from ${where} (${quoteLocation(location)} and ${quoteLocation(firstLocationOf(entries, ids[1]))}).`
        : `${ids.length} identities accept the same token from ${where}: ${cappedList(
            ids.slice(0, SHOWN_IDENTITIES).map((id) => quote(names.get(id)!)),
            ids.length,
          )}.`;
    return { message, location, related, identityIds: ids, key: subject };
  });
}

function firstLocationOf(
  entries: ReadonlyArray<{ acceptor: TokenAcceptor; identity: { id: string } }>,
  id: string,
): TokenAcceptor["location"] {
  return entries
    .filter((entry) => entry.identity.id === id)
    .map((entry) => entry.acceptor.location)
    .sort(compareLocations)[0];
}

export const WI303_SAME_TOKEN: Rule = {
  id: "WI303",
  title: "Two identities accept the same token",
  severity: "error",
  rationale:
    "When two identities trust the same issuer and one token can satisfy both bindings, one workload's token unlocks the other's credentials: a compromise of one job silently inherits the other's trust and audit cannot tell them apart. The audience does not separate them: the workload chooses it when it requests the token.",
  fix: "Bind each identity to its own workload (repository and ref or environment, service account, workspace), with claims that no token of the other can carry; merge the identities if they really are one workload.",
  owasp: ["NHI9", "NHI6"],
  semantics: [
    "A binding admits the tokens that satisfy all its constraints together: every IAM condition on the issuer's keys (`sub`, and per-claim keys such as `token.actions.githubusercontent.com:repository`, `:repository_id`, `:environment`, `:ref`, `:job_workflow_ref`, `:actor`, `:enterprise_id`), or a Vault role's `bound_subject` AND every `bound_claims` entry (exact, or glob when `bound_claims_type` is `glob`; comma-separated values are alternatives) (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif, https://developer.hashicorp.com/vault/api-docs/auth/jwt#create-update-role).",
    "Two bindings share a token when every claim both constrain admits a common value (exact automaton intersection); claims a GitHub subject fixes (`repo:OWNER/REPO:` names `repository`, the ID form `repo:OWNER@ID/REPO@ID:` also `repository_id`) are compared with the per-claim pins (https://docs.github.com/en/actions/reference/security/oidc).",
    "The audience never separates two identities: the workload picks it (GitHub `core.getIDToken(audience)`, GitLab `id_tokens`, Kubernetes projected tokens, SPIFFE JWT-SVIDs) (https://docs.github.com/en/actions/reference/security/oidc, https://docs.gitlab.com/ci/secrets/id_token_authentication/).",
    "A Vault JWT mount without `bound_issuer` or discovery accepts every token its `jwks_url` or `jwt_validation_pubkeys` verify, so mounts with the same keys are one issuer; a JWKS at an issuer's `/.well-known/jwks` is that issuer's (https://developer.hashicorp.com/vault/api-docs/auth/jwt#configure).",
    "Kubernetes auth roles admit `system:serviceaccount:NAMESPACE:NAME` for every bound namespace and name, each a glob (`*` anywhere) (https://developer.hashicorp.com/vault/api-docs/auth/kubernetes#create-role).",
  ],
  check({ graph }) {
    return tokenResults(sharedTokens(tokenAcceptors(graph)));
  },
};
