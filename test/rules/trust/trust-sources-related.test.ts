import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { buildGraph } from "../../../lib/extract/build-graph";
import type { PolicyCondition } from "../../../lib/model/iam-policy";
import type { Rule } from "../../../lib/rules/rule";
import { WI201_NO_AUDIENCE_PIN } from "../../../lib/rules/trust/wi201-no-audience-pin";
import { WI202_NO_SUBJECT_PIN } from "../../../lib/rules/trust/wi202-no-subject-pin";
import { WI203_UNPINNED_SUBJECT } from "../../../lib/rules/trust/wi203-unpinned-subject";
import { WI204_WILDCARD_UNDER_STRING_EQUALS } from "../../../lib/rules/trust/wi204-wildcard-under-string-equals";
import { WI205_FOREIGN_CONDITION_KEY } from "../../../lib/rules/trust/wi205-foreign-condition-key";
import { WI212_MALFORMED_PROVIDER_ARN } from "../../../lib/rules/trust/wi212-malformed-provider-arn";
import { WI214_TRUST_UNKNOWN } from "../../../lib/rules/trust/wi214-trust-unknown";
import { graph, loc } from "../../support/graph-builder";
import { GITHUB, GITHUB_PROVIDER, eq, like, webIdentityRoleIdentity } from "./trust-fixtures";
import { run } from "../harness";
import { CORPUS_DIR } from "../../support/fixture-paths";

const AUD = eq(`${GITHUB}:aud`, "sts.amazonaws.com");
const SUB = eq(`${GITHUB}:sub`, "repo:acme/api:ref:refs/heads/main");
const SOURCE = 'data.aws_iam_policy_document.trust["a"]';

/** One role in stack "s" whose trust was rendered from SOURCE (or from nothing), and another without. */
function rendered(conditions: PolicyCondition[], federated = [GITHUB_PROVIDER], trustUnknown = false) {
  const extra = trustUnknown ? { trust: { unknown: true as const, reason: "known only after apply" } } : {};
  return graph({
    identities: [
      webIdentityRoleIdentity("rendered", conditions, federated, {
        location: loc("aws_iam_role.rendered", { file: "stacks/s/cdk.tf.json", stack: "s" }),
        trustSources: [SOURCE, SOURCE],
        ...extra,
      }),
      webIdentityRoleIdentity("inline", conditions, federated, extra),
    ],
  });
}

const CASES: Array<[Rule, ReturnType<typeof rendered>]> = [
  [WI201_NO_AUDIENCE_PIN, rendered([SUB])],
  [WI202_NO_SUBJECT_PIN, rendered([AUD])],
  [WI203_UNPINNED_SUBJECT, rendered([AUD, like(`${GITHUB}:sub`, "repo:acme/*")])],
  [WI204_WILDCARD_UNDER_STRING_EQUALS, rendered([AUD, eq(`${GITHUB}:sub`, "repo:acme/api:*")])],
  [WI205_FOREIGN_CONDITION_KEY, rendered([AUD, SUB, eq("gitlab.com:sub", "project_path:a/b")])],
  [WI212_MALFORMED_PROVIDER_ARN, rendered([AUD, SUB], ["github"])],
  [WI214_TRUST_UNKNOWN, rendered([], [GITHUB_PROVIDER], true)],
];

describe("trust results relate the data.aws_iam_policy_document the trust was rendered from", () => {
  test.each(CASES.map(([rule, g]) => [rule.id, rule, g] as const))("%s", (_id, rule, g) => {
    const results = run(rule, g);
    expect(results.map((r) => [r.location.address, r.related])).toEqual([
      ["aws_iam_role.rendered", [{ file: "stacks/s/cdk.tf.json", stack: "s", address: SOURCE }]],
      ["aws_iam_role.inline", undefined],
    ]);
  });
});

describe("corpus: checkov-oidc-trust-data-plan", () => {
  const dir = join(CORPUS_DIR, "checkov-oidc-trust-data-plan");
  const documents = readdirSync(dir)
    .filter((file) => file === "tfplan.json")
    .map((file) => {
      const text = readFileSync(join(dir, file), "utf8");
      return { file, format: "plan-json" as const, json: JSON.parse(text) as unknown, text };
    });

  test("GIVEN roles r6 rendered from data documents r4 WHEN WI205 runs THEN each warning relates its document", () => {
    const results = run(WI205_FOREIGN_CONDITION_KEY, buildGraph(documents));
    expect(results.map((r) => [r.location.address, r.related?.map((l) => l.address)])).toEqual([
      ['module.poc.aws_iam_role.r6["p1"]', ['module.poc.data.aws_iam_policy_document.r4["p1"]']],
      ['module.poc.aws_iam_role.r6["p2"]', ['module.poc.data.aws_iam_policy_document.r4["p2"]']],
    ]);
  });
});
