import type { Rule } from "../rule";
import { staticCredentialResults } from "./credential-findings";

export const WI402_LOGIN_PROFILE: Rule = {
  id: "WI402",
  title: "IAM user with console login",
  severity: "error",
  rationale:
    "A login profile gives an IAM user a long-lived console password: a person can use the identity interactively, and the password outlives any workload run.",
  fix: "Remove the login profile; people sign in through the identity provider (IAM Identity Center), workloads through OIDC.",
  owasp: ["NHI10", "NHI7"],
  check({ graph }) {
    return staticCredentialResults(graph, ["aws-login-profile"], "is a console password (login profile)");
  },
};
