import type { Rule } from "../rule";
import { staticCredentialResults } from "./credential-findings";

export const WI407_HARD_CODED_AWS_KEY: Rule = {
  id: "WI407",
  title: "Hard-coded AWS access key",
  severity: "error",
  rationale:
    "An access key written into configuration (provider block, environment variables, user_data) is committed to version control and the synthesized output, readable by everyone with the repository.",
  fix: "Remove the key from configuration; authenticate the deployment and the workload with OIDC (WorkloadIdentity) and rotate the exposed key.",
  owasp: ["NHI2", "NHI7"],
  check({ graph }) {
    return staticCredentialResults(
      graph,
      ["hard-coded-aws-key", "provider-static-key"],
      "a hard-coded AWS access key",
    );
  },
};
