import type { Rule } from "../rule";
import { staticCredentialResults } from "./credential-findings";

export const WI404_APPROLE_SECRET_ID: Rule = {
  id: "WI404",
  title: "AppRole secret ID",
  severity: "error",
  rationale:
    "An AppRole secret ID is a static password for a machine; created by Terraform it sits in state and must be delivered and rotated by hand.",
  fix: "Use JWT/OIDC auth bound to the workload's runtime identity instead of AppRole secret IDs.",
  owasp: ["NHI7", "NHI2"],
  check({ graph }) {
    return staticCredentialResults(graph, ["vault-approle-secret-id"], "is an AppRole secret ID");
  },
};
