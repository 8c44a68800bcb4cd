import type { IdentityProfile } from "./identity-profile";
import { approvalText, ownerText } from "./review-diff";

/**
 * What a reviewer needs to judge one identity, in the order the review shows it: who is
 * accountable (owner, approvals, TTL), who can present a token it accepts (issuer, subject, the
 * trust conditions incl. audiences) and what it reaches (granted AWS actions and Vault paths).
 * Plain strings: each format escapes them.
 */
export interface IdentityCard {
  readonly facts: readonly (readonly [label: string, value: string | undefined])[];
  readonly trust: readonly string[];
  readonly reach: readonly string[];
}

export function identityCard(profile: IdentityProfile): IdentityCard {
  const place = profile.stack ? `${profile.stack}:${profile.address}` : profile.address;
  return {
    facts: [
      ["Owner", ownerText(profile.owner)],
      ["Approver", approvalText(profile.approver)],
      ["Secrets approver", approvalText(profile.secretsApprover)],
      ["TTL", profile.ttl.text],
      ["Issuer", profile.issuer],
      ["Issuer owner", ownerText(profile.issuerOwner)],
      ["Subject", profile.subjects.length > 0 ? profile.subjects.join(", ") : undefined],
      ["Intent", profile.description],
      ["Declared at", profile.declaredAt],
      ["Synthesized as", `${place} (${profile.file})`],
    ],
    trust: profile.trust.map((entry) => entry.text),
    reach: profile.scope.map((entry) => entry.text),
  };
}
