/**
 * The real-world corpus (test/fixtures/corpus): Terraform JSON, cdktf output and plan JSON written by
 * others, each with an EXPECTED.md. For every case this test pins the exact verdict of every
 * resource the reviewer flags, and that every resource EXPECTED.md calls clean is not flagged.
 *
 * Verdict of an address: the highest severity among findings located at it or naming it as a
 * related resource (the principal a policy is attached to, the data document it was rendered
 * from, the second identity of a shared path). `unknown` = no error other than "unknown — needs
 * review" findings (which block by default: unknown fails closed), and at least one of those. Where we deliberately differ from EXPECTED.md, `differs` says why.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { evaluate } from "../../lib/engine/evaluate";
import { resolvePolicy } from "../../lib/model/resolve-policy";
import { buildGraph } from "../../lib/extract/build-graph";
import { loadInputs } from "../../lib/cli/load-inputs";
import type { Finding } from "../../lib/model/finding";
import { CORPUS_DIR } from "../support/fixture-paths";

const CORPUS = CORPUS_DIR;

type Verdict = "error" | "warning" | "unknown" | "clean";

interface Expectation {
  readonly verdict: Verdict;
  /** Rule ids expected among the findings at this address. */
  readonly rules?: readonly string[];
  /** Why our verdict differs from EXPECTED.md, when it does. */
  readonly differs?: string;
}

interface CorpusCase {
  readonly name: string;
  readonly files: readonly string[];
  readonly expected: Readonly<Record<string, Expectation>>;
}

const ACCOUNTABILITY_ONLY =
  "EXPECTED.md judges the trust and permissions only; this is a web-identity role with no owner, approver or TTL anywhere " +
  "(no record, no workload-identity tags), which this tool reports as a warning (WI101), never as an error.";

const CASES: readonly CorpusCase[] = [
  {
    name: "angegar-cdk-eks-cdktf",
    files: ["cdk.tf.json"],
    expected: {
      "aws_iam_role.ec2-pods-execution-role": {
        verdict: "warning",
        rules: ["WI501", "WI508", "WI510"],
        differs:
          "EXPECTED.md rates route53:* on * and Route53Domains full access 'high'. We flag both, as warnings: a whole-service " +
          "wildcard outside IAM and a *FullAccess managed policy are over-broad but not account takeover (only `*`, `iam:*`, " +
          "AdministratorAccess/IAMFullAccess and escalation actions block). The no-op web-identity grant is a note (WI510).",
      },
      "aws_iam_role.eks-cluster-role": { verdict: "clean" },
    },
  },
  {
    name: "aymanzahran-crossplane-irsa-cdktf",
    files: ["cdk.tf.json"],
    expected: {
      "aws_iam_role.eks_iam-eks-node-role_1738041F": { verdict: "error", rules: ["WI101", "WI212", "WI508"] },
      "provider.aws": { verdict: "error", rules: ["WI407"] },
    },
  },
  {
    name: "checkov-github-oidc-roles",
    files: ["github-oidc-roles.tf.json"],
    expected: {
      "aws_iam_role.fail1": { verdict: "error", rules: ["WI101", "WI201", "WI202"] },
      "aws_iam_role.fail2": { verdict: "error", rules: ["WI101", "WI201", "WI203"] },
      "aws_iam_role.fail-wildcard": { verdict: "error", rules: ["WI101", "WI201", "WI203", "WI204"] },
      "aws_iam_role.fail-wildcard-assertion": {
        verdict: "error",
        rules: ["WI101", "WI201", "WI203", "WI204"],
      },
      "aws_iam_role.fail-abusable": { verdict: "error", rules: ["WI101", "WI201", "WI203"] },
      "aws_iam_role.fail-misused-repo": { verdict: "error", rules: ["WI101", "WI201", "WI203", "WI204"] },
      "aws_iam_role.pass-org-only": { verdict: "error", rules: ["WI101", "WI201", "WI203", "WI204"] },
      "aws_iam_role.pass-fm-customer": { verdict: "error", rules: ["WI101", "WI201", "WI203"] },
      "aws_iam_role.pass2": { verdict: "error", rules: ["WI101", "WI203", "WI303"] },
      "aws_iam_role.pass_aud_first": { verdict: "error", rules: ["WI101", "WI203"] },
      "aws_iam_role.pass3": {
        verdict: "error",
        rules: ["WI101", "WI303"],
        differs:
          "pass3's own trust is pinned (no trust-binding finding is located on it), but pass2's StringLike " +
          "`repo:myOrg/myRepo:*` accepts every token pass3 accepts: the two roles share one credential path, and WI303 " +
          "(located on pass2, the wider one) names pass3 as the second identity. Pinning pass2 clears it.",
      },
      "aws_iam_role.pass-gh-org": { verdict: "warning", rules: ["WI101", "WI205"] },
      "aws_iam_role.pass1": { verdict: "clean" },
    },
  },
  {
    name: "checkov-iam-policies-plan",
    files: ["tfplan.json"],
    expected: {
      // WI308: the user fail_3 holds iam:* on *, so it can rewrite this role's trust and become it.
      "aws_iam_role.example": { verdict: "error", rules: ["WI308", "WI501"] },
      "aws_iam_role_policy.fail_1": { verdict: "error", rules: ["WI501"] },
      "aws_iam_group.fail_2": { verdict: "error", rules: ["WI501"] },
      "aws_iam_group_policy.fail_2": { verdict: "error", rules: ["WI501"] },
      "aws_iam_user.fail_3": { verdict: "error", rules: ["WI501"] },
      "aws_iam_user_policy.fail_3": { verdict: "error", rules: ["WI308", "WI501"] },
      "aws_iam_policy.policy_pass": { verdict: "warning", rules: ["WI501"] },
      "data.aws_iam_policy_document.fail_1": { verdict: "error", rules: ["WI501"] },
    },
  },
  ...["tfplan.json", "tfplan.pr7610.json"].map((file): CorpusCase => ({
    name: "checkov-oidc-trust-data-plan",
    files: [file],
    expected: {
      "module.poc.aws_iam_openid_connect_provider.r5": { verdict: "warning", rules: ["WI213"] },
      'module.poc.data.aws_iam_policy_document.r3["p1"]': { verdict: "clean" },
      'module.poc.data.aws_iam_policy_document.r3["p2"]': { verdict: "clean" },
      'module.poc.data.aws_iam_policy_document.r4["p1"]': { verdict: "warning", rules: ["WI205"] },
      'module.poc.data.aws_iam_policy_document.r4["p2"]': { verdict: "warning", rules: ["WI205"] },
      'module.poc.aws_iam_role.r1["p1"]': {
        verdict: "warning",
        rules: ["WI101"],
        differs: ACCOUNTABILITY_ONLY,
      },
      'module.poc.aws_iam_role.r1["p2"]': {
        verdict: "warning",
        rules: ["WI101"],
        differs: ACCOUNTABILITY_ONLY,
      },
      'module.poc.aws_iam_role.r6["p1"]': { verdict: "warning", rules: ["WI101", "WI205"] },
      'module.poc.aws_iam_role.r6["p2"]': { verdict: "warning", rules: ["WI101", "WI205"] },
      "module.poc.data.aws_iam_policy_document.pass_immutable": { verdict: "clean" },
    },
  })),
  {
    name: "checkov-terragoat-plan",
    files: ["tfplan.json"],
    expected: {
      "aws_iam_access_key.user": { verdict: "error", rules: ["WI401"] },
      "aws_iam_user.user": { verdict: "error", rules: ["WI401", "WI501"] },
      "aws_iam_user_policy.userpolicy": { verdict: "warning", rules: ["WI501"] },
      "aws_iam_role.ec2role": { verdict: "warning", rules: ["WI501"] },
      "aws_iam_role_policy.ec2policy": { verdict: "warning", rules: ["WI501"] },
      "aws_lambda_function.analysis_lambda": { verdict: "error", rules: ["WI407"] },
      "aws_instance.web_host": { verdict: "error", rules: ["WI407"] },
      "aws_elasticsearch_domain_policy.monitoring-framework-policy": { verdict: "warning", rules: ["WI501"] },
      "data.aws_iam_policy_document.policy": {
        verdict: "warning",
        rules: ["WI501"],
        differs:
          "Not listed in EXPECTED.md: it is the document the Elasticsearch domain policy is rendered from, flagged with it (as checkov-iam-policies-plan asks for source documents).",
      },
      "aws_iam_instance_profile.ec2profile": { verdict: "clean" },
      "aws_iam_role.iam_for_eks": { verdict: "clean" },
      "aws_iam_role_policy_attachment.policy_attachment-AmazonEKSClusterPolicy": { verdict: "clean" },
      "aws_iam_role_policy_attachment.policy_attachment-AmazonEKSServicePolicy": { verdict: "clean" },
      "aws_iam_role.iam_for_lambda": { verdict: "clean" },
    },
  },
  {
    name: "regula-admin-policy-plan",
    files: ["admin_policy_infra.json"],
    expected: {
      "aws_iam_policy.invalid_policy": { verdict: "error", rules: ["WI501"] },
      "aws_iam_policy.valid_deny_policy": { verdict: "clean" },
      "aws_iam_group.my_group": { verdict: "error", rules: ["WI501"] },
      "aws_iam_group_policy.invalid_group_policy": { verdict: "error", rules: ["WI501"] },
      "aws_iam_group_policy.valid_group_policy": { verdict: "clean" },
      // WI308: the admin user can rewrite this role's trust and policies, so it can become it.
      "aws_iam_role.my_test_role": { verdict: "error", rules: ["WI308", "WI501"] },
      "aws_iam_role_policy.invalid_role_policy": { verdict: "error", rules: ["WI302", "WI501"] },
      "aws_iam_role_policy.valid_role_policy": { verdict: "clean" },
      "aws_iam_user.my_test_user": { verdict: "error", rules: ["WI501"] },
      "aws_iam_user_policy.invalid_user_policy": { verdict: "error", rules: ["WI302", "WI308", "WI501"] },
      "aws_iam_user_policy.valid_user_policy": { verdict: "clean" },
    },
  },
  {
    name: "regula-cdktf-posts-stack",
    files: ["posts-dev.tf.json"],
    expected: {
      "aws_iam_role.posts_api_lambda-exec_B42627E0": { verdict: "clean" },
      "aws_iam_role_policy_attachment.posts_api_lambda-managed-policy_460C9C52": { verdict: "clean" },
      "aws_lambda_permission.posts_api_apigw-lambda_02C673B9": { verdict: "clean" },
      "aws_apigatewayv2_api.posts_api_api-gw_B6634897": { verdict: "clean" },
    },
  },
  {
    name: "snyk-terraci-unknown-policy-plan",
    files: ["tf-plan-create.json"],
    expected: {
      "aws_iam_role_policy.terra_ci_job": { verdict: "unknown", rules: ["WI509"] },
      "aws_iam_role_policy.terra_ci_runner": { verdict: "unknown", rules: ["WI509"] },
      "aws_iam_role.terra_ci_job": { verdict: "unknown", rules: ["WI302", "WI508", "WI509"] },
      "aws_iam_role.terra_ci_runner": { verdict: "unknown", rules: ["WI302", "WI509"] },
      "aws_iam_role_policy_attachment.terra_ci_job_ecr_access": { verdict: "warning", rules: ["WI508"] },
    },
  },
];

function findingsAt(findings: readonly Finding[], address: string): Finding[] {
  return findings.filter(
    (f) => f.location.address === address || f.related.some((r) => r.address === address),
  );
}

/** Unknown fails closed (it blocks by default), but the corpus tells "needs review" from a known error. */
function verdictOf(findings: readonly Finding[]): Verdict {
  const flagged = findings.filter((f) => f.severity !== "note");
  if (flagged.some((f) => f.severity === "error" && !f.unknown)) return "error";
  if (flagged.length === 0) return "clean";
  return flagged.some((f) => f.unknown) ? "unknown" : "warning";
}

test("every corpus case is covered by this test", () => {
  const cases = readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const covered = [...new Set(CASES.map((c) => c.name))].sort();
  expect(covered).toEqual(cases);
  for (const corpusCase of CASES) {
    const jsonFiles = readdirSync(join(CORPUS, corpusCase.name)).filter((f) => f.endsWith(".json"));
    const coveredFiles = CASES.filter((c) => c.name === corpusCase.name).flatMap((c) => c.files);
    expect(coveredFiles.sort()).toEqual(jsonFiles.sort());
  }
});

describe.each(CASES.map((c) => [`${c.name}/${c.files.join(",")}`, c] as const))(
  "corpus %s",
  (_label, corpusCase) => {
    const paths = corpusCase.files.map((file) => join(CORPUS, corpusCase.name, file));
    const evaluation = () => evaluate(buildGraph(loadInputs(paths)), resolvePolicy({ today: "2026-11-27" }));
    let findings: readonly Finding[] = [];
    beforeAll(() => {
      expect(paths.every((p) => existsSync(p))).toBe(true);
      findings = evaluation().findings;
    });

    test("flags exactly the expected resources, each with its expected verdict", () => {
      const flagged = new Set(
        findings
          .filter((f) => f.severity !== "note")
          .flatMap((f) => [f.location.address, ...f.related.map((r) => r.address)]),
      );
      const expectedFlagged = Object.entries(corpusCase.expected)
        .filter(([, e]) => e.verdict !== "clean")
        .map(([address]) => address);
      expect([...flagged].sort()).toEqual(expectedFlagged.sort());
      const actual = Object.fromEntries(
        Object.keys(corpusCase.expected).map((address) => [
          address,
          verdictOf(findingsAt(findings, address)),
        ]),
      );
      const wanted = Object.fromEntries(Object.entries(corpusCase.expected).map(([a, e]) => [a, e.verdict]));
      expect(actual).toEqual(wanted);
    });

    test("reports the expected rules at each flagged resource", () => {
      for (const [address, expectation] of Object.entries(corpusCase.expected)) {
        if (!expectation.rules) continue;
        const rules = [...new Set(findingsAt(findings, address).map((f) => f.ruleId))].sort();
        expect({ address, rules }).toEqual({ address, rules: [...expectation.rules].sort() });
      }
    });
  },
);
