import { TRUST_RULES } from "../../../lib/rules/trust";
import { run } from "../harness";
import { checkovGithubOidcGraph } from "./checkov-github-oidc-roles";

/** EXPECTED.md of the checkov-github-oidc-roles corpus case, as `address rule severity`. */
const EXPECTED = [
  "aws_iam_role.fail-abusable WI201 error",
  "aws_iam_role.fail-abusable WI203 error",
  "aws_iam_role.fail-misused-repo WI201 error",
  "aws_iam_role.fail-misused-repo WI203 error",
  "aws_iam_role.fail-misused-repo WI204 error",
  "aws_iam_role.fail-wildcard WI201 error",
  "aws_iam_role.fail-wildcard WI203 error",
  "aws_iam_role.fail-wildcard WI204 error",
  "aws_iam_role.fail-wildcard-assertion WI201 error",
  "aws_iam_role.fail-wildcard-assertion WI203 error",
  "aws_iam_role.fail-wildcard-assertion WI204 error",
  "aws_iam_role.fail1 WI201 error",
  "aws_iam_role.fail1 WI202 error",
  "aws_iam_role.fail2 WI201 error",
  "aws_iam_role.fail2 WI203 error",
  "aws_iam_role.pass-fm-customer WI201 error",
  "aws_iam_role.pass-fm-customer WI203 error",
  "aws_iam_role.pass-gh-org WI205 warning",
  "aws_iam_role.pass-org-only WI201 error",
  "aws_iam_role.pass-org-only WI203 error",
  "aws_iam_role.pass-org-only WI204 error",
  "aws_iam_role.pass2 WI203 error",
  "aws_iam_role.pass_aud_first WI203 error",
];

describe("checkov CKV_AWS_393 fixtures (corpus checkov-github-oidc-roles)", () => {
  it("flags exactly the roles EXPECTED.md lists, with the expected rules and severities", () => {
    const graph = checkovGithubOidcGraph();
    const found = TRUST_RULES.flatMap((rule) =>
      run(rule, graph).map((r) => `${r.location.address} ${rule.id} ${r.severity ?? rule.severity}`),
    ).sort();
    expect(found).toEqual(EXPECTED);
  });

  it("reports nothing on pass3 and pass1, and only a warning on pass-gh-org", () => {
    const graph = checkovGithubOidcGraph();
    const results = TRUST_RULES.flatMap((rule) => run(rule, graph).map((r) => ({ rule, r })));
    const on = (address: string) => results.filter(({ r }) => r.location.address === address);
    expect(on("aws_iam_role.pass3")).toEqual([]);
    expect(on("aws_iam_role.pass1")).toEqual([]);
    expect(on("aws_iam_role.pass-gh-org").map(({ rule, r }) => r.severity ?? rule.severity)).toEqual([
      "warning",
    ]);
  });
});
