import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { webIdentityTrusts } from "../../analysis/trust-aws-analysis";
import { trustSourcesRelated } from "../../analysis/trust-principals";
import { quote, quoteLocation } from "../../analysis/quote";

export const WI212_MALFORMED_PROVIDER_ARN: Rule = {
  id: "WI212",
  title: "Federated principal is not a well-formed OIDC provider",
  severity: "warning",
  rationale:
    "A Federated principal that is not `arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH]` (or a provider IAM knows by name) names no provider: the role cannot be assumed as written, and its conditions (keyed on the same malformed prefix) pin nothing that will hold once someone fixes the ARN.",
  fix: "Reference the provider resource's ARN (`aws_iam_openid_connect_provider.x.arn`), e.g. for EKS `oidc-provider/oidc.eks.REGION.amazonaws.com/id/CLUSTER_ID`.",
  owasp: ["NHI6"],
  check({ graph }) {
    const results: RuleResult[] = [];
    // Indexed: this runs per trust, unoptimized, where each iterator step allocates.
    const trusts = webIdentityTrusts(graph, "malformed-principal");
    for (let t = 0; t < trusts.length; t++) {
      const trust = trusts[t];
      const location = trust.occurrence.principal.location;
      results.push({
        message: `Role ${quoteLocation(location)} trusts the Federated principal ${quote(trust.principal)}, which is malformed: ${trust.problem}.`,
        location,
        ...trustSourcesRelated(trust.occurrence.principal),
        identityIds: trust.occurrence.identityIds,
        key: trust.principal,
      });
    }
    return results;
  },
};
