import type { Rule } from "../rule";
import { staticCredentialResults } from "./credential-findings";

export const WI403_VAULT_TOKEN: Rule = {
  id: "WI403",
  title: "Vault token created by Terraform",
  severity: "error",
  rationale:
    "A vault_token resource mints a token whose value lands in Terraform state and is handed around out of band; it is not bound to a workload's runtime identity.",
  fix: "Let the workload log in with its own JWT (WorkloadIdentity) instead of distributing a token.",
  owasp: ["NHI7", "NHI2"],
  check({ graph }) {
    return staticCredentialResults(graph, ["vault-token"], "is a Vault token created by Terraform");
  },
};
