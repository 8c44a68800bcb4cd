import type { Rule } from "../rule";
import { staticCredentialResults } from "./credential-findings";

export const WI401_AWS_ACCESS_KEY: Rule = {
  id: "WI401",
  title: "Long-lived AWS access key",
  severity: "error",
  rationale:
    "An IAM access key never expires on its own; it is copied into CI settings and laptops, leaks through logs and state files, and cannot be tied to one workload run. Workloads should exchange a short-lived OIDC token instead.",
  fix: "Replace the key with a WorkloadIdentity (OIDC trust, short-lived sessions) and delete the aws_iam_access_key.",
  owasp: ["NHI7", "NHI2"],
  check({ graph }) {
    return staticCredentialResults(graph, ["aws-access-key"], "is a long-lived AWS access key");
  },
};
