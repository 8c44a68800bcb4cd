import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote, quoteLocation } from "../../analysis/quote";
import { tokenAcceptors } from "../../analysis/trust-token-acceptors";
import { sharedTokenPairs } from "../../analysis/trust-token-pairs";

function issuerLabel(issuer: string): string {
  return issuer.startsWith("vault-mount:")
    ? `Vault mount ${quote(issuer.split(":").slice(2).join(":"))}`
    : `issuer ${quote(issuer)}`;
}

export const WI303_SAME_TOKEN: Rule = {
  id: "WI303",
  title: "Two identities accept the same token",
  severity: "error",
  rationale:
    "When two identities trust the same issuer with overlapping audience and subject, one workload's token unlocks the other's credentials: a compromise of one job silently inherits the other's trust and audit cannot tell them apart.",
  fix: "Give each identity its own subject (repository and ref or environment, service account, workspace) and keep audiences distinct; merge the identities if they really are one workload.",
  owasp: ["NHI9", "NHI6"],
  check({ graph }) {
    return sharedTokenPairs(tokenAcceptors(graph)).map(({ first, second, subject }): RuleResult => ({
      message: `Identities ${quote(first.identityName)} and ${quote(second.identityName)} accept the same token from ${issuerLabel(first.issuer)} with subject ${quote(subject)} (${quoteLocation(first.location)} and ${quoteLocation(second.location)}).`,
      location: first.location,
      related: [second.location],
      identityIds: [first.identityId, second.identityId],
      key: subject,
    }));
  },
};
