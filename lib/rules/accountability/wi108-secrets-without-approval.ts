import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { quote } from "../../analysis/quote";
import { identitiesWithAccountability } from "./accountable-identities";
import { secretReachOf } from "./secret-reach";
import { PrincipalDirectory } from "../../analysis/principal-directory";

export const WI108_SECRETS_WITHOUT_APPROVAL: Rule = {
  id: "WI108",
  title: "Secrets reachable without a separate secrets approval",
  severity: "error",
  rationale:
    "Approving a workload and approving the secrets it can read are separate decisions: secrets leak further than scopes, so their access needs its own named approver and reference. " +
    "Secret material is the one table the construct uses too: AWS actions that read or replace a Secrets Manager secret or SSM parameter, KMS Decrypt and GenerateDataKey(Pair), " +
    "secretsmanager:BatchGetSecretValue and rds-db:connect; Vault create, read, update, patch, delete and sudo (`list` returns key names only, " +
    "https://developer.hashicorp.com/vault/docs/concepts/policies#capabilities).",
  fix: "Declare `secretsApprover: { name, reference, expiresOn }`, or remove the grants that read or replace secrets.",
  owasp: ["NHI2", "NHI5"],
  check({ graph }) {
    const results: RuleResult[] = [];
    const directory = PrincipalDirectory.of(graph);
    // Indexed: this runs per identity, unoptimized, where each iterator step allocates.
    const subjects = identitiesWithAccountability(graph);
    for (let s = 0; s < subjects.length; s++) {
      const subject = subjects[s];
      const secretsApprover = subject.facts.secretsApprover;
      if (secretsApprover?.name && secretsApprover.reference) continue;
      const { identity } = subject;
      const reach = secretReachOf(identity, directory);
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
