import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { identitiesWithAccountability } from "./accountable-identities";
import { secretReachOf } from "./secret-reach";

export const WI108_SECRETS_WITHOUT_APPROVAL: Rule = {
  id: "WI108",
  title: "Secrets reachable without a separate secrets approval",
  severity: "error",
  rationale:
    "Approving a workload and approving the secrets it can read are separate decisions: secrets leak further than scopes, so their access needs its own named approver and reference.",
  fix: "Declare `secretsApprover: { name, reference, expiresOn }`, or remove the secret-reading grants.",
  owasp: ["NHI2", "NHI5"],
  check({ graph }) {
    const results: RuleResult[] = [];
    for (const subject of identitiesWithAccountability(graph)) {
      const secretsApprover = subject.facts.secretsApprover;
      if (secretsApprover?.name && secretsApprover.reference) continue;
      const { identity } = subject;
      const reach = secretReachOf(identity);
      if (reach.kind === "reaches") {
        results.push({
          message: `Identity ${quote(identity.name)} can read secrets (${quote(reach.evidence)}) without a separate secrets approval.`,
          location: identity.location,
          identityIds: [identity.id],
        });
      } else if (reach.kind === "unknown") {
        results.push({
          message: `Identity ${quote(identity.name)} has no secrets approval and may read secrets: ${quote(reach.reason)} — needs review.`,
          location: identity.location,
          identityIds: [identity.id],
          unknown: true,
          severity: "warning",
        });
      }
    }
    return results;
  },
};
