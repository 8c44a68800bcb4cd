import { WI212_MALFORMED_PROVIDER_ARN as rule } from "../../../lib/rules/trust/wi212-malformed-provider-arn";
import { WI214_TRUST_UNKNOWN } from "../../../lib/rules/trust/wi214-trust-unknown";
import { graph } from "../../support/graph-builder";
import { eq, GITHUB_PROVIDER, webIdentityRoleIdentity } from "./trust-fixtures";
import { flaggedResults, run } from "../harness";

/** The aymanzahran corpus case: a role ARN (with an unresolved variable) where the EKS cluster id belongs. */
const AYMANZAHRAN_ISSUER =
  "oidc.eks.us-east-1.amazonaws.com/id/arn:aws:iam::903664048601:role/${var.crossplane_iam_role_name}";

describe("WI212 Federated principal is not a well-formed OIDC provider", () => {
  it("Compliance: provider ARNs with host and path, EKS ids, and built-in providers", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity("github", [], [GITHUB_PROVIDER]),
        webIdentityRoleIdentity(
          "eks",
          [],
          [
            "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
          ],
        ),
        webIdentityRoleIdentity(
          "enterprise",
          [],
          ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com/acme"],
        ),
        webIdentityRoleIdentity("cognito", [], ["cognito-identity.amazonaws.com"]),
      ],
    });
    expect(run(rule, g)).toEqual([]);
  });

  it("Noncompliance 1: the aymanzahran IRSA role is malformed despite the unresolved variable, and WI214 stays silent on it", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity(
          "eks_iam-eks-node-role_1738041F",
          [
            eq(`${AYMANZAHRAN_ISSUER}:sub`, "system:serviceaccount:${var.ns}:${var.sa}"),
            eq(`${AYMANZAHRAN_ISSUER}:aud`, "sts.amazonaws.com"),
          ],
          [`arn:aws:iam::903664048601:oidc-provider/${AYMANZAHRAN_ISSUER}`],
        ),
      ],
    });
    const results = run(rule, g);
    expect(flaggedResults(results, rule)).toEqual(["aws_iam_role.eks_iam-eks-node-role_1738041F warning"]);
    expect(results[0].message).toContain("contains a colon");
    expect(run(WI214_TRUST_UNKNOWN, g)).toEqual([]);
  });

  it("Noncompliance 2: EKS host without /id/, bad account, SAML provider, free text", () => {
    const g = graph({
      identities: [
        webIdentityRoleIdentity(
          "eks-no-id",
          [],
          ["arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com"],
        ),
        webIdentityRoleIdentity(
          "short-account",
          [],
          ["arn:aws:iam::1234:oidc-provider/token.actions.githubusercontent.com"],
        ),
        webIdentityRoleIdentity("saml", [], ["arn:aws:iam::111122223333:saml-provider/okta"]),
        webIdentityRoleIdentity("text", [], ["github"]),
      ],
    });
    expect(flaggedResults(run(rule, g), rule)).toEqual([
      "aws_iam_role.eks-no-id warning",
      "aws_iam_role.saml warning",
      "aws_iam_role.short-account warning",
      "aws_iam_role.text warning",
    ]);
  });
});
